#!/usr/bin/env python3
"""End-to-end tests of the cskpi binary: each folder under cases/ holds input files and a
case.json; the binary runs in a temporary copy of the folder and its output is compared.

case.json keys:
  args             the command line after the binary (paths relative to the case folder)
  exit             expected exit status (default 0)
  expected         a JSON file: every leaf it holds must be in stdout's JSON (numbers within 1e-9
                   relative); a group list is matched by "by" and "key", and the program may
                   print no group the file lacks, nor a group twice
  stdout_contains  strings that must appear in stdout
  stderr_contains  strings that must appear in stderr
  files            {"name": "expected file"}: a file the run writes, compared byte for byte
"""
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def compare(path, want, got, diffs):
    if isinstance(want, dict):
        if not isinstance(got, dict):
            diffs.append(f"{path}: expected an object, got {got!r}")
            return
        for key, value in want.items():
            if key not in got:
                diffs.append(f"{path}.{key}: missing")
            else:
                compare(f"{path}.{key}", value, got[key], diffs)
    elif isinstance(want, list) and path.endswith("groups"):
        index = {json.dumps([g["by"], g["key"]], sort_keys=True): g for g in got}
        if len(index) != len(got):
            diffs.append(f"{path}: {len(got) - len(index)} group(s) listed twice (a grouping given twice?)")
        wanted = {json.dumps([g["by"], g["key"]], sort_keys=True) for g in want}
        for g in want:
            k = json.dumps([g["by"], g["key"]], sort_keys=True)
            if k not in index:
                diffs.append(f"{path}: group {k} missing")
            else:
                compare(f"{path}[{k}]", g, index[k], diffs)
        for k in index:
            if k not in wanted:
                diffs.append(f"{path}: unexpected group {k}")
        if got and got[0]["by"] != []:
            diffs.append(f"{path}: the overall group is not first")
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            diffs.append(f"{path}: expected {want!r}, got {got!r}")
            return
        for i, (w, g) in enumerate(zip(want, got)):
            compare(f"{path}[{i}]", w, g, diffs)
    elif isinstance(want, bool) or want is None or isinstance(want, str):
        if want != got or type(want) != type(got):
            diffs.append(f"{path}: expected {want!r}, got {got!r}")
    elif isinstance(want, (int, float)):
        if isinstance(got, bool) or not isinstance(got, (int, float)) or not math.isclose(
                want, got, rel_tol=1e-9, abs_tol=1e-9):
            diffs.append(f"{path}: expected {want!r}, got {got!r}")
    else:
        diffs.append(f"{path}: cannot compare {want!r}")


def run_case(binary, name):
    src = os.path.join(HERE, "cases", name)
    with open(os.path.join(src, "case.json")) as f:
        case = json.load(f)
    diffs = []
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, name)
        shutil.copytree(src, work)
        proc = subprocess.run([binary] + case["args"], cwd=work, capture_output=True, timeout=120)
        stdout = proc.stdout.decode("utf-8", "replace")
        stderr = proc.stderr.decode("utf-8", "replace")
        if proc.returncode != case.get("exit", 0):
            diffs.append(f"exit status {proc.returncode}, expected {case.get('exit', 0)}; stderr: {stderr.strip()}")
        if "expected" in case:
            try:
                got = json.loads(stdout)
            except ValueError as e:
                diffs.append(f"stdout is not JSON: {e}: {stdout[:200]!r}")
            else:
                with open(os.path.join(src, case["expected"])) as f:
                    compare("$", json.load(f), got, diffs)
        for text in case.get("stdout_contains", []):
            if text not in stdout:
                diffs.append(f"stdout lacks {text!r}")
        for text in case.get("stderr_contains", []):
            if text not in stderr:
                diffs.append(f"stderr lacks {text!r}: {stderr.strip()}")
        for produced, expected in case.get("files", {}).items():
            p = os.path.join(work, produced)
            if not os.path.exists(p):
                diffs.append(f"{produced} was not written")
                continue
            with open(p, "rb") as f1, open(os.path.join(src, expected), "rb") as f2:
                if f1.read() != f2.read():
                    diffs.append(f"{produced} differs from {expected}")
    return diffs


def main():
    binary = os.path.abspath(sys.argv[1])
    names = sorted(d for d in os.listdir(os.path.join(HERE, "cases")) if not d.startswith("."))
    failed = 0
    for name in names:
        diffs = run_case(binary, name)
        if diffs:
            failed += 1
            print(f"FAIL {name}")
            for d in diffs[:20]:
                print(f"     {d}")
        else:
            print(f"ok   {name}")
    print(f"{len(names) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
