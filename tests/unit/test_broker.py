"""The local broker's storage format arguments."""

from __future__ import annotations

import base64

from newsstream.kafka.broker import new_cluster_id


def test_cluster_ids_are_16_random_bytes_that_never_read_as_an_option():
    ids = [new_cluster_id() for _ in range(3000)]  # a leading "-" would come up ~47 times in 3,000
    assert not [cluster_id for cluster_id in ids if cluster_id.startswith("-")]
    assert len(set(ids)) == len(ids)
    assert all(len(base64.urlsafe_b64decode(cluster_id + "==")) == 16 for cluster_id in ids)
