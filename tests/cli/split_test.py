#!/usr/bin/env python3
"""End-to-end tests of `cskpi split` (SPEC §9, docs/scale-out.md).

usage: split_test.py CSKPI [CSKPI_SAMPLE]   (with CSKPI_SAMPLE: only the generated-data test)

For hand-made inputs (a CSV with a BOM, CRLF and a quoted newline, a ';'-separated file, JSON Lines,
a mixed --input file, events whose interaction is in a later file, surveys with and without an
interaction, surveys without an id column (FILE:LINE ids) in a .tsv, anonymous interactions,
duplicates, malformed records, agent events, a mapped latin-1
export, a UTF-16 file) and, with CSKPI_SAMPLE, for generated sample data, split into several part
counts and check: the layout and file names; that each part file starts with its input's BOM and
header; that the parts' records are the input's records (as multisets, byte for byte); that each
record lands where the documented rule puts it (FNV-1a 64 of the customer id, events and surveys
with their interaction, rejects in part 0, duplicates with their original); and that `cskpi report`
on each part alone gives read/accepted/rejected counts, and reject reasons, that add up to one run's;
and that `cskpi report --emit-state` on each part, merged with `cskpi merge`, gives the single
run's JSON byte for byte.
"""
import collections
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

CSKPI = sys.argv[1]
SAMPLE = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None
TYPES = ["interactions", "interaction_events", "surveys", "customer_events", "agent_events"]
OPTION_TYPE = {"--interactions": "interactions", "--events": "interaction_events", "--surveys": "surveys",
               "--customers": "customer_events", "--agents": "agent_events", "--input": None}
SINGULAR = {"interaction": "interactions", "interaction_event": "interaction_events", "survey": "surveys",
            "customer_event": "customer_events", "agent_event": "agent_events"}
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def fnv1a64(text):
    h = 0xcbf29ce484222325
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def decode(raw, encoding):
    """The text of a file as the readers see it, and the length of its BOM in bytes."""
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        return raw.decode("utf-16"), 2
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), 3
    return raw.decode(encoding), 0


def records(text, is_csv, sep):
    """(first line, text with its line end) of each non-blank record: an independent reading of
    SPEC §1 "Files" (a quote opens a quoted field only at a field's start)."""
    out, i, line, n = [], 0, 1, len(text)
    while i < n:
        j, state, inner = i, "start", 0
        while j < n:
            c = text[j]
            if state == "quoted":
                if c == '"':
                    state = "quote"
                elif c == "\r" or (c == "\n" and not (j > i and text[j - 1] == "\r")):
                    inner += 1
            elif c in "\r\n":
                break
            elif not is_csv:
                pass
            elif state == "start":
                if c == '"':
                    state = "quoted"
                elif c != sep and c not in " \t":
                    state = "unquoted"
            elif state == "quote":
                state = "quoted" if c == '"' else ("start" if c == sep else "after")
            elif c == sep:
                state = "start"
            j += 1
        end = j
        if j < n:
            j += 2 if text[j] == "\r" and j + 1 < n and text[j + 1] == "\n" else 1
        if text[i:end].strip(" \t"):
            out.append((line, text[i:j]))
        line += inner + (1 if end < n else 0)
        i = j
    return out


def fields_of(record, is_csv, sep, header):
    """The fields of a record as a dict (None when it does not parse)."""
    try:
        if is_csv:
            row = next(csv.reader(io.StringIO(record.rstrip("\r\n")), delimiter=sep))
            if len(row) != len(header):
                return None
            return {k: v.strip() for k, v in zip(header, row)}
        value = json.loads(record)
        return {k: ("" if v is None else str(v)) for k, v in value.items()} if isinstance(value, dict) else None
    except (ValueError, StopIteration, csv.Error):
        return None


class Input:
    def __init__(self, option, path, sep=",", encoding="utf-8"):
        self.option, self.path, self.sep, self.encoding = option, path, sep, encoding
        self.is_csv = path.lower().endswith((".csv", ".tsv"))
        self.ext = os.path.splitext(path)[1]

    def read(self, path=None):
        """(prefix bytes, header names, records) of the input or of one of its part files."""
        raw = open(path or self.path, "rb").read()
        text, bom = decode(raw, self.encoding)
        recs = records(text, self.is_csv, self.sep)
        if not self.is_csv:
            return raw[:bom], None, recs
        if not recs:
            return raw, None, []
        header_line, header_text = recs[0]
        header = next(csv.reader(io.StringIO(header_text.rstrip("\r\n")), delimiter=self.sep))
        prefix = raw[: bom + len(header_text.encode("utf-16-le" if bom == 2 else self.encoding))]
        return prefix, [h.strip() for h in header], recs[1:]

    def part_files(self, part_dir, index):
        types = [OPTION_TYPE[self.option]] if OPTION_TYPE[self.option] else TYPES
        return [(t, os.path.join(part_dir, f"{t}-{index}{self.ext}")) for t in types]


def run(args, **kw):
    return subprocess.run([CSKPI] + args, capture_output=True, text=True, **kw)


def report_counts(args, tmp, name):
    """(inputs section, Counter of (record_type, reason)) of `cskpi report` over `args`."""
    rejects = os.path.join(tmp, f"rejects-{name}.csv")
    r = run(["report", "--format", "json", "--rejects", rejects, "--from", "2020-01-01", "--to", "2030-01-01"] + args)
    reasons = collections.Counter()
    if os.path.exists(rejects):
        with open(rejects, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                reasons[(row["record_type"], row["reason"])] += 1
    if r.returncode == 2 and "no accepted records" in r.stderr:
        counts = {t: {"read": 0, "accepted": 0, "rejected": 0} for t in TYPES}
        for (t, _), n in reasons.items():
            if t:
                counts[SINGULAR[t]]["read"] += n
                counts[SINGULAR[t]]["rejected"] += n
        return counts, reasons, {}
    if not check(r.returncode == 0, f"report {name}: exit {r.returncode}: {r.stderr.strip()}"):
        return {}, reasons, {}
    rejected_at = {}
    with open(rejects, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rejected_at[(row["file"], int(row["line"]))] = row["reason"]
    return json.loads(r.stdout)["inputs"], reasons, rejected_at


def args_of(inputs, paths):
    args = []
    for inp, path in zip(inputs, paths):
        if isinstance(path, list):
            args += ["--input"] + path
        else:
            args += [inp.option, path]
    return args


def column(mapping, type_name, field):
    return mapping.get(type_name, {}).get(field, field)


def expected_parts(inputs, n, rejected_at, mapping):
    """The part of each accepted record, and of each rejected one, by (input, line), from SPEC §9,
    docs/scale-out.md and the documented hash."""
    accepted, rejected = [], []  # (input index, line, type, fields, reason)
    for i, inp in enumerate(inputs):
        _, header, recs = inp.read()
        for line, text in recs:
            f = fields_of(text, inp.is_csv, inp.sep, header)
            reason = rejected_at.get((inp.path, line))
            t = OPTION_TYPE[inp.option] or (SINGULAR.get(f.get("record")) if f else None)
            (rejected if reason else accepted).append((i, line, t, f, reason))
    interaction_part = {}
    for i, line, t, f, _ in accepted:
        if t == "interactions":
            key = f.get(column(mapping, t, "customer_id"), "") or f[column(mapping, t, "id")]
            interaction_part[f[column(mapping, t, "id")]] = fnv1a64(key) % n
    want, survey_part = {}, {}
    for i, line, t, f, _ in accepted:
        col = lambda name: f.get(column(mapping, t, name), "")
        if t == "interactions":
            want[(i, line)] = interaction_part[col("id")]
        elif t == "interaction_events":
            want[(i, line)] = interaction_part[col("interaction_id")]
        elif t == "surveys":
            survey_key = col("customer_id") or col("id") or f"{inputs[i].path}:{line}"
            want[(i, line)] = interaction_part.get(col("interaction_id"), fnv1a64(survey_key) % n)
            survey_part[col("id")] = want[(i, line)]
        elif t == "customer_events":
            want[(i, line)] = fnv1a64(col("customer_id")) % n
        else:
            want[(i, line)] = 0
    want_reject = {}  # where rejects go when not to part 0: duplicates, events before their interaction
    for i, line, t, f, reason in rejected:
        col = lambda name: f.get(column(mapping, t, name), "")
        if reason == "duplicate_id":
            want_reject[(i, line)] = (interaction_part if t == "interactions" else survey_part)[col("id")]
        elif t == "interaction_events" and reason == "inconsistent":
            want_reject[(i, line)] = interaction_part[col("interaction_id")]
    return want, want_reject


def check_split(name, inputs, n, tmp, extra=(), mapping=None):
    out = os.path.join(tmp, f"{name}-{n}")
    base_args = list(extra) + args_of(inputs, [i.path for i in inputs])
    r = run(["split", "--parts", str(n), "--out", out] + base_args)
    if not check(r.returncode == 0, f"{name} {n}: split exit {r.returncode}: {r.stderr.strip()}"):
        return
    check(f"into {n} parts" in r.stderr, f"{name} {n}: no summary line: {r.stderr!r}")
    # Layout: part-0 … part-(n-1), each with exactly the files of every input.
    check(sorted(os.listdir(out)) == sorted(f"part-{k}" for k in range(n)), f"{name} {n}: parts {os.listdir(out)}")
    for k in range(n):
        want = sorted(os.path.basename(p) for i, inp in enumerate(inputs) for _, p in inp.part_files(out, i))
        got = sorted(os.listdir(os.path.join(out, f"part-{k}")))
        check(got == want, f"{name} {n}: part-{k} holds {got}, expected {want}")
    single, single_reasons, rejected_at = report_counts(base_args, tmp, f"{name}-{n}-single")
    want_part, want_reject = expected_parts(inputs, n, rejected_at, mapping or {})
    # Each input's records are the parts' records; each record is in the part the rule says.
    for i, inp in enumerate(inputs):
        prefix, _, recs = inp.read()
        where = collections.defaultdict(set)  # record text → parts
        got = collections.Counter()
        for k in range(n):
            for _, path in inp.part_files(os.path.join(out, f"part-{k}"), i):
                part_prefix, _, part_recs = inp.read(path)
                if prefix is not None:
                    check(open(path, "rb").read().startswith(prefix), f"{name} {n}: {path} lacks the input's BOM/header")
                for _, text in part_recs:
                    got[text] += 1
                    where[text].add(k)
        check(got == collections.Counter(t for _, t in recs),
              f"{name} {n}: input {i}: the parts' records differ from the input's: "
              f"missing {collections.Counter(t for _, t in recs) - got}, extra {got - collections.Counter(t for _, t in recs)}")
        for line, text in recs:
            parts = where[text]
            if (i, line) in want_part:
                check(parts == {want_part[(i, line)]},
                      f"{name} {n}: input {i} line {line} is in parts {parts}, expected {want_part[(i, line)]}")
            else:
                check(parts == {want_reject.get((i, line), 0)},
                      f"{name} {n}: rejected input {i} line {line} is in parts {parts}, expected {want_reject.get((i, line), 0)}")
    # Reports of the parts alone add up to the single run, per record type and per reject reason.
    total = {t: collections.Counter() for t in TYPES}
    reasons = collections.Counter()
    for k in range(n):
        paths = []
        for i, inp in enumerate(inputs):
            files = [p for _, p in inp.part_files(os.path.join(out, f"part-{k}"), i)]
            paths.append(files if OPTION_TYPE[inp.option] is None else files[0])
        counts, part_reasons, _ = report_counts(list(extra) + args_of(inputs, paths), tmp, f"{name}-{n}-part{k}")
        reasons += part_reasons
        for t in TYPES:
            total[t].update(counts.get(t, {}))
    for t in TYPES:
        want = {key: single.get(t, {}).get(key, 0) for key in ("read", "accepted", "rejected")}
        got = {key: total[t][key] for key in ("read", "accepted", "rejected")}
        check(got == want, f"{name} {n}: {t}: parts add up to {got}, one run has {want}")
    check(reasons == single_reasons, f"{name} {n}: reject reasons of the parts {dict(reasons)} != one run's {dict(single_reasons)}")
    # Each part file keeps its input's order (a duplicate stays after the record it duplicates); with
    # one part, a file is its input without the blank lines (they are no records).
    for i, inp in enumerate(inputs):
        prefix, _, recs = inp.read()
        order = [t for _, t in recs]
        for k in range(n):
            for _, path in inp.part_files(os.path.join(out, f"part-{k}"), i):
                it = iter(order)
                part = [t for _, t in inp.read(path)[2]]
                check(all(t in it for t in part), f"{name} {n}: {path}: records out of the input's order")
                if n == 1 and OPTION_TYPE[inp.option] is not None:
                    raw = open(path, "rb").read()
                    text, bom = decode(raw, inp.encoding)
                    check(prefix is None or raw.startswith(prefix), f"{name} 1: {path}: prefix")
                    check([t for _, t in records(text, inp.is_csv, inp.sep)[1 if inp.is_csv else 0:]] == order,
                          f"{name} 1: {path} is not its input's records")


STATE_OPTIONS = ["--from", "2026-02-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z", "--as-of", "2026-04-01T00:00:00Z",
                 "--tz", "Europe/Rome", "--by", "channel", "--by", "month", "--by", "agent", "--by", "product,month"]


def check_merge(name, inputs, n, tmp, extra=()):
    """The parts written by `cskpi split`, one state each (report --emit-state), merged (cskpi merge):
    the single run's JSON, byte for byte (SPEC §9)."""
    out = os.path.join(tmp, f"{name}-{n}")  # written by check_split
    options = list(extra) + STATE_OPTIONS
    one = run(["report", "--format", "json"] + options + args_of(inputs, [i.path for i in inputs]))
    if not check(one.returncode == 0, f"{name} {n}: single report: exit {one.returncode}: {one.stderr}"):
        return
    states = []
    for k in range(n):
        paths = []
        for i, inp in enumerate(inputs):
            files = [p for _, p in inp.part_files(os.path.join(out, f"part-{k}"), i)]
            paths.append(files if OPTION_TYPE[inp.option] is None else files[0])
        state = os.path.join(tmp, f"{name}-{n}-part{k}.state")
        r = run(["report"] + options + args_of(inputs, paths) + ["--emit-state", state])
        # Every part writes its state, even one without records or with rejects only (docs/scale-out.md).
        if check(r.returncode == 0, f"{name} {n}: part {k}: report --emit-state: exit {r.returncode}: {r.stderr}"):
            states.append(state)
    merged = run(["merge", "--format", "json"] + states[::-1])
    check(merged.returncode == 0, f"{name} {n}: merge: exit {merged.returncode}: {merged.stderr}")
    check(merged.stdout == one.stdout, f"{name} {n}: the merged parts' JSON differs from the single run's")


def write(path, data):
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


HAND_MADE = {
    "interactions.csv": "\ufeffid,customer_id,channel,topic,created_at,resolved_at\r\n"
    'i1,c1,email,"billing\r\nsecond line",2026-03-01T09:00:00Z,2026-03-01T10:00:00Z\r\n'
    "i2,c2,chat,tech,2026-03-01T09:30:00Z,\r\n"
    "i3,,phone,tech,2026-03-02T09:00:00Z,2026-03-02T09:10:00Z\r\n"
    "i4,,web,other,2026-03-02T10:00:00Z,\r\n"
    "i1,c9,email,dup,2026-03-03T09:00:00Z,\r\n"
    'i5,c1,chat,"a ""quoted"" topic",2026-03-03T11:00:00Z,2026-03-03T12:00:00Z\r\n'
    "i6,c3,chat,tech,not-a-date,\r\n"
    "i7,c3,chat\r\n"
    'i8,c4,chat,te"ch,2026-03-04T09:00:00Z,\r\n'
    "\r\n"
    "i9,c5,email,x,2026-03-05T09:00:00Z,2026-03-04T09:00:00Z\r\n"
    "i10,c6,phone,x,2026-03-05T10:00:00Z,",
    "events.jsonl": '{"interaction_id":"i1","at":"2026-03-01T09:10:00Z","type":"agent_reply"}\n'
    '{"interaction_id":"m1","at":"2026-03-01T08:10:00Z","type":"status","status":"solved"}\n'
    '{"interaction_id":"nope","at":"2026-03-01T08:10:00Z","type":"agent_reply"}\n'
    '{"interaction_id":"i2","at":"2026-02-01T08:10:00Z","type":"agent_reply"}\n'
    '{"interaction_id":"i6","at":"2026-03-01T08:10:00Z","type":"agent_reply"}\n'
    '{"interaction_id":"i3","at":"2026-03-02T09:05:00Z","type":"wave"}\n'
    "\n"
    '{"interaction_id":"i9","at":"2026-03-06T10:05:00Z","type":"agent_reply"}\n'
    '{"interaction_id":"m2","at":"2026-03-07T08:01:00Z","type":"agent_reply"}\n'
    "{broken\n",
    "surveys.csv": "id,kind,score,responded_at,customer_id,interaction_id\n"
    "s1,nps,10,2026-03-02T00:00:00Z,c1,i1\n"
    "s2,csat,4,2026-03-02T00:00:00Z,c3,i404\n"
    "s3,ces,5,2026-03-02T00:00:00Z,,\n"
    "s4,nps,11,2026-03-02T00:00:00Z,c1,i1\n"
    "s1,nps,3,2026-03-03T00:00:00Z,c4,\n"
    "s5,nps,7,2026-03-03T00:00:00Z,,i3\n"
    "s6,csat,5,2026-03-03T00:00:00Z,c8,i6\n"
    "s7,nps,8,2026-03-03T00:00:00Z,,m1\n",
    "mixed.jsonl": '{"record":"interaction","id":"m1","customer_id":"c2","channel":"chat","created_at":"2026-03-01T08:00:00Z"}\n'
    '{"record":"survey","id":"s10","kind":"nps","score":9,"responded_at":"2026-03-02T00:00:00Z","interaction_id":"m1"}\n'
    '{"record":"interaction_event","interaction_id":"m1","at":"2026-03-01T08:05:00Z","type":"agent_reply"}\n'
    '{"record":"customer_event","customer_id":"c2","type":"start","at":"2026-01-01T00:00:00Z"}\n'
    '{"record":"agent_event","agent_id":"a9","type":"hire","at":"2026-01-01T00:00:00Z"}\n'
    '{"record":"bogus","id":"x"}\n'
    "{not json\n"
    '{"record":"interaction","id":"m2","channel":"web","created_at":"2026-03-07T08:00:00Z"}\n'
    '{"record":"interaction","id":"m1","customer_id":"c5","channel":"chat","created_at":"2026-03-01T08:00:00Z"}\n'
    '{"record":"survey","id":"s1","kind":"nps","score":9,"responded_at":"2026-03-02T00:00:00Z"}\n',
    "interactions2.csv": "id;customer_id;channel;created_at\n"
    "i2;c8;chat;2026-03-06T09:00:00Z\n"
    "i9;c7;email;2026-03-06T10:00:00Z\n"
    "i11;c2;chat;2026-03-06T11:00:00Z\n"
    "i12;c1;\"web\r\nshop\";2026-03-06T12:00:00Z\n",
    "customers.jsonl": '{"customer_id":"c1","type":"start","at":"2026-01-01T00:00:00Z","mrr":10}\n'
    '{"customer_id":"c2","type":"start","at":"2026-01-02T00:00:00Z"}\n'
    '{"customer_id":"c3","type":"cancel","at":"2026-03-02T00:00:00Z"}\n'
    '{"customer_id":"c4","type":"explode","at":"2026-03-02T00:00:00Z"}\n'
    '{"customer_id":"c7","type":"start","at":"2026-03-02T00:00:00Z"}\n',
    "surveys_noid.tsv": "kind\tscore\tresponded_at\tcustomer_id\tinteraction_id\n"
    "nps\t9\t2026-03-04T00:00:00Z\t\ti5\n"
    "nps\t6\t2026-03-04T00:00:00Z\tc7\t\n"
    "csat\t2\t2026-03-04T00:00:00Z\t\t\n"
    "csat\t2\t2026-03-04\t\t\n",
    "agents.csv": "agent_id,type,at,team\na1,hire,2026-01-01T00:00:00Z,red\na2,hire,2026-01-01T00:00:00Z,blue\n"
    "a3,leave,bad,blue\n",
}


def hand_made(tmp):
    d = os.path.join(tmp, "hand")
    os.makedirs(d)
    for name, data in HAND_MADE.items():
        write(os.path.join(d, name), data)
    p = lambda name: os.path.join(d, name)
    inputs = [Input("--interactions", p("interactions.csv")), Input("--events", p("events.jsonl")),
              Input("--surveys", p("surveys.csv")), Input("--input", p("mixed.jsonl")),
              Input("--interactions", p("interactions2.csv"), sep=";"), Input("--customers", p("customers.jsonl")),
              Input("--agents", p("agents.csv")), Input("--surveys", p("surveys_noid.tsv"), sep="\t")]
    for n in (1, 2, 3, 5, 16):  # 16: parts without records
        check_split("hand", inputs, n, tmp)
        check_merge("hand", inputs, n, tmp)


def mapped_export(tmp):
    """A mapped, '|'-separated latin-1 export and a UTF-16 survey file (SPEC §8)."""
    d = os.path.join(tmp, "mapped")
    os.makedirs(d)
    config = {"columns": {"interactions": {"id": "call_id", "customer_id": "client"},
                          "surveys": {"interaction_id": "call"}},
              "dimensions": ["region"]}
    write(os.path.join(d, "config.json"), json.dumps(config))
    calls = ("call_id|client|channel|created_at|region\n"
             "k1|M\u00fcller|phone|2026-03-01T09:00:00Z|s\u00fcd\n"
             'k2|Dupont|phone|2026-03-01T10:00:00Z|"nord\nost"\n'
             "k3||phone|2026-03-01T11:00:00Z|west\n"
             "k4|M\u00fcller|phone|2026-03-02T09:00:00Z|s\u00fcd\n"
             "k5|Bianchi|phone|2026-03-02T10:00:00Z|ost\n")
    write(os.path.join(d, "calls.csv"), calls.encode("latin-1"))
    surveys = ("\ufeffid,kind,score,responded_at,customer_id,call\r\n"
               "v1,nps,9,2026-03-02T00:00:00Z,M\u00fcller,k1\r\n"
               'v2,nps,3,2026-03-02T00:00:00Z,"Du\r\npont",k2\r\n'
               "v3,csat,5,2026-03-02T00:00:00Z,Rossi,\r\n"
               "v4,csat,9,2026-03-02T00:00:00Z,Rossi,\r\n"
               "v5,nps,10,2026-03-03T00:00:00Z,,k5\r\n")
    write(os.path.join(d, "surveys.csv"), surveys.encode("utf-16-le"))
    inputs = [Input("--interactions", os.path.join(d, "calls.csv"), sep="|", encoding="latin-1"),
              Input("--surveys", os.path.join(d, "surveys.csv"))]
    extra = ["--config", os.path.join(d, "config.json"), "--encoding", "latin-1"]
    for n in (1, 3, 4):
        check_split("mapped", inputs, n, tmp, extra, config["columns"])


def errors(tmp):
    d = os.path.join(tmp, "hand")
    interactions = os.path.join(d, "interactions.csv")
    out = os.path.join(tmp, "errors")
    r = run(["split", "--parts", "0", "--out", out, "--interactions", interactions])
    check(r.returncode == 1 and not os.path.exists(out), f"--parts 0: exit {r.returncode}")
    r = run(["split", "--out", out, "--interactions", interactions])
    check(r.returncode == 1, f"no --parts: exit {r.returncode}")
    r = run(["split", "--parts", "2", "--interactions", interactions])
    check(r.returncode == 1, f"no --out: exit {r.returncode}")
    r = run(["split", "--parts", "2", "--out", out])
    check(r.returncode == 1 and "no input files" in r.stderr, f"no inputs: exit {r.returncode}: {r.stderr}")
    r = run(["split", "--parts", "2", "--out", out, "--interactions", os.path.join(d, "missing.csv")])
    check(r.returncode == 2, f"missing file: exit {r.returncode}")
    r = run(["split", "--parts", "2", "--out", out, "--strict", "--interactions", interactions])
    check(r.returncode == 2 and not os.path.exists(os.path.join(out, "part-0")), f"--strict: exit {r.returncode}")
    bad = os.path.join(tmp, "all_bad.csv")
    write(bad, "id,channel,created_at\nx1,chat,yesterday\n")
    r = run(["split", "--parts", "2", "--out", out, "--interactions", bad])
    check(r.returncode == 2 and "no accepted records" in r.stderr and not os.path.exists(os.path.join(out, "part-0")),
          f"no accepted record: exit {r.returncode}: {r.stderr}")
    r = run(["split", "--parts", "2", "--out", out, "--interactions", os.path.join(d, "interactions2.csv")])
    check(r.returncode == 0, f"split: exit {r.returncode}: {r.stderr}")
    r = run(["split", "--parts", "3", "--out", out, "--interactions", os.path.join(d, "interactions2.csv")])
    check(r.returncode == 1 and "already holds files" in r.stderr, f"a second split into the same --out: exit {r.returncode}")


def sample(tmp):
    d = os.path.join(tmp, "sample")
    r = subprocess.run([SAMPLE, "--seed", "11", "--interactions", "1500", "--months", "2", "--start", "2026-03-01",
                        "--out", d], capture_output=True, text=True)
    if not check(r.returncode == 0, f"cskpi-sample: exit {r.returncode}: {r.stderr}"):
        return
    p = lambda name: os.path.join(d, name)
    inputs = [Input("--interactions", p("interactions.csv")), Input("--surveys", p("surveys.jsonl")),
              Input("--events", p("interaction_events.csv")), Input("--customers", p("customer_events.csv")),
              Input("--agents", p("agent_events.csv"))]
    config = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "config.json")
    for n in (1, 3, 8):
        check_split("sample", inputs, n, tmp)
        check_merge("sample", inputs, n, tmp, ["--config", config])


def main():
    tmp = tempfile.mkdtemp(prefix="cskpi-split-")
    try:
        if SAMPLE:  # the generated-data test (CTest cskpi.cli.split_sample)
            sample(tmp)
        else:
            hand_made(tmp)
            mapped_export(tmp)
            errors(tmp)
    finally:
        if failures:
            print(f"(files kept in {tmp})")
        else:
            shutil.rmtree(tmp)
    for f in failures:
        print("FAIL", f)
    print(f"split: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
