#!/usr/bin/env python3
"""examples/dask_report.py on small data: its output is the CLI's single run, byte for byte.
Usage: dask_example_test.py WORKDIR   (exit 77 = skipped: no dask.distributed)"""
import os
import shutil
import subprocess
import sys

try:
    import dask.distributed  # noqa: F401
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)

import sample_parts


def main():
    work = sys.argv[1]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    data = sample_parts.generate(os.environ["CSKPI_SAMPLE"], os.path.join(work, "data"), 2000)
    spec = dict(sample_parts.SPEC, config_file=os.environ["CSKPI_CONFIG"])
    parts = sample_parts.split_parts(data, os.path.join(work, "parts"), 4)
    example = os.path.join(os.environ["CSKPI_EXAMPLES"], "dask_report.py")
    done = subprocess.run([sys.executable, example, *sample_parts.spec_options(spec), "--split-every", "2", *parts],
                          capture_output=True)
    if done.returncode != 0:
        print(done.stderr.decode())
        return 1
    if done.stdout.decode() != sample_parts.cli_report(os.environ["CSKPI_CLI"], data, spec):
        print("FAIL: the example's report differs from the CLI's")
        return 1
    print("dask example test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
