"""What the benchmark ran on, and how much memory a process used at its peak (Linux /proc)."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def total_ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / (1024 * 1024)
    except OSError:
        pass
    return float("nan")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def describe(model: str) -> str:
    return (f"{cpu_model()}, {os.cpu_count()} cores, {total_ram_gib():.0f} GiB RAM, "
            f"Python {platform.python_version()}, spaCy {_version('spacy')}, model {model} "
            f"{_version(model.replace('_', '-'))}, faust-streaming {_version('faust-streaming')}")


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def peak_rss_mib(pid: int | str = "self") -> float:
    """VmHWM (peak resident set size) of a running process, in MiB; NaN when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def process_tree(pid: int) -> list[int]:
    """`pid` and every process below it (a worker's enrichment process and multiprocessing's helper)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    tree, frontier = [pid], [pid]
    while frontier:
        below = [child for parent in frontier for child in children.get(parent, [])]
        tree.extend(below)
        frontier = below
    return tree


def tree_peak_rss_mib(pid: int) -> float:
    """Sum of the peak RSS of `pid` and its descendants: what one worker holds at most, all processes counted."""
    return sum(peak_rss_mib(member) for member in process_tree(pid))


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU of `pid` and its running descendants."""
    return sum(cpu_seconds(member) for member in process_tree(pid))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a running process has used so far; NaN when it cannot be read."""
    try:
        # The command name (field 2) may hold spaces; the numeric fields start after its closing parenthesis.
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")
