"""`newsstream worker`: create the topics, serve /metrics, run the Faust worker until SIGTERM/SIGINT."""

from __future__ import annotations

import logging

import faust

from .. import __version__
from ..kafka.topics import ensure_topics
from ..logs import logging_config
from ..metrics import serve_metrics
from ..settings import Settings
from . import recovery
from .app import create_app
from .diagnostics import flow_state

log = logging.getLogger(__name__)


class NewsstreamWorker(faust.Worker):
    """mode's worker, except that SIGUSR2 logs the consumer's flow state instead of starting pdb (there is
    no terminal to debug from in a container)."""

    def _on_sigusr2(self) -> None:
        log.warning("flow state (SIGUSR2)", extra={"flow_state": flow_state(self.app)})


def run(settings: Settings) -> int:
    recovery.apply(settings.allow_unpatched_faust)  # before anything is created: a refusal changes nothing
    (settings.state_dir / "worker").mkdir(parents=True, exist_ok=True)
    created = ensure_topics(settings)
    if created:
        log.info("created topics: %s", ", ".join(created))
    worker_app = create_app(settings)
    server = serve_metrics(worker_app.registry, settings.metrics_host, settings.metrics_port)
    log.info("newsstream %s worker starting", __version__,
             extra={"bootstrap": settings.bootstrap, "raw_topic": settings.topics.raw, "metrics_url": server.url,
                    "app_id": settings.app_id, "model": settings.spacy_model,
                    "matmul": settings.matmul})
    # Printed as well as logged: with NEWSSTREAM_METRICS_PORT=0 this is how one finds the chosen port.
    print(f"metrics: {server.url}", flush=True)
    worker = NewsstreamWorker(worker_app.app, loglevel=settings.log_level, logging_config=logging_config(settings.log_level),
                          redirect_stdouts=False, quiet=True)
    try:
        worker.execute_from_commandline()
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else 0
    finally:
        worker_app.close()
    return 0
