#!/usr/bin/env python3
"""cskpi on real public data sets, checked against an independent computation.

Usage: run_real_data_tests.py CSKPI_BINARY DATA_DIR [--keep DIR]

DATA_DIR is the shared folder of real data sets (../shared/data from the project root). Those
files are never copied into the project: this script converts each data set that is present into
cskpi input in a temporary directory (as a user would), runs `cskpi report ... --format json`,
recomputes the expected figures here from the original file with the standard library only
(SPEC.md and docs/metrics.md, not the cskpi source), and compares: counts exactly, rates, means
and other floating values within a relative 1e-9. The conversion decisions are documented in
docs/real-data.md. Every report is also run with 2, 3 and 8 threads (the same bytes as one
thread), and three of them (bank, help desk, telco) are split into 3 parts by `cskpi split`, one
state per part merged by `cskpi merge` (the same bytes as one run, SPEC §9).

One line per check (a check is one metric object of one group, or one list row), then
`N passed, N failed`; the exit status is 1 when any check failed, 77 (skipped) when DATA_DIR
holds none of the data sets. `--keep DIR` writes the
converted files into DIR (outside the project!) instead of a temporary directory, to run cskpi
on them by hand.
"""

import csv
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from bisect import bisect_right
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

UTC = timezone.utc
TOL = 1e-9


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------

class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def _report(self, name, problems):
        if problems:
            self.failed += 1
            print(f"FAIL {name}: " + "; ".join(problems))
        else:
            self.passed += 1
            print(f"ok   {name}")

    def fields(self, name, got, expected):
        """Compares the fields of `expected` (a dict) with those of `got` (a JSON object)."""
        problems = []
        if not isinstance(got, dict):
            self._report(name, [f"missing object (got {got!r})"])
            return
        for field, exp in expected.items():
            if field not in got:
                problems.append(f"{field}: missing, expected {exp!r}")
                continue
            if not same(got[field], exp):
                problems.append(f"{field}: got {got[field]!r}, expected {exp!r}")
        self._report(name, problems)

    def value(self, name, got, expected):
        self._report(name, [] if same(got, expected) else [f"got {got!r}, expected {expected!r}"])


def same(got, exp):
    """Exact for ints, strings, None; relative 1e-9 for floats; element-wise for lists."""
    if exp is None:
        return got is None
    if isinstance(exp, bool) or isinstance(exp, str):
        return got == exp
    if isinstance(exp, int):
        return isinstance(got, (int, float)) and not isinstance(got, bool) and got == exp
    if isinstance(exp, float):
        if not isinstance(got, (int, float)) or isinstance(got, bool):
            return False
        return abs(got - exp) <= TOL * max(1.0, abs(exp))
    if isinstance(exp, (list, tuple)):
        return isinstance(got, list) and len(got) == len(exp) and all(same(g, e) for g, e in zip(got, exp))
    return got == exp


# --------------------------------------------------------------------------------------------
# Independent formulas (SPEC §3, docs/metrics.md)
# --------------------------------------------------------------------------------------------

def pct(num, den):
    return None if den == 0 else 100.0 * num / den


def summary(values_ms):
    """count, mean, nearest-rank median (⌈n/2⌉-th) and p90 (⌈0.9·n⌉-th), in seconds."""
    n = len(values_ms)
    if n == 0:
        return {"count": 0, "mean_s": None, "median_s": None, "p90_s": None}
    v = sorted(values_ms)
    median_rank = (n + 1) // 2          # ⌈n/2⌉, integer arithmetic
    p90_rank = (9 * n + 9) // 10        # ⌈9n/10⌉
    return {"count": n, "mean_s": sum(v) / (1000.0 * n),
            "median_s": v[median_rank - 1] / 1000.0, "p90_s": v[p90_rank - 1] / 1000.0}


def nps(scores):
    n = len(scores)
    p = sum(1 for s in scores if s >= 9)
    d = sum(1 for s in scores if s <= 6)
    out = {"responses": n, "promoters": p, "passives": n - p - d, "detractors": d,
           "score": None, "ci95": None}
    if n == 0:
        return out
    score = 100.0 * (p - d) / n
    out["score"] = score
    if n >= 2:
        pp, dd = p / n, d / n
        se = 100.0 * math.sqrt(max(0.0, pp + dd - (pp - dd) ** 2) / n)
        out["ci95"] = [max(-100.0, score - 1.96 * se), min(100.0, score + 1.96 * se)]
    return out


def queue(calls, threshold_s, short_s, mode):
    """calls: (wait_ms, abandoned) of the interactions with wait_seconds."""
    t_ms = round(threshold_s * 1000)
    s_ms = round(short_s * 1000)
    answered = sum(1 for w, a in calls if not a)
    abandoned = len(calls) - answered
    short = sum(1 for w, a in calls if a and w < s_ms)
    offered = answered + abandoned - short
    within = sum(1 for w, a in calls if not a and w <= t_ms)
    ab_within = sum(1 for w, a in calls if a and s_ms <= w <= t_ms)
    if mode == "offered":
        sl = pct(within, offered)
    elif mode == "answered":
        sl = pct(within, answered)
    else:
        sl = pct(within + ab_within, offered)
    wait_sum = sum(w for w, a in calls if not a)
    return {"answered": answered, "abandoned": abandoned, "short_abandoned": short, "offered": offered,
            "service_level": sl, "asa_s": None if answered == 0 else wait_sum / (1000.0 * answered),
            "abandon_rate": pct(abandoned - short, offered), "mode": mode, "threshold_s": float(threshold_s)}


def erlang_c_agents(calls_per_hour, aht_s, answer_within_s, target):
    """Least N with SL(N) >= target (Erlang C, B by recurrence); 0 for no calls."""
    if calls_per_hour == 0:
        return 0
    a = calls_per_hour * aht_s / 3600.0
    n = int(math.floor(a)) + 1
    while True:
        inv_b = 1.0
        for k in range(1, n + 1):
            inv_b = 1.0 + (k / a) * inv_b
        b = 1.0 / inv_b
        p_wait = n * b / (n - a * (1.0 - b))
        sl = 1.0 - p_wait * math.exp(-(n - a) * answer_within_s / aht_s)
        if sl >= target:
            return n
        n += 1


def ms_of(dt):
    return int(round(dt.timestamp() * 1000))


def local(ms, tz):
    return datetime.fromtimestamp(ms / 1000.0, tz)


def bucket_label(kind, ms, tz):
    d = local(ms, tz)
    if kind == "day":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if kind == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if kind == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if kind == "week":
        iy, iw, _ = d.isocalendar()
        return f"{iy:04d}-W{iw:02d}"
    if kind == "hour_of_week":
        return str(d.weekday() * 24 + d.hour)
    raise ValueError(kind)


def bucket_end(kind, label, tz):
    """UTC ms of the end of a day / month / quarter bucket (the next local midnight)."""
    if kind == "day":
        y, m, d = map(int, label.split("-"))
        nxt = datetime(y, m, d) + timedelta(days=1)
    elif kind == "month":
        y, m = map(int, label.split("-"))
        nxt = datetime(y + (m == 12), m % 12 + 1, 1)
    elif kind == "week":
        y, w = label.split("-W")
        nxt = datetime.fromisocalendar(int(y), int(w), 1) + timedelta(days=7)
    elif kind == "quarter":
        y, q = label.split("-Q")
        y, q = int(y), int(q)
        nxt = datetime(y + (q == 4), (q % 4) * 3 + 1, 1)
    else:
        raise ValueError(kind)
    return ms_of(nxt.replace(tzinfo=tz))


TIME_KINDS = {"hour", "day", "week", "month", "quarter", "year", "hour_of_week"}


def sort_key(dims, key):
    """Labels by UTF-8 bytes with null first; time buckets chronologically."""
    out = []
    for dim, v in zip(dims, key):
        if dim == "hour_of_week":
            out.append((0, int(v)))
        elif v is None:
            out.append((0, b""))
        else:
            out.append((1, v.encode("utf-8")))
    return tuple(out)


class Rec:
    """One interaction as the independent computation sees it."""
    __slots__ = ("created", "resolved", "labels", "customer", "topic", "channel", "wait", "abandoned",
                 "handle", "first_response", "reopened", "hist")

    def __init__(self, created, labels, customer=None, topic=None, channel=None):
        self.created = created
        self.resolved = None
        self.labels = labels
        self.customer = customer
        self.topic = topic
        self.channel = channel
        self.wait = None
        self.abandoned = False
        self.handle = None
        self.first_response = None
        self.reopened = 0
        self.hist = None

    def abandoned_at(self):
        """SPEC v3 §3: an abandoned contact without a resolution is over at created + wait."""
        if not self.abandoned or self.resolved is not None:
            return None
        return self.created + (self.wait or 0)

    def over_at(self):
        """The instant the contact stops being open work: its resolution, else its abandonment."""
        return self.resolved if self.resolved is not None else self.abandoned_at()


def group_records(recs, dims, tz, frm, to, as_of):
    """Groups of one grouping: key -> (attributed records, (resolved, abandoned) counts or None,
    backlog or None).

    Attribution by created_at; `resolved` and `abandoned` count resolutions and abandonments in
    the period (time buckets: in the bucket) of the group's labels; the backlog snapshot is
    as_of, or min(bucket end, as_of), and leaves out what is resolved or abandoned by then.
    """
    time_dims = [d for d in dims if d in TIME_KINDS]
    label_dims = [d for d in dims if d not in TIME_KINDS]

    def key_at(r, ms):
        return tuple(bucket_label(d, ms, tz) if d in TIME_KINDS else r.labels.get(d) for d in dims)

    attributed = defaultdict(list)
    resolved = defaultdict(int)
    abandoned = defaultdict(int)
    by_labels = defaultdict(list)
    for r in recs:
        by_labels[tuple(r.labels.get(d) for d in label_dims)].append(r)
        if frm <= r.created < to and r.created <= as_of:
            attributed[key_at(r, r.created)].append(r)
        if r.resolved is not None and frm <= r.resolved < to and r.resolved <= as_of:
            resolved[key_at(r, r.resolved)] += 1
        gone = r.abandoned_at()
        if gone is not None and frm <= gone < to and gone <= as_of and "hour_of_week" not in time_dims:
            abandoned[key_at(r, gone)] += 1
    keys = sorted(set(attributed) | set(resolved) | set(abandoned), key=lambda k: sort_key(dims, k))
    out = {}
    for k in keys:
        if "hour_of_week" in time_dims:
            out[k] = (attributed.get(k, []), None, None)
            continue
        snap = as_of
        for d, v in zip(dims, k):
            if d in TIME_KINDS:
                snap = min(snap, bucket_end(d, v, tz))
        lab = tuple(v for d, v in zip(dims, k) if d not in TIME_KINDS)
        backlog = sum(1 for r in by_labels[lab]
                      if r.created < snap and (r.over_at() is None or r.over_at() > snap))
        out[k] = (attributed.get(k, []), (resolved.get(k, 0), abandoned.get(k, 0)), backlog)
    return out


def volume(attributed, flows, backlog, total):
    count = len(attributed)
    resolved, abandoned = flows if flows is not None else (None, None)
    return {"count": count, "share": pct(count, total), "resolved": resolved, "abandoned": abandoned,
            "net_change": None if flows is None else count - resolved - abandoned, "backlog": backlog}


def repeat_flags(recs, window_ms, as_of):
    """id(rec) -> True when another interaction of the same customer and topic was created in
    (created, created + window] (and not after as_of). Contacts without a customer repeat nothing."""
    series = defaultdict(list)
    for r in recs:
        if r.created <= as_of and r.customer is not None:
            series[(r.customer, r.topic)].append(r.created)
    for v in series.values():
        v.sort()
    flags = {}
    for r in recs:
        v = series.get((r.customer, r.topic), [])
        j = bisect_right(v, r.created)
        flags[id(r)] = j < len(v) and v[j] <= r.created + window_ms
    return flags


def fcr_repeat(attributed, flags, as_of, window_ms):
    res = [r for r in attributed if r.resolved is not None and r.resolved <= as_of and r.channel != "self_service"
           and r.customer is not None]  # SPEC v3: a contact without a customer is no repeat-window case
    first = sum(1 for r in res if r.reopened == 0 and not flags[id(r)])
    return {"resolved": len(res), "first_contact": first, "rate": pct(first, len(res)),
            "method": "repeat_window", "window_s": window_ms / 1000.0}


def reopen(attributed, as_of):
    res = [r for r in attributed if r.resolved is not None and r.resolved <= as_of]
    n = sum(1 for r in res if r.reopened >= 1)
    return {"resolved": len(res), "reopened": n, "rate": pct(n, len(res))}


def resolution(attributed, as_of):
    return summary([r.resolved - r.created for r in attributed if r.resolved is not None and r.resolved <= as_of])


# --------------------------------------------------------------------------------------------
# Running cskpi
# --------------------------------------------------------------------------------------------

# Thread counts each report is run with again: the JSON must be the bytes of one thread (SPEC §9).
# (No command-line option or environment variable sets the parallel loader's chunk size, so the
# data sets are read in the default chunks; tests/loader_parallel_test.cpp and the bad-input corpus
# test run tiny chunks.)
THREADS = (2, 3, 8)


def run_report(checks, name, cskpi, args):
    """Runs the report with one thread, and again with each of THREADS: the JSON must be the same
    bytes (SPEC §9)."""
    cmd = [cskpi, "report"] + args + ["--format", "json"]
    proc = subprocess.run(cmd + ["--threads", "1"], capture_output=True, text=True)
    if proc.returncode != 0:
        checks.value(f"{name}: cskpi exit status (stderr: {proc.stderr.strip()[:300]})", proc.returncode, 0)
        return None
    for n in THREADS:
        threaded = subprocess.run(cmd + ["--threads", str(n)], capture_output=True, text=True)
        checks.value(f"{name}: the report with {n} threads is byte-identical to 1 thread",
                     threaded.returncode == 0 and threaded.stdout == proc.stdout, True)
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        checks.value(f"{name}: JSON output", str(e), "valid JSON")
        return None


# `cskpi split` names a part's file after the record type of its input option (SPEC §9).
PART_TYPE = {"--interactions": "interactions", "--events": "interaction_events", "--surveys": "surveys",
             "--customers": "customer_events", "--agents": "agent_events"}
PARTS = 3


def split_merge(checks, name, cskpi, tmp, inputs, options, config=None, reference=None):
    """SPEC §9 scale-out, as docs/cli.md shows it: `cskpi split --parts 3`, `cskpi report
    --emit-state` on each part, `cskpi merge` of the states: the JSON must be the bytes of one
    report over all the inputs. `inputs`: (option, path) pairs; `options`: the report's other
    options, with an explicit --from, --to and --as-of (a state needs them). `reference`: the
    checked report of run_report, which that one report (the same period, given explicitly) is."""
    label = f"{name}: split into {PARTS} parts, states merged"
    config_args = ["--config", config] if config else []
    input_args = [a for option, path in inputs for a in (option, path)]
    one = subprocess.run([cskpi, "report", "--format", "json"] + input_args + config_args + options,
                         capture_output=True, text=True)
    if one.returncode != 0:
        checks.value(f"{label}: single report exit status (stderr: {one.stderr.strip()[:300]})", one.returncode, 0)
        return
    if reference is not None:
        checks.value(f"{label}: the explicit period gives the checked report", json.loads(one.stdout) == reference, True)
    out = os.path.join(tmp, "split-" + "".join(c if c.isalnum() else "_" for c in name))
    shutil.rmtree(out, ignore_errors=True)  # split refuses part folders that hold files (--keep runs again)
    split = subprocess.run([cskpi, "split", "--parts", str(PARTS), "--out", out] + input_args + config_args,
                           capture_output=True, text=True)
    if split.returncode != 0:
        checks.value(f"{label}: split exit status (stderr: {split.stderr.strip()[:300]})", split.returncode, 0)
        return
    # A partition with an empty part would check less than it seems: every part holds records.
    per_part = re.search(r"records per part: ([0-9 ]+)", split.stderr)
    counts = [int(n) for n in per_part.group(1).split()] if per_part else []
    checks.value(f"{label}: every part holds records ({' '.join(map(str, counts))})",
                 len(counts) == PARTS and min(counts) > 0, True)
    states = []
    for k in range(PARTS):
        part_args = []
        for i, (option, path) in enumerate(inputs):
            part_args += [option, os.path.join(out, f"part-{k}", f"{PART_TYPE[option]}-{i}{os.path.splitext(path)[1]}")]
        state = os.path.join(out, f"part-{k}.state")
        r = subprocess.run([cskpi, "report"] + part_args + config_args + options + ["--emit-state", state],
                           capture_output=True, text=True)
        if r.returncode != 0:
            checks.value(f"{label}: part {k} report --emit-state exit status (stderr: {r.stderr.strip()[:300]})",
                         r.returncode, 0)
            return
        states.append(state)
    merged = subprocess.run([cskpi, "merge", "--format", "json"] + states[::-1], capture_output=True, text=True)
    if merged.returncode != 0:
        checks.value(f"{label}: merge exit status (stderr: {merged.stderr.strip()[:300]})", merged.returncode, 0)
        return
    checks.value(f"{label}: the merged report is byte-identical to one run", merged.stdout == one.stdout, True)


def groups_of(report, dims):
    out = {}
    for g in report["groups"]:
        if g["by"] == dims:
            out[tuple(g["key"].get(d) for d in dims)] = g["metrics"]
    order = [tuple(g["key"].get(d) for d in dims) for g in report["groups"] if g["by"] == dims]
    return out, order


def check_grouping(checks, name, report, dims, expected_keys):
    got, order = groups_of(report, dims)
    exp = list(expected_keys)
    checks.value(f"{name} by {','.join(dims) or 'overall'}: group keys and order ({len(exp)} groups)",
                 [list(k) for k in order], [list(k) for k in exp])
    return got


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def iso(ms, tz):
    return local(ms, tz).isoformat(timespec="milliseconds")


# --------------------------------------------------------------------------------------------
# 1. Anonymous Bank call centre, February 1999
# --------------------------------------------------------------------------------------------

JERUSALEM = ZoneInfo("Asia/Jerusalem")
ISRAEL_WINTER = timezone(timedelta(hours=2))   # Israel Standard Time, +02:00 all of Feb 1999


def hms(s):
    h, m, sec = map(int, s.split(":"))
    return h * 3600 + m * 60 + sec


def bank(checks, cskpi, data, tmp):
    path = os.path.join(data, "anonymous_bank_calls_1999_02.tsv")
    rows_out = []
    recs = []
    phantoms = 0
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            row = {k.strip(): v.strip() for k, v in row.items()}
            outcome = row["outcome"]
            if outcome == "PHANTOM":       # a virtual call, "to be ignored" (SOURCES.md)
                phantoms += 1
                continue
            cid = f"{row['vru+line']}-{row['call_id']}"
            customer = row["customer_id"] if row["customer_id"] != "0" else None  # anonymous: no customer_id (SPEC v3)
            d = row["date"]
            day = datetime(1900 + int(d[0:2]) + (100 if int(d[0:2]) < 50 else 0), int(d[2:4]), int(d[4:6]))
            created = ms_of((day + timedelta(seconds=hms(row["vru_entry"]))).replace(tzinfo=ISRAEL_WINTER))
            priority = "high" if row["priority"] == "2" else "normal"
            served = outcome == "AGENT"
            queued = row["q_start"] != "0:00:00"
            agent = row["server"] if row["server"] != "NO_SERVER" else None
            r = Rec(created, {"channel": "phone", "topic": row["type"], "priority": priority, "agent": agent},
                    customer=customer, topic=row["type"], channel="phone")
            r.abandoned = not served
            if served or queued:
                r.wait = int(row["q_time"]) * 1000
            if served:
                r.handle = int(row["ser_time"]) * 1000
                r.resolved = created + 1000 * (max(0, int(row["vru_time"])) + int(row["q_time"]) + int(row["ser_time"]))
            recs.append(r)
            rows_out.append([cid, customer or "", "phone", row["type"], priority, agent or "",
                             iso(created, ISRAEL_WINTER),
                             "" if r.resolved is None else iso(r.resolved, ISRAEL_WINTER),
                             "" if r.wait is None else row["q_time"],
                             "true" if r.abandoned else "false",
                             "" if r.handle is None else row["ser_time"]])
    interactions = os.path.join(tmp, "bank_interactions.csv")
    write_csv(interactions, ["id", "customer_id", "channel", "topic", "priority", "agent_id", "created_at",
                             "resolved_at", "wait_seconds", "abandoned", "handle_seconds"], rows_out)

    frm = min(r.created for r in recs)
    to = max(r.created for r in recs) + 1000
    # SPEC v3 §2: without --to, as_of is the latest instant recorded + 1 s (resolutions and
    # abandonments run past the last call's creation), never before to.
    as_of = max([to] + [t + 1000 for r in recs for t in (r.resolved, r.abandoned_at()) if t is not None])
    flags = repeat_flags(recs, 7 * 86400 * 1000, as_of)
    variants = [  # (threshold_s, short_abandon_s, mode, groupings)
        (20, 0, "offered", [["day"], ["topic"], ["priority"], ["agent"], ["hour_of_week"]]),
        (60, 0, "offered", [["topic"], ["priority"]]),
        (20, 5, "abandon_within_T_good", [["topic"]]),
        (30, 0, "answered", [["priority"]]),
    ]
    for threshold, short, mode, groupings in variants:
        cfg = {"queue": {"threshold_s": threshold, "mode": mode}}
        if short:
            cfg["queue"]["short_abandon_s"] = short
        cfg_path = os.path.join(tmp, f"bank_{threshold}_{short}_{mode}.json")
        with open(cfg_path, "w") as f:
            json.dump(cfg, f)
        name = f"bank[T={threshold}s,short={short}s,{mode}]"
        options = ["--tz", "Asia/Jerusalem"]
        for g in groupings:
            options += ["--by", ",".join(g)]
        rep = run_report(checks, name, cskpi, ["--interactions", interactions, "--config", cfg_path] + options)
        if rep is None:
            continue
        checks.fields(f"{name} inputs.interactions", rep["inputs"]["interactions"],
                      {"read": len(recs), "accepted": len(recs), "rejected": 0})
        checks.fields(f"{name} period", rep["period"],
                      {"from": iso_z(frm), "to": iso_z(to), "as_of": iso_z(as_of), "time_zone": "Asia/Jerusalem"})
        total = len(recs)
        for dims in [[]] + groupings:
            exp_groups = group_records(recs, dims, JERUSALEM, frm, to, as_of)
            got = check_grouping(checks, name, rep, dims, exp_groups.keys())
            for key, (att, res, backlog) in exp_groups.items():
                label = f"{name} {'/'.join(dims) or 'overall'}={'/'.join(str(k) for k in key) or '-'}"
                m = got.get(key)
                if m is None:
                    continue
                checks.fields(f"{label} queue", m.get("queue"),
                              queue([(r.wait, r.abandoned) for r in att if r.wait is not None], threshold, short, mode))
                if mode != "offered" or threshold != 20:
                    continue
                checks.fields(f"{label} volume", m.get("volume"), volume(att, res, backlog, total))
                checks.fields(f"{label} handle", m.get("handle"),
                              summary([r.handle for r in att if r.handle is not None]))
                checks.fields(f"{label} resolution", m.get("resolution"), resolution(att, as_of))
                checks.fields(f"{label} fcr", m.get("fcr"), fcr_repeat(att, flags, as_of, 7 * 86400 * 1000))
        if threshold == 20 and mode == "offered":
            check_staffing(checks, name, rep, recs, frm, to, as_of, JERUSALEM, threshold)
            split_merge(checks, name, cskpi, tmp, [("--interactions", interactions)],
                        options + ["--from", iso_z(frm), "--to", iso_z(to), "--as-of", iso_z(as_of)],
                        config=cfg_path, reference=rep)
    print(f"# bank: {len(recs)} calls converted, {phantoms} PHANTOM rows left out")


def iso_z(ms):
    d = datetime.fromtimestamp(ms / 1000.0, UTC)
    s = d.strftime("%Y-%m-%dT%H:%M:%S")
    if ms % 1000:
        s += f".{ms % 1000:03d}"
    return s + "Z"


def check_staffing(checks, name, rep, recs, frm, to, as_of, tz, threshold):
    """docs/metrics.md §12: calls_per_hour = phone calls created in the local hour of the week /
    the hours of [from, to) falling in it; aht = the hour's mean handle time (else the period's)."""
    calls = [0] * 168
    handle = [[] for _ in range(168)]
    for r in recs:
        if r.channel == "phone" and frm <= r.created < to and r.created <= as_of:
            h = int(bucket_label("hour_of_week", r.created, tz))
            calls[h] += 1
            if r.handle is not None:
                handle[h].append(r.handle)
    all_h = [x for hs in handle for x in hs]
    period_aht = sum(all_h) / 1000.0 / len(all_h)
    # Exposure: walk the UTC hours (Asia/Jerusalem's offsets are whole hours, so each UTC hour
    # is one local hour) and add the part of each inside [from, to).
    hours = [0.0] * 168
    t = frm - frm % 3600000
    while t < to:
        a, b = max(t, frm), min(t + 3600000, to)
        if b > a:
            hours[int(bucket_label("hour_of_week", a, tz))] += (b - a) / 3600000.0
        t += 3600000
    rows = {row["hour_of_week"]: row for row in rep.get("staffing", [])}
    checks.value(f"{name} staffing: 168 rows, hours 0..167", sorted(int(k) for k in rows), list(range(168)))
    busiest = sorted(range(168), key=lambda h: (-calls[h] / hours[h] if hours[h] else 0, h))[:3]
    for h in range(168):
        cph = calls[h] / hours[h] if hours[h] > 0 else 0.0
        aht = (sum(handle[h]) / 1000.0 / len(handle[h])) if handle[h] else (period_aht if calls[h] else None)
        exp = {"calls_per_hour": cph, "aht_s": aht}
        if calls[h] == 0:
            exp.update({"agents": 0, "scheduled": 0})
        elif aht:
            n = erlang_c_agents(cph, aht, threshold, 0.8)
            exp.update({"agents": n, "scheduled": n})
        tag = " (busiest)" if h in busiest else ""
        checks.fields(f"{name} staffing hour_of_week={h}{tag} ({calls[h]} calls / {hours[h]:.4f} h)",
                      rows.get(h, rows.get(str(h))), exp)


# --------------------------------------------------------------------------------------------
# 2. Help-desk ticket event log (Italian software company)
# --------------------------------------------------------------------------------------------

ROME = ZoneInfo("Europe/Rome")

# Activity -> cskpi interaction events (type, status).
ACTIVITY_EVENTS = {
    "Take in charge ticket": [("agent_reply", None), ("status", "open")],
    "Wait": [("status", "pending")],
    "Require upgrade": [("status", "on_hold")],
    "Create SW anomaly": [("status", "on_hold")],
    "Schedule intervention": [("status", "on_hold")],
    "Resolve SW anomaly": [("status", "open")],
    "Resolve ticket": [("status", "solved")],
    "Closed": [("status", "closed")],
    # "Insert ticket", "Assign seriousness": creation / triage (no status change);
    # "VERIFIED", "INVALID", "RESOLVED", "DUPLICATE": states of the linked software anomaly.
}
RESOLVED_STATES = {"solved", "closed"}
WAIT_STATES = {"new", "open", "on_hold"}      # requester_wait
WORK_STATES = {"new", "open"}                 # agent_work


def rome_ms(ts):
    """`YYYY/MM/DD hh:mm:ss.fff`, Rome local time (ambiguous fall-back times: the first)."""
    d = datetime.strptime(ts, "%Y/%m/%d %H:%M:%S.%f").replace(tzinfo=ROME)
    return ms_of(d)


def history(created, events, as_of):
    """SPEC §1 / docs/metrics.md event histories, independently: events (at, type, status) in
    (at, input) order. Returns first_response, resolved_at, reopened, state durations, and the
    pending time before each instant (for the SLA resolution clock)."""
    evs = [e for e in events if e[0] <= as_of]
    evs.sort(key=lambda e: e[0])           # stable: input order among ties
    first_reply = next((at for at, typ, _ in evs if typ == "agent_reply"), None)
    cur, since = "new", created
    segments = []                          # (begin, end, status)
    run_start = None
    reopened = 0
    for at, typ, st in evs:
        if typ != "status" or st == cur:
            continue
        if st in RESOLVED_STATES:
            if cur not in RESOLVED_STATES:
                run_start = at
        elif cur in RESOLVED_STATES:
            reopened += 1
        segments.append((since, at, cur))
        cur, since = st, at
    resolved = run_start if cur in RESOLVED_STATES else None
    end = resolved if resolved is not None else as_of
    segments.append((since, max(since, end), cur))
    dur = defaultdict(int)
    for b, e, st in segments:
        e = min(e, end)
        if e > b:
            dur[st] += e - b
    return {"first_response": first_reply, "resolved": resolved, "reopened": reopened,
            "requester_wait": sum(dur[s] for s in WAIT_STATES), "agent_work": sum(dur[s] for s in WORK_STATES),
            "on_hold": dur["on_hold"], "pending": dur["pending"], "segments": segments}


def paused_before(segments, t, paused=("pending",)):
    return sum(max(0, min(e, t) - b) for b, e, st in segments if st in paused and b < t)


def sla_status(done, elapsed_done, elapsed_now, target):
    if done is not None:
        return "achieved" if elapsed_done <= target else "breached"
    return "breached" if elapsed_now > target else "pending"


def sla(attributed, as_of, fr_target, res_target):
    out = {}
    for tgt_name, target in (("first_response", fr_target), ("resolution", res_target)):
        counts = {"achieved": 0, "breached": 0, "pending": 0}
        for r in attributed:
            h = r.hist
            if tgt_name == "first_response":
                done = h["first_response"] if h["first_response"] is not None else h["resolved"]
                el_done = None if done is None else done - r.created
                el_now = as_of - r.created
            else:
                done = h["resolved"]
                el_done = None if done is None else done - r.created - paused_before(h["segments"], done)
                el_now = as_of - r.created - paused_before(h["segments"], as_of)
            counts[sla_status(done, el_done, el_now, target)] += 1
        counts["compliance"] = pct(counts["achieved"], counts["achieved"] + counts["breached"])
        counts["target_s"] = (target / 1000.0) if attributed else None
        out[tgt_name] = counts
    return out


def helpdesk(checks, cskpi, data, tmp):
    path = os.path.join(data, "helpdesk_event_log_italian_sw_company.csv")
    cases = {}
    order = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {name: i for i, name in reversed(list(enumerate(header)))}   # first "Variant" wins
        for row in reader:
            case = row[col["Case ID"]]
            if case not in cases:
                cases[case] = {"rows": [], "customer": row[col["customer"]], "product": row[col["product"]],
                               "topic": row[col["service_type"]], "team": row[col["workgroup"]]}
                order.append(case)
            cases[case]["rows"].append((rome_ms(row[col["Complete Timestamp"]]), row[col["Activity"]],
                                        row[col["Resource"]]))
    inter_rows, event_rows = [], []
    base = []     # (case id, created, events, labels...)
    n_events = 0
    for case in order:
        c = cases[case]
        created = min(t for t, _, _ in c["rows"])
        agent = next((res for _, act, res in c["rows"] if act == "Take in charge ticket"), None)
        events = [(created, "status", "new")]     # the ticket's creation (first event of the case)
        event_rows.append([case, iso(created, ROME), "status", "new", ""])
        for t, act, res in c["rows"]:
            for typ, st in ACTIVITY_EVENTS.get(act, []):
                events.append((t, typ, st))
                event_rows.append([case, iso(t, ROME), typ, st or "", res])
        n_events += len(events)
        inter_rows.append([case, c["customer"], "helpdesk", c["topic"], c["product"], c["team"], "normal",
                           agent or "", iso(created, ROME)])
        base.append((case, created, events, c))
    interactions = os.path.join(tmp, "helpdesk_interactions.csv")
    events_path = os.path.join(tmp, "helpdesk_events.csv")
    write_csv(interactions, ["id", "customer_id", "channel", "topic", "product", "team", "priority", "agent_id",
                             "created_at"], inter_rows)
    write_csv(events_path, ["interaction_id", "at", "type", "status", "agent_id"], event_rows)
    fr_target, res_target = 86400 * 1000, 7 * 86400 * 1000
    cfg_path = os.path.join(tmp, "helpdesk_config.json")
    with open(cfg_path, "w") as f:
        json.dump({"sla": {"normal": {"first_response_s": fr_target / 1000, "resolution_s": res_target / 1000}}}, f)

    runs = [
        # (name, from, to, groupings): the whole log by month; and the first half of 2012 with
        # as_of = to, so that later events have not happened yet (open tickets, backlog, pending SLAs).
        ("helpdesk[whole log]", "2010-01-01T00:00:00+01:00", "2014-02-01T00:00:00+01:00",
         [["month"], ["week"], ["topic"], ["product"], ["team"], ["product", "quarter"]]),
        ("helpdesk[2012-H1]", "2012-01-01T00:00:00+01:00", "2012-07-01T00:00:00+02:00",
         [["month"], ["topic"], ["product"]]),
    ]
    for name, frm_s, to_s, groupings in runs:
        frm = ms_of(datetime.fromisoformat(frm_s))
        to = ms_of(datetime.fromisoformat(to_s))
        as_of = to
        recs = []
        for case, created, events, c in base:
            r = Rec(created, {"channel": "helpdesk", "topic": c["topic"], "product": c["product"], "team": c["team"]},
                    customer=c["customer"], topic=c["topic"], channel="helpdesk")
            r.hist = history(created, events, as_of)
            r.resolved = r.hist["resolved"]
            r.first_response = r.hist["first_response"]
            r.reopened = r.hist["reopened"]
            recs.append(r)
        flags = repeat_flags(recs, 7 * 86400 * 1000, as_of)
        options = ["--tz", "Europe/Rome", "--from", frm_s, "--to", to_s]
        for g in groupings:
            options += ["--by", ",".join(g)]
        rep = run_report(checks, name, cskpi,
                         ["--interactions", interactions, "--events", events_path, "--config", cfg_path] + options)
        if rep is None:
            continue
        if name == "helpdesk[whole log]":
            # Events follow their interaction into its customer's part; SLA clocks, reopenings,
            # state durations and repeat-window FCR must come out of the merge unchanged.
            split_merge(checks, name, cskpi, tmp, [("--interactions", interactions), ("--events", events_path)],
                        options + ["--as-of", to_s], config=cfg_path, reference=rep)
        checks.fields(f"{name} inputs.interactions", rep["inputs"]["interactions"],
                      {"read": len(recs), "accepted": len(recs), "rejected": 0})
        checks.fields(f"{name} inputs.interaction_events", rep["inputs"]["interaction_events"],
                      {"read": n_events, "accepted": n_events, "rejected": 0})
        total = sum(1 for r in recs if frm <= r.created < to)
        for dims in [[]] + groupings:
            exp_groups = group_records(recs, dims, ROME, frm, to, as_of)
            got = check_grouping(checks, name, rep, dims, exp_groups.keys())
            for key, (att, res, backlog) in exp_groups.items():
                label = f"{name} {'/'.join(dims) or 'overall'}={'/'.join(str(k) for k in key) or '-'}"
                m = got.get(key)
                if m is None:
                    continue
                checks.fields(f"{label} volume", m.get("volume"), volume(att, res, backlog, total))
                checks.fields(f"{label} first_response", m.get("first_response"),
                              summary([r.first_response - r.created for r in att if r.first_response is not None]))
                checks.fields(f"{label} resolution", m.get("resolution"), resolution(att, as_of))
                checks.fields(f"{label} reopen", m.get("reopen"), reopen(att, as_of))
                checks.fields(f"{label} fcr", m.get("fcr"), fcr_repeat(att, flags, as_of, 7 * 86400 * 1000))
                for st in ("requester_wait", "agent_work", "on_hold", "pending"):
                    checks.fields(f"{label} {st}", m.get(st), summary([r.hist[st] for r in att]))
                exp_sla = sla(att, as_of, fr_target, res_target)
                got_sla = m.get("sla") or {}
                for tgt in ("first_response", "resolution"):
                    checks.fields(f"{label} sla.{tgt}", got_sla.get(tgt), exp_sla[tgt])


# --------------------------------------------------------------------------------------------
# 3. NPS survey test data
# --------------------------------------------------------------------------------------------

def nps_surveys(checks, cskpi, data, tmp):
    path = os.path.join(data, "nps_survey_testdata.csv")
    rows_out, recs = [], []
    with open(path, newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f), start=1):
            score = int(row["REC"])
            at = f"{row['date']}T12:00:00Z"
            rows_out.append([f"nps-{i}", "nps", score, at, row["Account"], row["PRODUCT"], row["Region"], row["BU"]])
            recs.append({"score": score, "month": row["date"][:7], "product": row["PRODUCT"],
                         "team": row["Region"], "department": row["BU"]})
    surveys = os.path.join(tmp, "nps_surveys.csv")
    write_csv(surveys, ["id", "kind", "score", "responded_at", "customer_id", "product", "team", "department"],
              rows_out)
    groupings = [["month"], ["product"], ["team"], ["department"], ["department", "month"]]
    args = ["--surveys", surveys]
    for g in groupings:
        args += ["--by", ",".join(g)]
    name = "nps"
    rep = run_report(checks, name, cskpi, args)
    if rep is None:
        return
    checks.fields(f"{name} inputs.surveys", rep["inputs"]["surveys"],
                  {"read": len(recs), "accepted": len(recs), "rejected": 0})
    # External anchor: the R package NPS (the data set's origin) reports NPS 10.0 and standard
    # error 2.853 on this data; the ci95 half-width / 1.96 is that standard error.
    overall = next((g["metrics"]["nps"] for g in rep["groups"] if g["by"] == []), {})
    ci = overall.get("ci95") or [0.0, 0.0]
    checks.value(f"{name} overall score and se as published by R's NPS package (10.0, 2.853)",
                 [overall.get("score"), round((ci[1] - ci[0]) / 2 / 1.96, 3)], [10.0, 2.853])
    for dims in [[]] + groupings:
        exp = defaultdict(list)
        for r in recs:
            exp[tuple(r[d] for d in dims)].append(r["score"])
        keys = sorted(exp, key=lambda k: sort_key(dims, k))
        got = check_grouping(checks, name, rep, dims, keys)
        for k in keys:
            label = f"{name} {'/'.join(dims) or 'overall'}={'/'.join(k) or '-'}"
            if k in got:
                checks.fields(f"{label} nps", got[k].get("nps"), nps(exp[k]))


# --------------------------------------------------------------------------------------------
# 4. IBM Telco churn: one month of subscription lifecycle
# --------------------------------------------------------------------------------------------

REFERENCE = datetime(2018, 9, 1, tzinfo=UTC)   # end of the observed month (August 2018)


def months_before(d, k):
    y, m = divmod(d.year * 12 + d.month - 1 - k, 12)
    return d.replace(year=y, month=m + 1)


def telco(checks, cskpi, data, tmp):
    path = os.path.join(data, "telco_churn_ibm_wa_churn.csv")
    rows_out, custs = [], []
    cancel_at = datetime(2018, 8, 16, tzinfo=UTC)
    with open(path, newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f), start=1):
            cid = f"telco-{i:05d}"
            tenure = int(row["tenure"])
            start = months_before(REFERENCE, tenure) - timedelta(days=1)
            mrr = row["monthly_charges"]
            churn = row["churn"] == "Yes"
            rows_out.append([cid, "start", start.strftime("%Y-%m-%dT%H:%M:%SZ"), row["contract"], mrr])
            if churn:
                rows_out.append([cid, "cancel", cancel_at.strftime("%Y-%m-%dT%H:%M:%SZ"), row["contract"], ""])
            custs.append({"start": ms_of(start), "month": start.strftime("%Y-%m"), "cancel": ms_of(cancel_at) if churn else None,
                          "product": row["contract"], "mrr_micro": round(float(mrr) * 1e6), "mrr": float(mrr)})
    events = os.path.join(tmp, "telco_customer_events.csv")
    write_csv(events, ["customer_id", "type", "at", "product", "mrr"], rows_out)

    def active(c, t):          # active just before t
        return c["start"] < t and not (c["cancel"] is not None and c["cancel"] < t)

    def figures(cs, frm, to):
        s = [c for c in cs if active(c, frm)]
        e = [c for c in cs if active(c, to)]
        new = [c for c in cs if frm <= c["start"] < to]
        lost = [c for c in s if not active(c, to)]
        cancels = sum(1 for c in cs if c["cancel"] is not None and frm <= c["cancel"] < to)
        mrr_s = sum(c["mrr_micro"] for c in s) / 1e6
        mrr_e = sum(c["mrr_micro"] for c in e) / 1e6
        churned = sum(c["mrr_micro"] for c in lost) / 1e6
        out = {"start": len(s), "end": len(e), "new": len(new), "lost": len(lost),
               "churn_rate": pct(len(lost), len(s)), "retention_rate": pct(len(e) - len(new), len(s)),
               "renewal_rate": pct(0, cancels)}
        # Every customer has an mrr: the revenue figures are null only when S and E are empty,
        # the two ratios when mrr_start is 0.
        known = bool(s or e)
        out.update({"mrr_start": mrr_s if known else None, "mrr_end": mrr_e if known else None,
                    "gross_revenue_churn": 100.0 * churned / mrr_s if mrr_s else None,
                    "net_revenue_retention": 100.0 * (mrr_s - churned) / mrr_s if mrr_s else None})
        return out

    # Run A: the observed month, per contract.
    frm, to = ms_of(datetime(2018, 8, 1, tzinfo=UTC)), ms_of(REFERENCE)
    name = "telco[2018-08]"
    rep = run_report(checks, name, cskpi, ["--customers", events, "--from", "2018-08-01T00:00:00Z",
                                           "--to", "2018-09-01T00:00:00Z", "--by", "product"])
    if rep is not None:
        checks.fields(f"{name} inputs.customer_events", rep["inputs"]["customer_events"],
                      {"read": len(rows_out), "accepted": len(rows_out), "rejected": 0})
        products = sorted({c["product"] for c in custs}, key=lambda p: p.encode())
        got = check_grouping(checks, name, rep, [], [()])
        checks.fields(f"{name} overall customers", got.get((), {}).get("customers"), figures(custs, frm, to))
        got = check_grouping(checks, name, rep, ["product"], [(p,) for p in products])
        for p in products:
            checks.fields(f"{name} product={p} customers", got.get((p,), {}).get("customers"),
                          figures([c for c in custs if c["product"] == p], frm, to))
    # Run B: the whole history by month, and the start-month cohorts.
    frm_s = "2012-08-01T00:00:00Z"
    frm = ms_of(datetime(2012, 8, 1, tzinfo=UTC))
    name = "telco[2012-08..2018-08]"
    options = ["--from", frm_s, "--to", "2018-09-01T00:00:00Z", "--by", "month"]
    rep = run_report(checks, name, cskpi, ["--customers", events] + options)
    if rep is None:
        return
    # Lifecycle counts, revenue and cohorts from parts split by customer.
    split_merge(checks, name, cskpi, tmp, [("--customers", events)], options + ["--as-of", "2018-09-01T00:00:00Z"],
                reference=rep)
    months = []
    d = datetime(2012, 8, 1, tzinfo=UTC)
    while d < REFERENCE:
        months.append(d)
        d = months_before(d, -1)
    got = check_grouping(checks, name, rep, ["month"], [(m.strftime("%Y-%m"),) for m in months])
    for m in months:
        lab = m.strftime("%Y-%m")
        checks.fields(f"{name} month={lab} customers", got.get((lab,), {}).get("customers"),
                      figures(custs, ms_of(m), ms_of(months_before(m, -1))))
    # Cohorts: active[k] = members active just before the end of month cohort+k (the last
    # column ends at `to`).
    rows = {row["cohort"]: row for row in rep.get("cohorts", [])}
    by_month = defaultdict(list)
    for c in custs:
        by_month[c["month"]].append(c)
    checks.value(f"{name} cohort rows", sorted(rows), sorted(by_month))
    for lab in sorted(by_month):
        members = by_month[lab]
        y, mo = map(int, lab.split("-"))
        start = datetime(y, mo, 1, tzinfo=UTC)
        act, share = [], []
        k = 0
        while True:
            month_begin = months_before(start, -k)
            if month_begin >= REFERENCE:
                break
            end = ms_of(months_before(start, -(k + 1)))
            n = sum(1 for c in members if active(c, end))
            act.append(n)
            share.append(100.0 * n / len(members))
            k += 1
        checks.fields(f"{name} cohort={lab}", rows.get(lab), {"size": len(members), "active": act, "share": share})


# --------------------------------------------------------------------------------------------
# 5. The same files in their original form, read through the input mapping (SPEC v3 §8)
# --------------------------------------------------------------------------------------------
# No conversion: cskpi reads the file as published, with a config's `columns`, `csv.instant_format`
# and `input_time_zone`. The expected figures are recomputed here from the raw file the way SPEC §8
# says cskpi reads it (the first record with an id wins; a date alone is local midnight; ...).

PROJECT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def run_cli(cskpi, args):
    """(exit status, stdout, stderr) of one cskpi run, whatever the status."""
    proc = subprocess.run([cskpi] + args, capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr


def write_config(tmp, name, config):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        json.dump(config, f)
    return path


def count_groups(checks, name, rep, dims, keys_of_records):
    """Checks a grouping's keys, order and volume counts against a list of keys, one per record."""
    counts = defaultdict(int)
    for k in keys_of_records:
        counts[k] += 1
    keys = sorted(counts, key=lambda k: sort_key(dims, k))
    got = check_grouping(checks, name, rep, dims, keys)
    for k in keys:
        label = f"{name} {'/'.join(dims)}={'/'.join(str(v) for v in k)} volume.count"
        checks.value(label, (got.get(k) or {}).get("volume", {}).get("count"), counts[k])
    return got


def bank_original(checks, cskpi, data, tmp):
    """The tab-separated call log as published. Two things it cannot say in SPEC §8's terms:
    `call_id` is not unique (only `vru+line` + `call_id` is), so the first row of each call_id
    wins and the others are rejected duplicate_id; and the date and the time of day are two
    columns, so created_at is the date alone (`%y%m%d`, local midnight in Jerusalem)."""
    path = os.path.join(data, "anonymous_bank_calls_1999_02.tsv")
    cfg = write_config(tmp, "bank_original.json", {
        "time_zone": "Asia/Jerusalem", "input_time_zone": "Asia/Jerusalem",
        "csv": {"instant_format": "%y%m%d"},
        "dimensions": ["customer_class"],
        "columns": {"interactions": {
            "id": "call_id", "channel": {"const": "phone"}, "topic": "type", "agent_id": "server",
            "created_at": "date", "wait_seconds": "q_time", "handle_seconds": "ser_time",
            "priority": {"const": "normal"}, "customer_class": "priority"}}})
    # Independently: rows in file order, the first of each call_id accepted.
    with open(path, newline="", encoding="utf-8") as f:
        rows = [{k.strip(): v.strip() for k, v in row.items()} for row in csv.DictReader(f, delimiter="\t")]
    seen, accepted = set(), []
    for row in rows:
        if row["call_id"] not in seen:
            seen.add(row["call_id"])
            accepted.append(row)
    name = "bank[original tsv]"
    rep = run_report(checks, name, cskpi, ["--interactions", path, "--config", cfg,
                                           "--by", "day", "--by", "topic", "--by", "customer_class"])
    if rep is None:
        return
    checks.fields(f"{name} inputs.interactions", rep["inputs"]["interactions"],
                  {"read": len(rows), "accepted": len(accepted), "rejected": len(rows) - len(accepted)})
    # February 1999 is Israel Standard Time (+02:00) throughout: local midnight is 22:00Z the day before.
    first_day = min(r["date"] for r in accepted)
    last_day = max(r["date"] for r in accepted)
    checks.value(f"{name} period.from is local midnight of the first date ({first_day})", rep["period"]["from"],
                 iso_z(ms_of(datetime.strptime(first_day, "%y%m%d").replace(tzinfo=ISRAEL_WINTER))))
    checks.value(f"{name} period.to is the last date's midnight + 1 s ({last_day})", rep["period"]["to"],
                 iso_z(ms_of(datetime.strptime(last_day, "%y%m%d").replace(tzinfo=ISRAEL_WINTER)) + 1000))
    day = lambda r: "19" + r["date"][0:2] + "-" + r["date"][2:4] + "-" + r["date"][4:6]
    count_groups(checks, name, rep, ["day"], [(day(r),) for r in accepted])
    got = count_groups(checks, name, rep, ["topic"], [(r["type"],) for r in accepted])
    for topic in sorted({r["type"] for r in accepted}):
        handle = [1000 * int(r["ser_time"]) for r in accepted if r["type"] == topic]
        checks.fields(f"{name} topic={topic} handle", (got.get((topic,)) or {}).get("handle"), summary(handle))
    count_groups(checks, name, rep, ["customer_class"], [(r["priority"],) for r in accepted])
    overall = next(g["metrics"] for g in rep["groups"] if g["by"] == [])
    checks.fields(f"{name} overall handle", overall.get("handle"), summary([1000 * int(r["ser_time"]) for r in accepted]))
    # Anchor, counted once outside this script from the raw file:
    #   python3 -c "import csv; r = list(csv.DictReader(open('anonymous_bank_calls_1999_02.tsv'), delimiter='\t'));
    #               print(len({x['call_id'] for x in r}), len(r))"   →  15516 33344
    checks.value(f"{name} anchor: 15,516 calls accepted of 33,344 rows", [len(accepted), len(rows)], [15516, 33344])


def helpdesk_original(checks, cskpi, data, tmp):
    """The event log as published, read as interactions: one row per event, so the first row of
    each `Case ID` is the ticket (its `Complete Timestamp`, Rome local time written
    `2012/10/09 14:50:17.000`, is the creation) and the case's later rows are rejected
    duplicate_id. Its activities are not SPEC §1 event types, so they cannot be events as they are."""
    path = os.path.join(data, "helpdesk_event_log_italian_sw_company.csv")
    cfg = write_config(tmp, "helpdesk_original.json", {
        "time_zone": "Europe/Rome", "input_time_zone": "Europe/Rome",
        "csv": {"instant_format": "%Y/%m/%d %H:%M:%S.%f"},
        "columns": {"interactions": {
            "id": "Case ID", "created_at": "Complete Timestamp", "channel": {"const": "helpdesk"},
            "customer_id": "customer", "topic": "service_type", "team": "workgroup"}}})
    first = {}
    n_rows = 0
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {name: i for i, name in reversed(list(enumerate(header)))}
        for row in reader:
            n_rows += 1
            first.setdefault(row[col["Case ID"]], (rome_ms(row[col["Complete Timestamp"]]), row[col["product"]]))
    name = "helpdesk[original csv]"
    rep = run_report(checks, name, cskpi, ["--interactions", path, "--config", cfg, "--by", "month",
                                           "--by", "product,year"])
    if rep is None:
        return
    checks.fields(f"{name} inputs.interactions", rep["inputs"]["interactions"],
                  {"read": n_rows, "accepted": len(first), "rejected": n_rows - len(first)})
    created = [t for t, _ in first.values()]
    checks.fields(f"{name} period", rep["period"], {"from": iso_z(min(created)), "to": iso_z(max(created) + 1000)})
    count_groups(checks, name, rep, ["month"], [(bucket_label("month", t, ROME),) for t, _ in first.values()])
    count_groups(checks, name, rep, ["product", "year"],
                 [(p, str(local(t, ROME).year)) for t, p in first.values()])
    # Anchor (SOURCES.md, and `python3 -c "import csv; r = list(csv.reader(open(FILE)))[1:];
    # print(len({x[0] for x in r}), len(r))"` → 4580 21348).
    checks.value(f"{name} anchor: 4,580 tickets from 21,348 events", [len(first), n_rows], [4580, 21348])


def nps_original(checks, cskpi, data, tmp):
    """The NPS answers as published, with the getting-started configuration
    (examples/nps_answers.json): REC as the score, kind the constant nps, date-only dates in UTC,
    Region as the custom dimension `region`, no id column (ids FILE:LINE)."""
    path = os.path.join(data, "nps_survey_testdata.csv")
    cfg = os.path.join(PROJECT, "examples", "nps_answers.json")
    with open(path, newline="", encoding="utf-8") as f:
        recs = [{"score": int(r["REC"]), "region": r["Region"], "month": r["date"][:7], "product": r["PRODUCT"]}
                for r in csv.DictReader(f)]
    groupings = [["region"], ["region", "month"], ["product"]]
    args = ["--surveys", path, "--config", cfg]
    for g in groupings:
        args += ["--by", ",".join(g)]
    name = "nps[original csv]"
    rep = run_report(checks, name, cskpi, args)
    if rep is None:
        return
    checks.fields(f"{name} inputs.surveys", rep["inputs"]["surveys"],
                  {"read": len(recs), "accepted": len(recs), "rejected": 0})
    for dims in [[]] + groupings:
        exp = defaultdict(list)
        for r in recs:
            exp[tuple(r[d] for d in dims)].append(r["score"])
        keys = sorted(exp, key=lambda k: sort_key(dims, k))
        got = check_grouping(checks, name, rep, dims, keys)
        for k in keys:
            checks.fields(f"{name} {'/'.join(dims) or 'overall'}={'/'.join(k) or '-'} nps", got.get(k, {}).get("nps"),
                          nps(exp[k]))
    # Anchor: R's NPS package reports 10.0 on these data; `python3 -c "import csv; s = [int(r['REC']) for r in
    # csv.DictReader(open(FILE))]; print(sum(x >= 9 for x in s), sum(x <= 6 for x in s))"` → 462 362.
    overall = next((g["metrics"]["nps"] for g in rep["groups"] if g["by"] == []), {})
    checks.value(f"{name} anchor: NPS 10.0 from 462 promoters and 362 detractors of 1,000",
                 [overall.get("score"), overall.get("promoters"), overall.get("detractors")], [10.0, 462, 362])


def telco_original(checks, cskpi, data, tmp):
    """The churn table is a snapshot: no customer id, no event, no date. As customer events it is
    refused whole with one message naming the missing columns (SPEC §5), not a reject per row."""
    path = os.path.join(data, "telco_churn_ibm_wa_churn.csv")
    status, _, err = run_cli(cskpi, ["report", "--customers", path, "--format", "json"])
    name = "telco[original csv]"
    checks.value(f"{name} refused: exit status 2", status, 2)
    for text in ("no column customer_id", "no column type", "no column at", "the file is refused"):
        checks.value(f"{name} the message names '{text}'", text in err, True)
    checks.value(f"{name} one message, not one per row", err.count("\n") <= 3, True)


def cdnow_original(checks, cskpi, data, tmp):
    """The purchase log is a space-aligned .txt file: neither its extension nor a space separator is
    in SPEC §6/§8, so the run stops with a usage error naming the file (no partial read)."""
    path = os.path.join(data, "cdnow_master_transactions.txt")
    status, _, err = run_cli(cskpi, ["report", "--customers", path, "--format", "json"])
    name = "cdnow[original txt]"
    checks.value(f"{name} refused: exit status 1", status, 1)
    checks.value(f"{name} the message names the file", "cdnow_master_transactions.txt" in err, True)


# --------------------------------------------------------------------------------------------

DATASETS = [
    ("anonymous_bank_calls_1999_02.tsv", bank),
    ("helpdesk_event_log_italian_sw_company.csv", helpdesk),
    ("nps_survey_testdata.csv", nps_surveys),
    ("telco_churn_ibm_wa_churn.csv", telco),
    ("anonymous_bank_calls_1999_02.tsv", bank_original),
    ("helpdesk_event_log_italian_sw_company.csv", helpdesk_original),
    ("nps_survey_testdata.csv", nps_original),
    ("telco_churn_ibm_wa_churn.csv", telco_original),
    ("cdnow_master_transactions.txt", cdnow_original),
]


def main():
    args = sys.argv[1:]
    keep = None
    if len(args) == 4 and args[2] == "--keep":
        keep = args[3]
        args = args[:2]
    if len(args) != 2:
        print(__doc__)
        return 2
    cskpi, data = os.path.abspath(args[0]), args[1]
    if not any(os.path.exists(os.path.join(data, f)) for f, _ in DATASETS):
        print(f"skipped: no data set of this test in {data}")
        return 77  # CTest SKIP_RETURN_CODE: reported as skipped, not passed
    checks = Checks()
    with tempfile.TemporaryDirectory(prefix="cskpi-real-") as tmp:
        if keep:
            os.makedirs(keep, exist_ok=True)
            tmp = keep
        for filename, fn in DATASETS:
            if not os.path.exists(os.path.join(data, filename)):
                print(f"# skip {filename}: not in {data}")
                continue
            fn(checks, cskpi, data, tmp)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
