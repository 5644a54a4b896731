#!/usr/bin/env python3
"""Runs the commands of the real-export walkthrough of docs/getting-started.md, exactly as written.

Usage: run_getting_started.py CSKPI_BINARY DATA_DIR

The walkthrough is the part of the page between `<!-- walkthrough:begin -->` and
`<!-- walkthrough:end -->`. Each ```sh block in it runs with bash (-e, pipefail) from a scratch
copy of the repository layout: `build/release/cskpi` is the binary under test, `examples/` the
project's, and `../shared/data` the DATA_DIR given (the real files, never copied). The one
```json block must be examples/nps_answers.json, the configuration the commands use. A ```text block
right after a ```sh block is its output: every line of it (but a line `…`) must appear, in that
order, among the lines the commands print (stdout, then stderr). The JSON report the walkthrough
writes is then checked against NPS figures recomputed here from the raw file.

Exit status: 0 passed, 1 failed, 77 skipped (DATA_DIR or its NPS file absent; CTest reports it as
skipped through SKIP_RETURN_CODE).
"""

import csv
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.normpath(os.path.join(HERE, "..", ".."))
PAGE = os.path.join(PROJECT, "docs", "getting-started.md")
NPS_FILE = "nps_survey_testdata.csv"
SKIP = 77


def walkthrough_blocks(text):
    """[(language, body)] of the fenced blocks between the walkthrough markers."""
    begin = text.index("<!-- walkthrough:begin -->")
    end = text.index("<!-- walkthrough:end -->")
    return re.findall(r"^```(\w*)\n(.*?)^```$", text[begin:end], flags=re.S | re.M)


def contains_in_order(expected_lines, got_lines):
    """The first expected line not found (in order) among got_lines, or None."""
    i = 0
    for want in expected_lines:
        if want.strip() == "…":
            continue
        while i < len(got_lines) and got_lines[i].rstrip() != want.rstrip():
            i += 1
        if i == len(got_lines):
            return want
        i += 1
    return None


def nps_figures(scores):
    n = len(scores)
    p = sum(1 for s in scores if s >= 9)
    d = sum(1 for s in scores if s <= 6)
    score = 100.0 * (p - d) / n
    se = 100.0 * math.sqrt((p / n + d / n - (p / n - d / n) ** 2) / n)
    return {"responses": n, "promoters": p, "detractors": d, "score": score,
            "ci95": [max(-100.0, score - 1.96 * se), min(100.0, score + 1.96 * se)]}


def close(a, b):
    if isinstance(b, list):
        return isinstance(a, list) and len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))
    if isinstance(b, float):
        return isinstance(a, (int, float)) and abs(a - b) <= 1e-9 * max(1.0, abs(b))
    return a == b


def check_report(path, data_dir, failures):
    """NPS overall, by region and by region × month, recomputed from the raw answers."""
    with open(os.path.join(data_dir, NPS_FILE), newline="", encoding="utf-8") as f:
        answers = [(int(r["REC"]), r["Region"], r["date"][:7]) for r in csv.DictReader(f)]
    expected = {((), ()): [s for s, _, _ in answers]}
    for s, region, month in answers:
        expected.setdefault((("region",), (region,)), []).append(s)
        expected.setdefault((("region", "month"), (region, month)), []).append(s)
    with open(path) as f:
        report = json.load(f)
    got = {(tuple(g["by"]), tuple(g["key"][d] for d in g["by"])): g["metrics"].get("nps") for g in report["groups"]}
    if set(got) != set(expected):
        failures.append(f"groups: got {sorted(set(got) ^ set(expected))} differing from the raw file's")
    for key, scores in expected.items():
        want = nps_figures(scores)
        have = got.get(key) or {}
        for field, value in want.items():
            if not close(have.get(field), value):
                failures.append(f"{key}: nps.{field} is {have.get(field)!r}, the raw file gives {value!r}")
    inputs = report["inputs"]["surveys"]
    if (inputs["read"], inputs["accepted"], inputs["rejected"]) != (len(answers), len(answers), 0):
        failures.append(f"inputs.surveys {inputs}, expected {len(answers)} read and accepted")


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    cskpi, data_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if not os.path.exists(os.path.join(data_dir, NPS_FILE)):
        print(f"skipped: {os.path.join(data_dir, NPS_FILE)} is absent (the shared data sets are not here)")
        return SKIP
    with open(PAGE, encoding="utf-8") as f:
        blocks = walkthrough_blocks(f.read())
    failures = []
    shown = [json.loads(body) for lang, body in blocks if lang == "json"]
    with open(os.path.join(PROJECT, "examples", "nps_answers.json")) as f:
        if shown != [json.load(f)]:
            failures.append("the configuration the page shows is not examples/nps_answers.json")
    with tempfile.TemporaryDirectory(prefix="cskpi-getting-started-") as tmp:
        repo = os.path.join(tmp, "repo")
        os.makedirs(os.path.join(repo, "build", "release"))
        os.symlink(cskpi, os.path.join(repo, "build", "release", "cskpi"))
        os.symlink(os.path.join(PROJECT, "examples"), os.path.join(repo, "examples"))
        os.makedirs(os.path.join(tmp, "shared"))
        os.symlink(data_dir, os.path.join(tmp, "shared", "data"))
        commands = 0
        for i, (lang, body) in enumerate(blocks):
            if lang != "sh":
                continue
            commands += 1
            proc = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", body], cwd=repo, capture_output=True,
                                  text=True, timeout=300)
            first_line = body.strip().splitlines()[0]
            if proc.returncode != 0:
                failures.append(f"`{first_line}` exited {proc.returncode}: {proc.stderr.strip()[:500]}")
                continue
            print(f"ran  {first_line}")
            if i + 1 < len(blocks) and blocks[i + 1][0] == "text":
                missing = contains_in_order(blocks[i + 1][1].splitlines(),
                                            proc.stdout.splitlines() + proc.stderr.splitlines())
                if missing is not None:
                    failures.append(f"`{first_line}` did not print, in the documented order: {missing!r}\n"
                                    f"--- it printed:\n{proc.stdout}{proc.stderr}")
        if commands == 0:
            failures.append("no ```sh block between the walkthrough markers")
        report = os.path.join(repo, "build", "nps.json")
        if os.path.exists(report):
            check_report(report, data_dir, failures)
        else:
            failures.append("the walkthrough wrote no build/nps.json")
    for f in failures:
        print(f"FAIL {f}")
    print(f"{commands} commands run, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
