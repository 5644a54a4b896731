#!/usr/bin/env python3
"""The HTML dashboard in a real browser (issue 9): headless Chromium renders the sample report
and a report whose labels are hostile markup, to PNGs in the build tree, and the test checks
that the page loaded without console messages, that every inline SVG is well-formed XML, that
the screenshot is not blank, that the page loads nothing and that no label became markup.

usage: run_browser_test.py CSKPI generator=[CSKPI_SAMPLE] EXAMPLES_DIR OUT_DIR
(without the sample generator, the sample report is made from examples/data)
Exits 77 (CTest SKIP_RETURN_CODE) when no Chromium is installed (scripts/test installs it).
"""
import csv
import html.parser
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

SKIP = 77
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "]]>",
    "&amp;",
]


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def find_chromium():
    for name in (os.environ.get("CSKPI_CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def chromium(binary, profile, *args):
    """Runs headless Chromium; returns (stdout, stderr)."""
    command = [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-extensions", "--disable-background-networking", "--hide-scrollbars",
               f"--user-data-dir={profile}", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        fail(f"chromium exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout, done.stderr


# --- the reports ----------------------------------------------------------------------------

def sample_report(cli, generator, examples, out):
    """The sample data (cskpi-sample, three months) or, without the generator, examples/data."""
    page = os.path.join(out, "sample.html")
    args = [cli, "report", "--format", "html", "--output", page, "--tz", "Europe/Rome",
            "--by", "channel", "--by", "month", "--by", "channel,month"]
    if generator:
        data = os.path.join(out, "sample_data")
        subprocess.run([generator, "--seed", "42", "--interactions", "3000", "--months", "3",
                        "--start", "2026-01-01", "--out", data], check=True, capture_output=True)
        args += ["--interactions", os.path.join(data, "interactions.csv"),
                 "--events", os.path.join(data, "interaction_events.csv"),
                 "--surveys", os.path.join(data, "surveys.jsonl"),
                 "--config", os.path.join(examples, "config.json"),
                 "--from", "2026-01-01T00:00:00+01:00", "--to", "2026-04-01T00:00:00+02:00"]
    else:
        args += ["--interactions", os.path.join(examples, "data", "interactions.csv"),
                 "--surveys", os.path.join(examples, "data", "surveys.csv")]
    subprocess.run(args, check=True)
    return page


def hostile_report(cli, out):
    """Interactions whose channel, topic and team are the hostile labels."""
    data = os.path.join(out, "hostile_interactions.csv")
    with open(data, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "customer_id", "channel", "topic", "team", "created_at", "first_response_at",
                         "resolved_at"])
        for i in range(24):
            label = HOSTILE[i % len(HOSTILE)]
            month = 1 + i % 3
            writer.writerow([f"T-{i}", f"cu-{i}", label, HOSTILE[(i + 1) % len(HOSTILE)], label,
                             f"2026-0{month}-1{i % 9}T09:00:00Z", f"2026-0{month}-1{i % 9}T09:2{i % 10}:00Z",
                             f"2026-0{month}-1{i % 9}T1{i % 10}:00:00Z"])
    page = os.path.join(out, "hostile.html")
    subprocess.run([cli, "report", "--interactions", data, "--format", "html", "--output", page,
                    "--by", "channel", "--by", "channel,month", "--by", "topic,week", "--by", "team"], check=True)
    return page


# --- the checks -----------------------------------------------------------------------------

def check_svgs(text, name):
    svgs = re.findall(r"<svg\b.*?</svg>", text, flags=re.S)
    if not svgs:
        fail(f"{name}: no inline SVG")
    for n, svg in enumerate(svgs):
        try:
            ET.fromstring(svg)
        except ET.ParseError as error:
            fail(f"{name}: SVG {n} is not well-formed XML: {error}")
    return len(svgs)


class Dom(html.parser.HTMLParser):
    """The elements, their URL attributes and the text of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.urls = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [(tag, k, v) for k, v in attrs if k in ("src", "href", "action", "srcset") or
                      k.startswith("on")]

    def handle_data(self, data):
        self.text.append(data)


def check_dom(dom_text, name, hostile):
    dom = Dom()
    dom.feed(dom_text)
    for tag in ("script", "img", "iframe", "object", "embed", "link"):
        if tag in dom.tags:
            fail(f"{name}: the page has a <{tag}> element (a label became markup?)")
    if dom.urls:
        fail(f"{name}: URL or event attributes in the page: {dom.urls[:5]}")
    if "table" not in dom.tags or "svg" not in dom.tags:
        fail(f"{name}: the loaded page has no table or no svg")
    text = "".join(dom.text)
    for label in hostile:
        if label not in text:
            fail(f"{name}: the label {label!r} is not in the page's text")


def png_pixels(path):
    """(width, height, channels, rows of bytes) of an 8-bit PNG, unfiltered (RFC 2083)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path}: not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour = header[:4]
    if depth != 8 or colour not in (0, 2, 4, 6):
        fail(f"{path}: unexpected PNG format (depth {depth}, colour type {colour})")
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def check_not_blank(path):
    width, height, channels, rows = png_pixels(path)
    colours, inked, seen = set(), 0, 0
    for row in rows[::4]:
        for x in range(0, width * channels, channels * 4):
            pixel = row[x:x + channels]
            colours.add(pixel)
            seen += 1
            inked += min(pixel[:3]) < 200
    share = inked / max(seen, 1)
    if len(colours) < 3 or share < 0.001:
        fail(f"{path}: the screenshot is blank ({len(colours)} colours, {share:.2%} ink)")
    return len(colours), share


def check_page(binary, page, name, hostile):
    with open(page, encoding="utf-8") as f:
        text = f.read()
    svgs = check_svgs(text, name)
    url = "file://" + os.path.abspath(page)
    png = os.path.splitext(page)[0] + ".png"
    with tempfile.TemporaryDirectory() as profile:  # one run: the DOM on stdout, the log on stderr
        dom, log = chromium(binary, profile, "--enable-logging=stderr", "--v=0", "--dump-dom",
                            f"--screenshot={png}", "--window-size=1280,2000", url)
    console = [line for line in log.splitlines() if re.search(r":CONSOLE[:(]", line) or "Uncaught" in line]
    if console:
        fail(f"{name}: console messages: {console[:5]}")
    if not os.path.exists(png):
        fail(f"{name}: no screenshot")
    colours, share = check_not_blank(png)
    check_dom(dom, name, hostile)
    print(f"ok: {name}: {svgs} SVGs well-formed, screenshot {png} ({colours}+ colours, {share:.1%} ink), "
          f"DOM has no injected elements")


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    cli, generator, examples, out = sys.argv[1:]
    generator = generator.removeprefix("generator=")
    binary = find_chromium()
    if binary is None:
        print("SKIPPED: no chromium (Debian package `chromium`; scripts/test installs it)")
        return SKIP
    os.makedirs(out, exist_ok=True)
    check_page(binary, sample_report(cli, generator, examples, out), "sample report", [])
    check_page(binary, hostile_report(cli, out), "hostile-label report", HOSTILE)
    print("browser test: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
