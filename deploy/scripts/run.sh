#!/usr/bin/env bash
# `make run`: a local broker (unless KAFKA_BOOTSTRAP_SERVERS is set), the topics, one worker, the newsroom
# screen (`newsstream web`), the sample articles fed in, and their enriched records shown as they arrive.
# Ctrl-C stops the screen, the worker and the broker cleanly.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=.venv/bin
STATE=${NEWSSTREAM_STATE_DIR:-.newsstream}
mkdir -p "$STATE"
worker_pid=""
web_pid=""
tail_pid=""
started_broker=""

cleanup() {
  trap - INT TERM EXIT
  # The terminal (or a pipe such as `| tee`) may already be gone: keep stopping even when echo fails.
  trap '' PIPE HUP
  echo
  echo "stopping..."
  [ -n "$tail_pid" ] && pkill -P "$tail_pid" 2>/dev/null || true
  if [ -n "$web_pid" ] && kill -0 "$web_pid" 2>/dev/null; then
    kill -TERM "$web_pid" 2>/dev/null || true
    wait "$web_pid" 2>/dev/null || true
  fi
  if [ -n "$worker_pid" ] && kill -0 "$worker_pid" 2>/dev/null; then
    kill -TERM "$worker_pid" 2>/dev/null || true
    wait "$worker_pid" 2>/dev/null || true
    echo "worker stopped"
  fi
  if [ -n "$started_broker" ]; then
    "$BIN/newsstream" broker stop
  fi
}
trap cleanup INT TERM EXIT

if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  # The broker's metrics for Prometheus (the JMX exporter, a java agent from Maven Central).
  export NEWSSTREAM_BROKER_METRICS_PORT=${NEWSSTREAM_BROKER_METRICS_PORT:-9404}
  if ! "$BIN/newsstream" broker status >/dev/null; then
    started_broker=yes
  fi
  "$BIN/newsstream" broker start
  echo "broker metrics: http://127.0.0.1:$NEWSSTREAM_BROKER_METRICS_PORT/metrics"
fi
"$BIN/newsstream" topics create

# Short trending windows so that a list appears within a minute (defaults: 1 hour, every 5 minutes).
export NEWSSTREAM_TRENDING_WINDOW_SECONDS=${NEWSSTREAM_TRENDING_WINDOW_SECONDS:-30}
export NEWSSTREAM_TRENDING_STEP_SECONDS=${NEWSSTREAM_TRENDING_STEP_SECONDS:-15}
export NEWSSTREAM_TRENDING_GRACE_SECONDS=${NEWSSTREAM_TRENDING_GRACE_SECONDS:-5}

echo "starting a worker (log: $STATE/worker.log)"
"$BIN/newsstream" worker >"$STATE/worker.log" 2>&1 &
worker_pid=$!

echo "starting the newsroom screen (log: $STATE/web.log)"
"$BIN/newsstream" web >"$STATE/web.log" 2>&1 &
web_pid=$!

echo "enriched records and dead letters as they arrive (summary view; full JSON: newsstream tail enriched):"
( "$BIN/newsstream" tail enriched --from-beginning --summary &
  "$BIN/newsstream" tail deadletter --from-beginning --summary &
  wait ) &
tail_pid=$!

"$BIN/newsstream" feed deploy/samples/
( sleep 45
  echo
  echo "trending entities (newsstream trending; windows of ${NEWSSTREAM_TRENDING_WINDOW_SECONDS}s for the demo):"
  "$BIN/newsstream" trending --timeout 60 || true ) &
echo "running: the newsroom screen on http://${NEWSSTREAM_WEB_HOST:-127.0.0.1}:${NEWSSTREAM_WEB_PORT:-8080}/ ;"
echo "metrics on http://${NEWSSTREAM_METRICS_HOST:-127.0.0.1}:${NEWSSTREAM_METRICS_PORT:-9464}/metrics;"
echo "feed more with '.venv/bin/newsstream feed PATH'; Ctrl-C stops worker and broker."
wait "$worker_pid"
