"""RFC 3339 timestamps as every record writes them (UTC, milliseconds, "Z") and reads them back."""

from __future__ import annotations

from datetime import UTC, datetime


def iso_time(seconds: float | None = None) -> str:
    """`seconds` since the epoch (default: now) as "2026-11-25T09:30:00.123Z"."""
    moment = datetime.now(UTC) if seconds is None else datetime.fromtimestamp(seconds, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(value: str | None) -> float | None:
    """Seconds since the epoch of an RFC 3339 timestamp; None when missing or unparseable."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None
