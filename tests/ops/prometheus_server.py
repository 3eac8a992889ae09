"""A Prometheus process of our own for the live test: our config, a temporary storage directory, a free
port on 127.0.0.1. (Debian's `prometheus` service is never used.)"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

T = TypeVar("T")


def live_config(base_config: Path, rules_dir: Path, target: str | None, interval: str = "1s",
                kafka_targets: list[str] | tuple[str, ...] = ()) -> dict[str, Any]:
    """deploy/prometheus/prometheus.yml with the worker found at `target` and the brokers' JMX exporters at
    `kafka_targets` instead of through Docker's DNS (a job without targets is left out), scraped and evaluated
    every `interval`; job names and rule files stay as deployed."""
    config: dict[str, Any] = yaml.safe_load(base_config.read_text())
    config["global"].update({"scrape_interval": interval, "evaluation_interval": interval})
    config["rule_files"] = [str(rules_dir / "*.yml")]
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    assert {"newsstream", "kafka"} <= set(jobs), "deploy/prometheus/prometheus.yml must have the newsstream and kafka jobs"
    config["scrape_configs"] = []
    for name, targets in (("newsstream", [target] if target else []), ("kafka", list(kafka_targets))):
        if targets:
            job = jobs[name]
            job.pop("dns_sd_configs", None)
            job["static_configs"] = [{"targets": targets}]
            config["scrape_configs"].append(job)
    return config


class PrometheusServer:
    def __init__(self, binary: str, config: dict[str, Any], workdir: Path, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        config_file = workdir / "prometheus.yml"
        config_file.write_text(yaml.safe_dump(config))
        self.log_file = workdir / "prometheus.log"
        self._log = open(self.log_file, "wb")  # noqa: SIM115 - closed in stop(), lives as long as the process
        self.process = subprocess.Popen(
            [binary, f"--config.file={config_file}", f"--storage.tsdb.path={workdir / 'data'}",
             f"--web.listen-address=127.0.0.1:{port}", "--storage.tsdb.retention.time=1h"],
            stdout=self._log, stderr=subprocess.STDOUT)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])

    def wait_until_ready(self, timeout: float = 60.0) -> None:
        self.wait_for("Prometheus to be ready", lambda: self._get("/-/ready") is not None, timeout)

    def api(self, path: str, **params: str) -> Any:
        """GET /api/v1/<path>; returns `data` of a successful answer, raises on an error answer."""
        body = self._get(f"/api/v1/{path}?{urllib.parse.urlencode(params)}", fail=True)
        answer = json.loads(body or "{}")
        if answer.get("status") != "success":
            raise AssertionError(f"{path} {params}: {answer}")
        return answer["data"]

    def query(self, expr: str) -> list[dict[str, Any]]:
        data = self.api("query", query=expr)
        assert data["resultType"] == "vector", f"{expr}: {data['resultType']}"
        return list(data["result"])

    def wait_for(self, what: str, condition: Callable[[], T | None], timeout: float = 90.0,
                 watch: Callable[[], None] | None = None) -> T:
        """Poll `condition` until it returns something truthy; fail with Prometheus's log on timeout.
        `watch` is called on every round and raises when something the wait depends on has died."""
        deadline = time.monotonic() + timeout
        while True:
            if watch is not None:
                watch()
            if self.process.poll() is not None:
                raise AssertionError(f"prometheus exited with {self.process.returncode}\n{self.log_tail()}")
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}\n{self.log_tail()}")
            time.sleep(0.25)

    def _get(self, path: str, fail: bool = False) -> bytes | None:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return bytes(response.read())
        except urllib.error.HTTPError as error:
            if fail:
                raise AssertionError(f"{path}: HTTP {error.code}: {error.read()[:500]!r}") from error
            return None
        except (urllib.error.URLError, ConnectionError):
            if fail:
                raise
            return None
