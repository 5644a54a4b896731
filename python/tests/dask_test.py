#!/usr/bin/env python3
"""Dask acceptance test (issue 10): cskpi.dask.report over 8 customer-keyed parts of ~200k sample
interactions (with events and surveys), on LocalCluster(2 worker processes, 1 thread each), equals
the CLI's single run (`cskpi report --format json`) byte for byte, with split_every=3 and again on
the shards shuffled with split_every=2; the partial and merge tasks ran in the two worker
processes, not in this one.

Usage: dask_test.py WORKDIR [INTERACTIONS]   (environment: see CMakeLists.txt; exit 77 = skipped)"""
import os
import random
import shutil
import sys
import time

try:
    from dask.distributed import Client, LocalCluster, get_task_stream
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)

import cskpi
import cskpi.dask
import sample_parts


def log(started, what):
    print(f"[{time.monotonic() - started:6.1f} s] {what}", flush=True)


def check_workers(client, stream, pids):
    """Every task ran in a worker process other than ours, and both workers ran some."""
    workers = {w: pid for w, pid in client.run(os.getpid).items()}
    assert len(workers) == 2 and os.getpid() not in workers.values(), workers
    ran = {}
    for task in stream:
        name = task["key"] if isinstance(task["key"], str) else task["key"][0]
        ran.setdefault(task["worker"], set()).add(name.split("-")[0])
    assert set(ran) <= set(workers), (ran, workers)
    assert len(ran) == 2, f"the tasks ran in {len(ran)} worker(s): {ran}"
    names = set().union(*ran.values())
    assert "partial_of_shard" in names and "_merge_group" in names, names
    pids.update(workers[w] for w in ran)


def main():
    work = sys.argv[1]
    interactions = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else 200000
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    started = time.monotonic()
    data = sample_parts.generate(os.environ["CSKPI_SAMPLE"], os.path.join(work, "data"), interactions)
    log(started, f"{interactions} sample interactions generated")
    spec = dict(sample_parts.SPEC, config_file=os.environ["CSKPI_CONFIG"])
    one = sample_parts.cli_report(os.environ["CSKPI_CLI"], data, spec)
    log(started, "the CLI's single run")
    shards = sample_parts.split_parts(data, os.path.join(work, "parts"), 8)
    log(started, "cskpi split --parts 8: 8 customer-keyed parts written")

    failures = 0
    pids = set()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        log(started, "cluster of 2 worker processes up")
        order = list(shards)
        for split_every, shuffle in ((3, False), (2, True)):
            if shuffle:
                random.Random(7).shuffle(order)
            with get_task_stream(client) as ts:
                merged = cskpi.dask.report(client, order, spec, split_every=split_every)
            check_workers(client, ts.data, pids)
            same = merged == one
            failures += not same
            log(started, f"split_every={split_every}{' shuffled' if shuffle else ''}: "
                         f"{'equal' if same else 'DIFFERENT'} to the single run ({len(ts.data)} tasks)")
        # Shards as partial()'s keyword arguments; the merged state rendered here.
        as_dicts = [{kind: [path] for kind, path, _ in cskpi.dask.shard_inputs(d)} for d in shards]
        state = cskpi.dask.state(client, as_dicts, spec)
        same = cskpi.report(state, format="json") == one
        failures += not same
        log(started, f"dict shards, split_every=8: {'equal' if same else 'DIFFERENT'} to the single run")
    print(f"worker pids {sorted(pids)}, client pid {os.getpid()}")
    if failures:
        print(f"{failures} failure(s)")
        return 1
    print("dask tests passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
