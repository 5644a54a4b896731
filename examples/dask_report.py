#!/usr/bin/env python3
"""A KPI report of many parts on a dask.distributed cluster (docs/scale-out.md, "Dask").

Usage: dask_report.py [--scheduler ADDRESS] [--format json|text|csv|html] [--split-every N]
                      --from T --to T --as-of T [--tz ZONE] [--config FILE] [--by DIM]... PART_DIR...

Each PART_DIR is a part of a customer-keyed partition, as `cskpi split --parts N --out DIR` writes
them (DIR/part-K). Each worker computes its part's partial state; the states, bytes, are merged as
a tree; the report is the one `cskpi report` gives over all the inputs, byte for byte. Without
--scheduler a local cluster of two worker processes runs it.
"""
import argparse
import sys

from dask.distributed import Client, LocalCluster

import cskpi.dask


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("parts", nargs="+", metavar="PART_DIR")
    p.add_argument("--scheduler", help="a running scheduler's address (default: a local cluster)")
    p.add_argument("--format", default="json", choices=["json", "text", "csv", "html"])
    p.add_argument("--split-every", type=int, default=8, help="states merged per task")
    p.add_argument("--from", dest="from_", required=True)
    p.add_argument("--to", required=True)
    p.add_argument("--as-of", required=True)
    p.add_argument("--tz")
    p.add_argument("--config", help="a configuration file (set fcr.method: parts must agree on it)")
    p.add_argument("--by", action="append", default=[])
    a = p.parse_args(argv)

    spec = {"from": a.from_, "to": a.to, "as_of": a.as_of, "by": a.by}
    if a.tz:
        spec["tz"] = a.tz
    if a.config:
        spec["config_file"] = a.config
    if a.scheduler:
        with Client(a.scheduler) as client:
            text = cskpi.dask.report(client, a.parts, spec, split_every=a.split_every, format=a.format)
    else:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            text = cskpi.dask.report(client, a.parts, spec, split_every=a.split_every, format=a.format)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
