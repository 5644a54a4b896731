"""The cskpi Python module against the CLI (docs/python.md): partial, merge, report, Report.to_frame,
errors and the GIL. Environment: PYTHONPATH (the build's python folder), CSKPI_CLI, CSKPI_SAMPLE,
CSKPI_CONFIG (examples/config.json: it sets fcr.method, so parts agree on the FCR method)."""
import json
import math
import os
import random
import subprocess
import threading
import time

import pytest

import cskpi
import sample_parts

CLI = os.environ["CSKPI_CLI"]
CONFIG = os.environ["CSKPI_CONFIG"]
SPEC = dict(sample_parts.SPEC, config_file=CONFIG)


def cli(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True).stdout


@pytest.fixture(scope="session")
def data(tmp_path_factory):
    if "CSKPI_SAMPLE" not in os.environ:
        pytest.skip("no cskpi-sample (CSKPI_BUILD_TOOLS=OFF)")
    return sample_parts.generate(os.environ["CSKPI_SAMPLE"], str(tmp_path_factory.mktemp("sample")), 3000)


@pytest.fixture(scope="session")
def whole(data):
    """The CLI's single run: its JSON and its state."""
    state = os.path.join(os.path.dirname(data), "whole.state")
    cli("report", *sample_parts.cli_inputs(data), *sample_parts.spec_options(SPEC), "--emit-state", state)
    return sample_parts.cli_report(CLI, data, SPEC), open(state, "rb").read(), state


@pytest.fixture(scope="session")
def parts(data):
    dirs = sample_parts.split_parts(data, os.path.join(os.path.dirname(data), "parts"), 3, CLI)
    return [cskpi.partial(SPEC, **sample_parts.partial_kwargs(d)) for d in dirs]


def test_partial_of_all_is_the_cli_state_and_report(data, whole):
    json_text, state, _ = whole
    mine = cskpi.partial(SPEC, **sample_parts.partial_kwargs(data))
    assert isinstance(mine, bytes)
    assert mine == state  # the same bytes as `cskpi report --emit-state`
    assert cskpi.report(mine) == json_text
    assert cskpi.report(cskpi.merge([mine])) == json_text


def test_parts_merge_in_any_order_to_the_single_run(parts, whole):
    json_text, state, _ = whole
    shuffled = list(parts)
    random.Random(3).shuffle(shuffled)
    assert cskpi.merge(shuffled) == state
    assert cskpi.merge(iter(parts)) == state  # any iterable
    assert cskpi.merge([cskpi.merge(parts[:2]), parts[2]]) == state  # a merge of merges
    assert cskpi.report(cskpi.merge(parts), format="json") == json_text


@pytest.mark.parametrize("fmt", ["text", "csv", "html", "json"])
def test_every_format_is_the_cli_merge(whole, fmt):
    _, state, path = whole
    assert cskpi.report(state, format=fmt) == cli("merge", path, "--format", fmt).decode()


def test_paths_may_be_pathlike(data, whole):
    import pathlib
    kwargs = {k: [pathlib.Path(p) for p in v] for k, v in sample_parts.partial_kwargs(data).items()}
    assert cskpi.partial(SPEC, **kwargs) == whole[1]


RECORDS = [
    {"id": "i1", "customer_id": "c1", "channel": "email", "created_at": "2026-03-02T09:00:00Z",
     "first_response_at": "2026-03-02T09:30:00Z", "resolved_at": "2026-03-02T11:00:00Z"},
    {"id": "i2", "customer_id": "c2", "channel": "chat", "created_at": "2026-03-03T10:00:00Z",
     "first_response_at": "2026-03-03T10:01:00Z"},
    {"id": "i3", "customer_id": "c3", "channel": "chat", "created_at": "2026-03-04T10:00:00Z",
     "resolved_at": "2026-03-04T12:00:00Z", "handle_seconds": 600},
]
SURVEYS = [
    {"id": "s1", "kind": "nps", "score": 10, "responded_at": "2026-03-05T10:00:00Z", "interaction_id": "i1"},
    {"id": "s2", "kind": "nps", "score": 9, "responded_at": "2026-03-05T11:00:00Z", "interaction_id": "i2"},
    {"id": "s3", "kind": "nps", "score": 3, "responded_at": "2026-03-05T12:00:00Z", "interaction_id": "i3"},
]
SMALL = {"from": "2026-03-01", "to": "2026-04-01", "as_of": "2026-04-01", "by": ["channel"],
         "config": {"fcr": {"method": "repeat_window", "window_s": 604800}}}


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    return str(path)


def test_dict_records_are_the_same_as_their_file(tmp_path):
    interactions = write_jsonl(tmp_path / "i.jsonl", RECORDS)
    surveys = write_jsonl(tmp_path / "s.jsonl", SURVEYS)
    config = tmp_path / "config.json"
    config.write_text(json.dumps(SMALL["config"]))
    expected = cli("report", "--interactions", interactions, "--surveys", surveys, "--from", "2026-03-01",
                   "--to", "2026-04-01", "--as-of", "2026-04-01", "--by", "channel", "--config", str(config),
                   "--format", "json").decode()
    from_dicts = cskpi.partial(SMALL, interactions=RECORDS, surveys=SURVEYS)
    assert cskpi.report(from_dicts) == expected
    from_files = cskpi.partial(dict(SMALL, config=json.dumps(SMALL["config"])), interactions=[interactions],
                               surveys=[surveys])
    assert from_files == from_dicts
    mixed = [dict(r, record="interaction") for r in RECORDS] + [dict(s, record="survey") for s in SURVEYS]
    assert cskpi.partial(SMALL, inputs=mixed) == from_dicts
    mixed_file = write_jsonl(tmp_path / "m.jsonl", mixed)
    assert cskpi.partial(SMALL, inputs=[mixed_file]) == from_dicts


def test_a_part_without_records_still_has_its_state():
    empty = cskpi.partial(SMALL, interactions=[])
    some = cskpi.partial(SMALL, interactions=RECORDS)
    assert cskpi.merge([empty, some]) == some


def test_to_frame_has_a_row_per_group_and_field():
    pytest.importorskip("pandas")
    report = cskpi.Report(cskpi.partial(SMALL, interactions=RECORDS, surveys=SURVEYS))
    frame = report.to_frame()
    assert list(frame.columns[:7]) == ["by", "key", "metric", "field", "unit", "value", "text"]
    assert list(frame.columns[7:]) == ["key.channel"]
    groups = frame[["by", "key"]].drop_duplicates().values.tolist()
    assert groups == [["", ""], ["channel", "chat"], ["channel", "email"]]
    per_group = frame.groupby(["by", "key"]).size()
    assert per_group.nunique() == 1  # every group has the same fields
    assert len(frame) == 3 * per_group.iloc[0]

    def value(by, key, path):
        metric, field = path.split(".", 1)
        row = frame[(frame.by == by) & (frame.key == key) & (frame.metric == metric) & (frame.field == field)]
        assert len(row) == 1, path
        return row.iloc[0]

    # NPS: 2 promoters (10, 9), 1 detractor (3) of 3 = (2 - 1) / 3 * 100 = 33.33 points.
    nps = value("", "", "nps.score")
    assert nps.value == pytest.approx(100 / 3) and nps.unit == "points"
    assert value("", "", "nps.promoters").value == 2
    # Chat: 2 interactions; i2 is unresolved, i3 took 2 h (10:00 to 12:00): median 7200 s.
    assert value("channel", "chat", "volume.count").value == 2
    assert value("channel", "chat", "resolution.median_s").value == 7200
    assert value("channel", "chat", "resolution.median_s").unit == "seconds"
    assert math.isnan(value("channel", "email", "csat.score").value)  # no CSAT answers: undefined
    method = value("", "", "fcr.method")
    assert math.isnan(method.value) and method.text == "repeat_window" and method.unit == "label"
    assert value("channel", "chat", "volume.count")["key.channel"] == "chat"
    assert value("", "", "volume.count")["key.channel"] is None


def test_to_frame_values_are_the_json_values(whole):
    pytest.importorskip("pandas")
    frame = cskpi.Report(whole[1]).to_frame()
    report = json.loads(whole[0])
    overall = report["groups"][0]["metrics"]
    checked = 0
    for row in frame[frame.by == ""].itertuples():
        node = overall.get(row.metric)
        for part in row.field.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, (int, float)) and not isinstance(node, bool):
            assert row.value == pytest.approx(node, rel=1e-9, abs=1e-3), (row.metric, row.field)
            checked += 1
    assert checked > 50


def test_labels_keep_their_spelling_in_the_frame():
    pytest.importorskip("pandas")
    hostile = [dict(RECORDS[0], channel="=1+2, \"x\"")]
    frame = cskpi.Report(cskpi.partial(SMALL, interactions=hostile)).to_frame()
    assert "=1+2, \"x\"" in set(frame["key.channel"])  # the CSV output would quote it for spreadsheets


@pytest.mark.parametrize("spec, message", [
    (dict(SMALL, colour="red"), "unknown spec key(s) 'colour'"),
    ({k: v for k, v in SMALL.items() if k != "as_of"}, "needs from, to and as_of"),
    (dict(SMALL, tz="Mars/Olympus"), "Mars/Olympus"),
    (dict(SMALL, by=["colour"]), "colour"),
    (dict(SMALL, to="2026-13-45"), "2026-13-45"),
    (dict(SMALL, config="{"), "config"),
    (dict(SMALL, delimiter="ab"), "delimiter 'ab'"),
])
def test_spec_errors_raise_cskpi_error_with_the_message(spec, message):
    with pytest.raises(cskpi.Error, match=None) as caught:
        cskpi.partial(spec, interactions=RECORDS)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_wrong_types_raise_type_error():
    with pytest.raises(TypeError):
        cskpi.partial(dict(SMALL, by="channel"), interactions=RECORDS)
    with pytest.raises(TypeError):
        cskpi.partial(SMALL, interactions=[42])
    with pytest.raises(TypeError):
        cskpi.merge(["not bytes"])


def test_bad_input_under_strict_and_missing_files(tmp_path):
    bad = [dict(RECORDS[0], created_at="yesterday")]
    with pytest.raises(cskpi.Error) as caught:
        cskpi.partial(dict(SMALL, strict=True), interactions=bad)
    assert caught.value.code == "bad_input" and "created_at" in str(caught.value)
    with pytest.raises(cskpi.Error) as caught:
        cskpi.partial(SMALL, interactions=[str(tmp_path / "missing.csv")])
    assert "missing.csv" in str(caught.value) and caught.value.code == "io_error"


def cli_merge_error(tmp_path, *states):
    paths = []
    for i, s in enumerate(states):
        paths.append(str(tmp_path / f"s{i}.state"))
        open(paths[-1], "wb").write(s)
    done = subprocess.run([CLI, "merge", *paths], capture_output=True)
    assert done.returncode != 0
    return done.stderr.decode()


def test_bad_states_raise_with_the_cli_message(whole, tmp_path):
    good = whole[1]
    bumped = bytearray(good)
    bumped[12] += 1  # the version varint after the 12-byte magic
    cases = {"truncated": good[: len(good) // 2], "flipped": good[:200] + bytes([good[200] ^ 1]) + good[201:],
             "bumped version": bytes(bumped), "empty": b"", "not a state": b"hello"}
    for name, damaged in cases.items():
        with pytest.raises(cskpi.Error) as caught:
            cskpi.merge([good, damaged])
        message = str(caught.value)
        assert message.startswith("states[1]: "), (name, message)
        expected = cli_merge_error(tmp_path, good, damaged)  # "cskpi: <file>: <the same words>"
        assert message.split(": ", 1)[1] in expected, (name, message, expected)
        with pytest.raises(cskpi.Error):
            cskpi.report(damaged)
    assert "version" in str(pytest.raises(cskpi.Error, cskpi.merge, [bytes(bumped)]).value)


def test_states_of_different_reports_name_the_difference(whole):
    instants = {"from": "2026-03-01T00:00:00Z", "to": "2026-04-01T00:00:00Z", "as_of": "2026-04-01T00:00:00Z"}
    utc = cskpi.partial(dict(SMALL, tz="UTC", **instants), interactions=RECORDS)
    rome = cskpi.partial(dict(SMALL, tz="Europe/Rome", **instants), interactions=RECORDS)
    with pytest.raises(cskpi.Error) as caught:
        cskpi.merge([utc, rome])
    assert "states[1] cannot be merged with states[0]" in str(caught.value)
    assert "time zone (UTC and Europe/Rome)" in str(caught.value)
    other_by = cskpi.partial(dict(SMALL, by=["channel", "topic"], tz="UTC", **instants), interactions=RECORDS)
    with pytest.raises(cskpi.Error, match="groupings"):
        cskpi.merge([utc, utc, other_by])
    with pytest.raises(cskpi.Error, match="no states"):
        cskpi.merge([])
    with pytest.raises(cskpi.Error, match="format 'pdf'"):
        cskpi.report(utc, format="pdf")


def test_partials_in_threads_are_the_serial_ones(data, parts):
    dirs = [os.path.join(os.path.dirname(data), "parts", f"part-{k}") for k in range(3)]
    results = [None] * 6

    def work(i):
        results[i] = cskpi.partial(dict(SPEC, threads=1), **sample_parts.partial_kwargs(dirs[i % 3]))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == parts + parts


def test_the_gil_is_released_while_computing(data):
    """A Python thread keeps ticking while a partial runs: with the GIL held it could not run at all."""
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.001)

    kwargs = sample_parts.partial_kwargs(data)
    spec = dict(SPEC, threads=1)
    calls = []
    t = threading.Thread(target=ticker)
    t.start()
    try:
        for _ in range(15):
            begin = time.monotonic()
            cskpi.partial(spec, **kwargs)
            calls.append((begin, time.monotonic()))
    finally:
        stop.set()
        t.join()
    # 5 ms inside a call: past the argument conversion and before the result's, the GIL released.
    inside = [x for x in ticks if any(b + 0.005 < x < e - 0.005 for b, e in calls)]
    busy = sum(e - b for b, e in calls)
    assert len(inside) >= 10, f"{len(inside)} ticks inside {len(calls)} calls of {busy:.2f} s in all"


def test_errors_pickle_as_cskpi_error():
    """Dask and multiprocessing send a worker's exception back pickled."""
    import pickle
    with pytest.raises(cskpi.Error) as caught:
        cskpi.merge([b"hello"])
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is cskpi.Error and str(again) == str(caught.value)
