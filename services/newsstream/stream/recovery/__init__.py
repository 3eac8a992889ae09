"""Every workaround for faust-streaming lives here, each module saying what Faust does wrong, how it was proven,
and how to drop it when upstream fixes it:

- `rebalance_order`: after a rebalance with tables, 0.15.3 resumes stream partitions before seeking them and then
  clears the buffers (records lost); partitions with no committed offset are not sought at all.
- `continuity` (with `hole_reader` and `offsets`): each partition's records must reach the agents in order from
  the committed offset; holes are read back with a plain consumer and marked done in Faust's commit bookkeeping.
- `stalls`: records that wait on a partition but never reach the agent make it read the partition again.

The fixes are written for one release (`SUPPORTED_FAUST`, pinned in pyproject.toml). `apply` refuses to go on
with another one unless NEWSSTREAM_ALLOW_UNPATCHED_FAUST is set, because the record loss they fix would come
back silently.
"""

from __future__ import annotations

import logging

import faust

from ...errors import ConfigurationError
from . import rebalance_order

log = logging.getLogger(__name__)

SUPPORTED_FAUST = rebalance_order.PATCHED_FAUST_VERSIONS


def apply(allow_unpatched: bool) -> bool:
    """Install the fixes; True when they are in place. On a release they were not written for: a
    ConfigurationError, or with `allow_unpatched` a warning and False."""
    if rebalance_order.install():
        return True
    message = (f"faust-streaming {faust.__version__} is installed, but newsstream's fixes for Faust's record loss "
               f"around rebalances (services/newsstream/stream/recovery/) were written for "
               f"{', '.join(SUPPORTED_FAUST)}; install that release (pip install "
               f"'faust-streaming=={SUPPORTED_FAUST[0]}'), or set NEWSSTREAM_ALLOW_UNPATCHED_FAUST=true to run "
               f"without them at the risk of losing records when partitions move")
    if not allow_unpatched:
        raise ConfigurationError(message)
    log.warning("%s (NEWSSTREAM_ALLOW_UNPATCHED_FAUST is set: starting anyway)", message)
    return False
