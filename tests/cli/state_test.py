#!/usr/bin/env python3
"""`cskpi report --emit-state` and `cskpi merge` (SPEC §9, issue 10).

Usage: state_test.py CSKPI CSKPI_SAMPLE CONFIG WORKDIR
Generates sample data, partitions it by customer (as SPEC §9 says: events and surveys follow
their interaction), writes one state per part and checks that merging them, in any order, gives
the single run's JSON byte for byte, that merge(a, b) and merge(b, a) are the same bytes, and
that bad uses and bad states are refused with the documented exit status and a clear message."""
import csv
import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys

FAILURES = []


def check(condition, what):
    if not condition:
        FAILURES.append(what)
        print("FAIL:", what)


def run(command, expect=0):
    done = subprocess.run(command, capture_output=True)
    if done.returncode != expect:
        FAILURES.append(f"{' '.join(command)}: exit {done.returncode}, expected {expect}: {done.stderr.decode()}")
    return done


def part_of(key, parts):
    return int.from_bytes(hashlib.sha1(key.encode()).digest()[:8], "big") % parts


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        text = f.read()
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def partition(data, out, parts):
    """Customer-keyed parts: interactions by customer (else own id), events and surveys with
    their interaction, customer events by customer, agent events in part 0."""
    header, rows = read_csv(os.path.join(data, "interactions.csv"))
    i_id, i_cust = header.index("id"), header.index("customer_id")
    owner = {r[i_id]: part_of(r[i_cust] or r[i_id], parts) for r in rows}
    dirs = [os.path.join(out, f"part-{k}") for k in range(parts)]
    for d in dirs:
        os.makedirs(d)
    split = lambda rows, key: [[r for r in rows if key(r) == k] for k in range(parts)]
    for k, chunk in enumerate(split(rows, lambda r: owner[r[i_id]])):
        write_csv(os.path.join(dirs[k], "interactions.csv"), header, chunk)
    eh, ev = read_csv(os.path.join(data, "interaction_events.csv"))
    for k, chunk in enumerate(split(ev, lambda r: owner.get(r[eh.index("interaction_id")], 0))):
        write_csv(os.path.join(dirs[k], "interaction_events.csv"), eh, chunk)
    ch, cv = read_csv(os.path.join(data, "customer_events.csv"))
    for k, chunk in enumerate(split(cv, lambda r: part_of(r[ch.index("customer_id")], parts))):
        write_csv(os.path.join(dirs[k], "customer_events.csv"), ch, chunk)
    ah, av = read_csv(os.path.join(data, "agent_events.csv"))
    for k in range(parts):
        write_csv(os.path.join(dirs[k], "agent_events.csv"), ah, av if k == 0 else [])
    surveys = [json.loads(line) for line in open(os.path.join(data, "surveys.jsonl"), encoding="utf-8")]
    for k in range(parts):
        with open(os.path.join(dirs[k], "surveys.jsonl"), "w", encoding="utf-8") as f:
            for s in surveys:
                home = owner[s["interaction_id"]] if s.get("interaction_id") in owner else \
                    part_of(s.get("customer_id") or s["id"], parts)
                if home == k:
                    f.write(json.dumps(s) + "\n")
    return dirs


def inputs(d):
    return ["--interactions", os.path.join(d, "interactions.csv"),
            "--events", os.path.join(d, "interaction_events.csv"),
            "--surveys", os.path.join(d, "surveys.jsonl"),
            "--customers", os.path.join(d, "customer_events.csv"),
            "--agents", os.path.join(d, "agent_events.csv")]


def main():
    cli, sample, config, work = sys.argv[1:5]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    data = os.path.join(work, "data")
    subprocess.run([sample, "--seed", "11", "--interactions", "3000", "--start", "2026-01-01", "--months", "3",
                    "--out", data], check=True, capture_output=True)
    period = ["--from", "2026-02-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z"]
    as_of = ["--as-of", "2026-04-01T00:00:00Z"]
    no_as_of = ["--config", config, *period, "--tz", "Europe/Rome"]
    options = [*no_as_of, *as_of, "--by", "channel", "--by", "month", "--by", "agent",
               "--by", "product,month", "--by", "hour_of_week"]
    one = run([cli, "report", *inputs(data), *options, "--format", "json"]).stdout
    check(b'"trend"' in one, "the single run has trends (the data cover the previous period)")

    # --emit-state without --output writes the state only.
    whole = os.path.join(work, "whole.state")
    done = run([cli, "report", *inputs(data), *options, "--emit-state", whole])
    check(done.stdout == b"", "--emit-state without --output prints no report")
    check(run([cli, "merge", whole, "--format", "json"]).stdout == one, "one state merged is the single run")
    # ... and beside the report with --output.
    beside = os.path.join(work, "beside.json")
    run([cli, "report", *inputs(data), *options, "--emit-state", os.path.join(work, "b.state"), "--output", beside,
         "--format", "json"])
    check(open(beside, "rb").read() == one, "--emit-state with --output writes the report too")

    rng = random.Random(5)
    for parts in (2, 3, 8):
        dirs = partition(data, os.path.join(work, f"split{parts}"), parts)
        states = []
        for k, d in enumerate(dirs):
            states.append(os.path.join(work, f"s{parts}-{k}.state"))
            run([cli, "report", *inputs(d), *options, "--emit-state", states[-1], "--threads", str(1 + k % 2)])
        rng.shuffle(states)
        merged = run([cli, "merge", *states, "--format", "json"]).stdout
        check(merged == one, f"{parts} parts merged in a shuffled order give the single run's JSON")
        merged_state = os.path.join(work, f"m{parts}.state")
        run([cli, "merge", *states, "--emit-state", merged_state])
        check(open(merged_state, "rb").read() == open(whole, "rb").read(),
              f"{parts} parts merged are the single run's state, byte for byte")
        if parts == 3:
            ab, ba = os.path.join(work, "ab.state"), os.path.join(work, "ba.state")
            run([cli, "merge", states[0], states[1], "--emit-state", ab])
            run([cli, "merge", states[1], states[0], "--emit-state", ba])
            check(open(ab, "rb").read() == open(ba, "rb").read(), "merge(a, b) == merge(b, a) byte for byte")
            tree = run([cli, "merge", ab, states[2], "--format", "json"]).stdout
            check(tree == one, "a merge of merges gives the single run")

    # Refusals.
    done = run([cli, "report", *inputs(data), *no_as_of, "--emit-state", os.path.join(work, "x.state")], expect=1)
    check(b"--emit-state needs --from, --to and --as-of" in done.stderr, "--emit-state without --as-of is a usage error")
    utc = os.path.join(work, "utc.state")
    run([cli, "report", *inputs(data), *[o if o != "Europe/Rome" else "UTC" for o in options], "--emit-state", utc])
    done = run([cli, "merge", whole, utc], expect=1)
    check(b"utc.state cannot be merged with" in done.stderr and b"time zone (Europe/Rome and UTC)" in done.stderr,
          f"states of different zones: the first difference is named ({done.stderr!r})")
    other = os.path.join(work, "other.state")
    run([cli, "report", *inputs(data), *options, "--by", "topic", "--emit-state", other])
    done = run([cli, "merge", whole, other], expect=1)
    check(b"groupings" in done.stderr, "states of different groupings are refused")
    good = open(whole, "rb").read()
    for name, damaged in (("cut", good[: len(good) // 2]), ("flipped", good[:200] + bytes([good[200] ^ 1]) + good[201:]),
                          ("empty", b"")):
        path = os.path.join(work, name + ".state")
        open(path, "wb").write(damaged)
        done = run([cli, "merge", whole, path], expect=2)
        check(done.stderr.startswith(b"cskpi: " + path.encode()) and b"internal" not in done.stderr,
              f"a {name} state is refused naming the file ({done.stderr!r})")
    done = run([cli, "merge", os.path.join(work, "missing.state")], expect=2)
    check(b"cannot read the state file" in done.stderr, "a missing state file is named")
    done = run([cli, "merge", whole, "--output", whole], expect=1)
    check(os.path.getsize(whole) == len(good), "merge refuses to overwrite a state it reads")

    if FAILURES:
        print(f"{len(FAILURES)} failure(s)")
        return 1
    print("state tests passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
