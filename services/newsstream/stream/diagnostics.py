"""What a stuck worker is waiting for: the consumer's flow state, logged on SIGUSR2 (`kill -USR2 <pid>`).

SIGUSR1 (from mode) logs the stack of every asyncio task; this adds what those stacks cannot show: which
partitions the consumer fetches, which are paused or held back by a full stream buffer, and whether flow
control or the producer buffer is holding the streams.
"""

from __future__ import annotations

from typing import Any

import faust


def _names(tps: Any) -> list[str]:
    return sorted(f"{tp.topic}/{tp.partition}" for tp in (tps or ()))


def flow_state(app: faust.App) -> dict[str, Any]:
    consumer = app.consumer
    state: dict[str, Any] = {
        "in_recovery": app.in_recovery,
        "flow_control_active": app.flow_control.is_active(),
        "assigned": _names(consumer.assignment()),
        # Private Faust attributes: there is no public view of them, and this is a diagnostic, read only.
        "fetching": _names(getattr(consumer, "_active_partitions", None)),
        "paused": _names(getattr(consumer, "_paused_partitions", None)),
        "held_by_full_buffer": _names(getattr(consumer, "_buffered_partitions", None)),
        "consumer_flow_active": getattr(consumer, "flow_active", None),
        "committed": {f"{tp.topic}/{tp.partition}": offset
                      for tp, offset in (getattr(consumer, "_committed_offset", None) or {}).items()},
        "read": {f"{tp.topic}/{tp.partition}": offset
                 for tp, offset in (getattr(consumer, "_read_offset", None) or {}).items()},
        "producer_buffer": {"size": app.producer.buffer.size, "max": app.producer.buffer.max_messages},
        "agents": {},
    }
    try:
        state["kafka_client"] = _client_state(consumer)
    except Exception as error:  # aiokafka internals change between versions; the rest is still worth having
        state["kafka_client"] = {"error": repr(error)}
    for agent in app.agents.values():
        queues = [actor.stream.channel.queue for actor in getattr(agent, "_actors", ()) if hasattr(actor, "stream")]
        state["agents"][agent.name] = [
            {"queued": queue.qsize(), "maxsize": queue.maxsize,
             "pressure_callbacks": len(getattr(queue, "_pending_pressure_drop_callbacks", ()))}
            for queue in queues]
    return state


def _client_state(consumer: Any) -> dict[str, Any]:
    """aiokafka's view, below Faust: per partition the fetch position, whether it is paused and its status."""
    client = getattr(getattr(consumer, "_thread", None), "_consumer", None)
    subscription = getattr(getattr(client, "_subscription", None), "subscription", None)
    assignment = getattr(subscription, "assignment", None)
    if assignment is None:
        return {}
    partitions = {}
    for tp, tp_state in assignment._tp_state.items():
        partitions[f"{tp.topic}/{tp.partition}"] = {
            "position": tp_state._position, "status": str(tp_state._status), "paused": tp_state.paused,
            "highwater": tp_state.highwater}
    fetcher = getattr(client, "_fetcher", None)
    buffered = {f"{tp.topic}/{tp.partition}": len(getattr(records, "_records", ()) or ())
                for tp, records in (getattr(fetcher, "_records", None) or {}).items()}
    return {"paused": _names(client.paused()), "partitions": partitions, "fetched_not_consumed": buffered}
