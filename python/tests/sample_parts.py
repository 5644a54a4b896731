"""Test data for the Python tests: cskpi-sample's files, their customer-keyed parts in the layout of
`cskpi split` (part-K/<type>-<i>.<ext>), and the CLI run over all of them."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "cli"))
import state_test  # noqa: E402  (its customer-keyed partitioner, until `cskpi split` is on main)

# The sample's files in the order the CLI and the parts give them: (option, file, kind of partial()).
FILES = (("--interactions", "interactions.csv", "interactions"),
         ("--events", "interaction_events.csv", "events"),
         ("--surveys", "surveys.jsonl", "surveys"),
         ("--customers", "customer_events.csv", "customers"),
         ("--agents", "agent_events.csv", "agents"))

SPEC = {"from": "2026-02-01T00:00:00Z", "to": "2026-04-01T00:00:00Z", "as_of": "2026-04-01T00:00:00Z",
        "tz": "Europe/Rome", "by": ["channel", "month", "agent", "product,month", "hour_of_week"]}


def spec_options(spec):
    """The CLI options of a spec (its config as config_file)."""
    out = ["--from", spec["from"], "--to", spec["to"], "--as-of", spec["as_of"], "--tz", spec["tz"]]
    if "config_file" in spec:
        out += ["--config", spec["config_file"]]
    for by in spec.get("by", []):
        out += ["--by", by]
    return out


def generate(sample, out, interactions, seed=11):
    subprocess.run([sample, "--seed", str(seed), "--interactions", str(interactions), "--start", "2026-01-01",
                    "--months", "3", "--out", out], check=True, capture_output=True)
    return out


def cli_inputs(directory):
    return [a for option, name, _ in FILES for a in (option, os.path.join(directory, name))]


def partial_kwargs(directory):
    return {kind: [os.path.join(directory, name)] for _, name, kind in FILES}


def split_parts(data, out, parts):
    """Customer-keyed parts of `data` in `cskpi split`'s layout: part-K/<type>-<i>.<ext>."""
    dirs = state_test.partition(data, out, parts)
    for d in dirs:
        for i, (_, name, _) in enumerate(FILES):
            stem, ext = os.path.splitext(name)
            os.rename(os.path.join(d, name), os.path.join(d, f"{stem}-{i}{ext}"))
    return dirs


def cli_report(cli, data, spec, fmt="json"):
    return subprocess.run([cli, "report", *cli_inputs(data), *spec_options(spec), "--format", fmt],
                          check=True, capture_output=True).stdout.decode()
