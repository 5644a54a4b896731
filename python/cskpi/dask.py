"""cskpi on a dask.distributed cluster: a partial state per shard, merged as a tree (SPEC §9).

    from dask.distributed import Client
    import cskpi.dask
    client = Client("scheduler:8786")
    shards = [f"parts/part-{k}" for k in range(8)]   # `cskpi split --parts 8 --out parts ...`
    print(cskpi.dask.report(client, shards, spec, format="text"))

Only bytes cross processes: each worker reads its shard's files and returns its state; merges
take and return states; the client renders the last one. The shards must be a customer-keyed
partition (`cskpi split`): then the merged report is the single run's, byte for byte.
"""
import json
import os
import re

import cskpi

__all__ = ["partial_of_shard", "report", "shard_inputs", "state"]

# `cskpi split` names: <type>-<i>.<ext>, i the input's position on the split's command line.
_SPLIT_NAME = re.compile(r"^(interactions|interaction_events|surveys|customer_events|agent_events)-(\d+)\.(\w+)$")
_KIND = {"interactions": "interactions", "interaction_events": "events", "surveys": "surveys",
         "customer_events": "customers", "agent_events": "agents"}


def _is_mixed(path):
    """A JSON Lines file of a split `--input` (its lines keep their "record" member)."""
    if not path.endswith((".jsonl", ".ndjson")):
        return False
    with open(path, "rb") as f:
        for line in f:
            line = line.strip().lstrip(b"\xef\xbb\xbf")
            if line:
                try:
                    first = json.loads(line)
                except ValueError:
                    return False
                return isinstance(first, dict) and "record" in first
    return False


def shard_inputs(directory):
    """The ordered (kind, path, True) inputs of a `cskpi split` part directory: the files in the order
    of the split's inputs (i), each as its record type, a split mixed input's files as `inputs`."""
    found = []
    for name in os.listdir(directory):
        m = _SPLIT_NAME.match(name)
        if not m:
            continue
        path = os.path.join(directory, name)
        kind = "inputs" if _is_mixed(path) else _KIND[m.group(1)]
        found.append((int(m.group(2)), list(_KIND).index(m.group(1)), kind, path))
    if not found:
        raise cskpi.Error(f"{directory}: no files named <type>-<i>.<ext> (a `cskpi split` part) in it")
    return [(kind, path, True) for _, _, kind, path in sorted(found)]


def partial_of_shard(shard, spec):
    """The state (bytes) of one shard: a `cskpi split` part directory (str or os.PathLike) or a dict
    of partial()'s keyword arguments."""
    if isinstance(shard, dict):
        return cskpi.partial(spec, **shard)
    return cskpi._partial_of(spec, shard_inputs(os.fspath(shard)))


def _merge_group(*states):
    return cskpi.merge(states)


def state(client, shards, spec, split_every=8):
    """The merged state (bytes) of the shards: partial_of_shard mapped over them on the cluster, then
    merged in a tree of groups of split_every (at least 2) states, each merge a task."""
    shards = list(shards)
    if not shards:
        raise cskpi.Error("no shards: give at least one")
    if split_every < 2:
        raise ValueError(f"split_every must be at least 2, not {split_every}")
    futures = client.map(partial_of_shard, shards, spec=spec, pure=False)
    while len(futures) > 1:
        futures = [client.submit(_merge_group, *futures[i:i + split_every], pure=False)
                   for i in range(0, len(futures), split_every)]
    return futures[0].result()


def report(client, shards, spec, split_every=8, format="json"):
    """The report (str) of the shards in a format of cskpi.report (text, json, csv, html)."""
    return cskpi.report(state(client, shards, spec, split_every), format=format)
