"""cskpi from Python: partial states of a run, merged anywhere, rendered as the CLI does.

    import cskpi
    spec = {"from": "2026-02-01", "to": "2026-04-01", "as_of": "2026-04-01",
            "tz": "Europe/Rome", "by": ["channel", "month"], "config_file": "config.json"}
    a = cskpi.partial(spec, interactions=["part-0/interactions.csv"])
    b = cskpi.partial(spec, interactions=["part-1/interactions.csv"])
    print(cskpi.report(cskpi.merge([a, b]), format="text"))

A state is bytes (docs/state-format.md): it crosses processes and machines as is, and states
of the parts of a customer-keyed partition merge to the state of one run over all of it (SPEC
§9). docs/python.md documents the API; cskpi.dask runs it on a dask.distributed cluster.
"""
import json
import os

from ._cskpi import Error, FinishedReport
from ._cskpi import merge as _cskpi_merge
from ._cskpi import partial as _cskpi_partial

__all__ = ["Error", "Report", "load", "merge", "partial", "report"]

# The spec's keys: the options of `cskpi report` (docs/cli.md), spelt as the C API spells them.
SPEC_KEYS = ("from", "to", "as_of", "tz", "input_tz", "by", "config", "config_file", "strict", "threads",
             "delimiter", "encoding", "instant_format")

# The keyword arguments of partial(), in the order their inputs are read.
INPUT_KINDS = ("interactions", "events", "surveys", "customers", "agents", "inputs")


def _option_text(key, value):
    """A spec value as the text of its option."""
    if key == "config" and isinstance(value, dict):
        return json.dumps(value)
    if key == "strict":
        if not isinstance(value, bool):
            raise TypeError(f"spec['strict'] must be a bool, not {type(value).__name__}")
        return "true" if value else "false"
    if key == "threads":
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"spec['threads'] must be an int, not {type(value).__name__}")
        return str(value)
    if key == "config_file":
        return os.fspath(value)
    if not isinstance(value, str):
        raise TypeError(f"spec[{key!r}] must be a str, not {type(value).__name__}")
    return value


def _options(spec):
    """The spec as (option, text) pairs; unknown keys raise cskpi.Error."""
    if not isinstance(spec, dict):
        raise TypeError(f"spec must be a dict, not {type(spec).__name__}")
    unknown = sorted(str(k) for k in spec if k not in SPEC_KEYS)
    if unknown:
        raise Error(f"unknown spec key(s) {', '.join(map(repr, unknown))} (the keys: {', '.join(SPEC_KEYS)})")
    options = []
    for key, value in spec.items():
        if key == "by":
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):
                raise TypeError("spec['by'] must be a list of str, e.g. ['channel', 'channel,month']")
            options.extend(("by", v) for v in value)
        elif value is not None:
            options.append((key, _option_text(key, value)))
    return options


def _input(kind, item):
    """One list item: a file path (str or os.PathLike) or a record (a dict, pushed as one JSON line)."""
    if isinstance(item, dict):
        return (kind, json.dumps(item, ensure_ascii=False, separators=(",", ":")), False)
    if isinstance(item, (str, os.PathLike)):
        return (kind, os.fsdecode(os.fspath(item)), True)
    raise TypeError(f"{kind}: expected a file path or a record (dict), not {type(item).__name__}")


def _inputs(by_kind):
    inputs = []
    for kind in INPUT_KINDS:
        items = by_kind.get(kind) or ()
        if isinstance(items, (str, os.PathLike, dict)):
            items = [items]
        inputs.extend(_input(kind, item) for item in items)
    return inputs


def _partial_of(spec, inputs):
    """partial() over ordered (kind, text, is_file) inputs (cskpi.dask keeps a part's file order)."""
    return _cskpi_partial(_options(spec), inputs)


def partial(spec, interactions=(), events=(), surveys=(), customers=(), agents=(), inputs=()):
    """The partial state (bytes) of one run over these inputs, as `cskpi report --emit-state` writes it.

    spec: a dict of `from`, `to`, `as_of` (required: the parts must agree on the period), and
    optionally `tz`, `input_tz`, `by` (a list such as ['channel', 'channel,month']), `config`
    (a dict or JSON text), `config_file`, `strict`, `threads`, `delimiter`, `encoding`,
    `instant_format`. Each input list holds file paths and/or records as dicts; `inputs` are
    mixed JSON Lines files (or dicts) routed by their "record" member. The kinds are read in the
    order of the parameters, each list in its order. A part with no accepted record still has
    its state. Raises cskpi.Error with the CLI's message for a bad spec or bad input.
    """
    by_kind = {"interactions": interactions, "events": events, "surveys": surveys, "customers": customers,
               "agents": agents, "inputs": inputs}
    return _partial_of(spec, _inputs(by_kind))


def _state_bytes(state, where):
    if isinstance(state, (bytes, bytearray, memoryview)):
        return bytes(state)
    raise TypeError(f"{where}: a state is bytes, not {type(state).__name__}")


def merge(states):
    """States (an iterable of bytes) merged into one state (bytes). Raises cskpi.Error for no state,
    a damaged one, or states of different reports (naming the first difference)."""
    listed = [_state_bytes(s, f"states[{i}]") for i, s in enumerate(states)]
    return _cskpi_merge(listed)


def report(state, format="json", threads=0):
    """The report of a state as text: format is text, json, csv or html (as `cskpi merge --format`)."""
    return Report(state, threads=threads).render(format)


class Report:
    """A state finished into a report: render() it in any format, or to_frame() for pandas."""

    def __init__(self, state, threads=0):
        self._report = FinishedReport(_state_bytes(state, "state"), threads)

    def render(self, format="json"):
        """The report as text, json, csv or html."""
        return self._report.render(format)

    def to_frame(self):
        """The groups' fields as a long pandas DataFrame, one row per group x field.

        Columns: `by` (the grouping's parts joined with ',', '' for the overall group), `key`
        (the group's labels joined with ',', a null key part as ''), `metric`, `field`, `unit`,
        `value` (float; NaN when undefined or text), `text` (a text value such as queue.mode,
        else None), then one column `key.<dimension>` per dimension of any grouping (the
        group's label, None when the group's grouping lacks the dimension or for the null key).
        Values are in report units: rates in percent, durations in seconds.
        """
        import pandas  # only here: the rest of cskpi does not need it

        c = self._report.columns()
        groups = c["groups"]
        dimensions = list(dict.fromkeys(d for by, _ in groups for d in by))
        joined = [(",".join(by), ",".join(k or "" for k in key)) for by, key in groups]
        per_group = [dict(zip(by, key)) for by, key in groups]
        rows = c["group"]
        frame = {
            "by": [joined[g][0] for g in rows],
            "key": [joined[g][1] for g in rows],
            "metric": c["metric"],
            "field": c["field"],
            "unit": c["unit"],
            "value": pandas.Series(c["value"], dtype="float64"),
            "text": pandas.Series(c["text"], dtype="object"),
        }
        for d in dimensions:
            frame["key." + d] = pandas.Series([per_group[g].get(d) for g in rows], dtype="object")
        return pandas.DataFrame(frame)


def load(state, threads=0):
    """cskpi.Report(state)."""
    return Report(state, threads=threads)

