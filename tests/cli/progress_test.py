#!/usr/bin/env python3
"""`cskpi report` shows its progress on stderr only when stderr is a terminal (issue 9).

Usage: progress_test.py CSKPI INTERACTIONS.csv
With stderr on a pseudo-terminal the file's name, its size and a line erased at the end must
appear; with stderr on a pipe nothing but the report's own messages (here: nothing)."""
import os
import pty
import select
import subprocess
import sys


def run_on_terminal(command):
    controller, terminal = pty.openpty()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    seen = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(controller, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not data:
            break
        seen += data
    process.wait()
    os.close(controller)
    return process.returncode, seen.decode("utf-8", "replace")


def main():
    cli, interactions = sys.argv[1], sys.argv[2]
    command = [cli, "report", "--interactions", interactions, "--format", "json", "--output", os.devnull]
    failures = []
    status, text = run_on_terminal(command)
    name = os.path.basename(interactions)
    if status != 0:
        failures.append(f"on a terminal: exit status {status}")
    if f"cskpi: {interactions}: " not in text or " MB" not in text:
        failures.append(f"on a terminal: no progress line naming {name} and its size in {text!r}")
    if not text.endswith("\r"):
        failures.append(f"on a terminal: the progress line is not erased at the end: {text!r}")
    piped = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if piped.returncode != 0 or piped.stderr:
        failures.append(f"on a pipe: exit status {piped.returncode}, stderr {piped.stderr!r} (must be silent)")
    for failure in failures:
        print("FAIL:", failure)
    if not failures:
        print("progress: shown on a terminal, silent on a pipe")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
