"""Test data for the Python tests: cskpi-sample's files, their customer-keyed parts in the layout of
`cskpi split` (part-K/<type>-<i>.<ext>), and the CLI run over all of them."""
import os
import subprocess

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
    """partial()'s inputs of the sample's folder, or of a part `split_parts` wrote (<type>-<i>.<ext>)."""
    def path(i, name):
        stem, ext = os.path.splitext(name)
        split_name = os.path.join(directory, f"{stem}-{i}{ext}")
        return split_name if os.path.exists(split_name) else os.path.join(directory, name)
    return {kind: [path(i, name)] for i, (_, name, kind) in enumerate(FILES)}


def split_parts(data, out, parts, cli=None):
    """The parts `cskpi split --parts N --out OUT` writes of `data` (part-K/<type>-<i>.<ext>)."""
    cli = cli or os.environ["CSKPI_CLI"]
    subprocess.run([cli, "split", "--parts", str(parts), "--out", out, *cli_inputs(data)], check=True,
                   capture_output=True)
    return [os.path.join(out, f"part-{k}") for k in range(parts)]


def cli_report(cli, data, spec, fmt="json"):
    return subprocess.run([cli, "report", *cli_inputs(data), *spec_options(spec), "--format", fmt],
                          check=True, capture_output=True).stdout.decode()
