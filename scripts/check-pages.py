#!/usr/bin/env python3
"""Opens every page of a built site in headless Chromium and checks what a reader relies on:

- the page loads with no console message of level warning or error (JavaScript errors, missing files);
- nothing is fetched from the network (all host names resolve to nothing, and the net log must
  hold no http(s) request);
- at a phone's width (390 px) and at 1280 px the page itself does not scroll sideways (tables and
  charts may, inside their own scrolling box);
- at 390 px no chart text is drawn smaller than 11 CSS px (its font size times the chart's scale);
- no chart text (a legend entry, a label) lies outside its chart's drawing;
- at 390 px no page is taller than 30,000 px. The demo's tallest page, a run page with two
  scenarios (verdict, metadata, per scenario the results table, three charts and a 25-row per-prompt
  table: everything a run page may hold for five models), is 15,300 px there; twice that is a page
  where something grows with the number of subjects or runs without folding (a 50-model run page was
  39,100 px and a 200-benchmark one 41,100 px before their long captions and tables folded; the
  corpus's overview of 13 tools is 21,500 px). The five tallest pages at each width are printed, so
  a page that grows shows in the log before it fails.

    scripts/check-pages.py [SITE_DIR]          # default: site/
Needs chromium (apt-get install chromium). Exit status 1 when any page fails.
"""
import html
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

site = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
if not chromium:
    sys.exit("check-pages: chromium is not installed (apt-get install chromium)")
pages = sorted(p for p in site.rglob("*.html"))
if not pages:
    sys.exit(f"check-pages: no pages under {site}")

work = pathlib.Path(tempfile.mkdtemp(prefix="benchsite-check-"))
# One harness page holds every page in a 390 px and a 1280 px wide frame and writes what it measured
# in each frame into the DOM.
WIDTHS = (390, 1280)
MAX_HEIGHT_390 = 30000
frames = "\n".join(
    f'<iframe data-page="{html.escape(str(p.relative_to(site)))}" data-width="{w}" src="{p.as_uri()}" style="width:{w}px;height:600px;border:0"></iframe>'
    for p in pages for w in WIDTHS)
harness = work / "harness.html"
harness.write_text(f"""<!doctype html><html><body>{frames}
<pre id="result"></pre>
<script>
window.addEventListener('load', function () {{
  var lines = [];
  document.querySelectorAll('iframe').forEach(function (f) {{
    var doc = f.contentDocument, d = doc && doc.documentElement;
    if (!d) {{ lines.push(f.dataset.page + '\t' + f.dataset.width + '\tunreadable'); return; }}
    // Chart text: the smallest size it is drawn at, and text outside its chart's drawing.
    var smallest = 1000, smallText = '', outside = [];
    doc.querySelectorAll('figure.chart svg').forEach(function (svg) {{
      var box = svg.viewBox && svg.viewBox.baseVal;
      if (!box || !box.width) return;
      var frame = svg.getBoundingClientRect(), scale = frame.width / box.width;
      svg.querySelectorAll('text').forEach(function (t) {{
        var size = parseFloat(f.contentWindow.getComputedStyle(t).fontSize) * scale;
        if (size < smallest) {{ smallest = size; smallText = t.textContent; }}
        var b = t.getBoundingClientRect();  // rotations included
        if (b.width > 0 && (b.left < frame.left - 1 || b.top < frame.top - 1 || b.right > frame.right + 1 ||
            b.bottom > frame.bottom + 1)) {{
          outside.push((svg.parentNode.parentNode.id || 'chart') + ': ' + t.textContent);
        }}
      }});
    }});
    lines.push([f.dataset.page, f.dataset.width, d.scrollWidth, d.clientWidth, smallest.toFixed(1),
                smallText.slice(0, 40), outside.slice(0, 3).join(' | '), d.scrollHeight].join('\t'));
  }});
  document.getElementById('result').textContent = lines.join('\\n');
}});
</script></body></html>""")
netlog = work / "netlog.json"
result = subprocess.run(
    [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--no-first-run",
     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
     "--disable-features=SpellcheckService,OptimizationHints,Translate,MediaRouter",
     "--host-resolver-rules=MAP * ~NOTFOUND", f"--log-net-log={netlog}", "--enable-logging=stderr", "--v=0",
     "--virtual-time-budget=15000", "--window-size=1200,900", "--dump-dom", harness.as_uri()],
    capture_output=True, text=True, timeout=300)
failures = []
dom = result.stdout
match = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
measured = {}
heights = {width: [] for width in WIDTHS}
if match:
    for line in html.unescape(match.group(1)).splitlines():
        fields = line.split("\t")
        if len(fields) >= 3:
            measured[(fields[0], int(fields[1]))] = fields[2:]
for page in pages:
    name = str(page.relative_to(site))
    for width in WIDTHS:
        fields = measured.get((name, width))
        if not fields or fields == ["unreadable"] or len(fields) < 5:
            failures.append(f"{name}: could not be measured at {width} px")
            continue
        scroll, client, smallest, small_text, outside = int(fields[0]), int(fields[1]), float(fields[2]), fields[3], fields[4]
        if scroll > client + 1:
            failures.append(f"{name}: scrolls sideways at {width} px ({scroll} px of content in {client} px)")
        if width == 390 and smallest < 10.95:
            failures.append(f"{name}: chart text {smallest:.1f} px at 390 px (\"{small_text}\"; at least 11 px)")
        if outside:
            failures.append(f"{name}: chart text outside its chart at {width} px: {outside}")
        height = int(fields[5]) if len(fields) > 5 and fields[5].isdigit() else 0
        heights[width].append((height, name))
        if width == 390 and height > MAX_HEIGHT_390:
            failures.append(f"{name}: {height:,} px tall at 390 px (at most {MAX_HEIGHT_390:,}: fold what grows)")
for line in result.stderr.splitlines():
    if "CONSOLE" in line and ("harness.html" not in line):
        failures.append(f"console: {line.strip()}")
if netlog.exists():
    # Requests made for a page carry its origin as initiator ("null" for file:// pages); the
    # browser's own background requests (updates, accounts) say "not an origin".
    try:
        events = json.loads(netlog.read_text(errors="replace")).get("events", [])
    except json.JSONDecodeError:
        events = []
        failures.append("the net log could not be read")
    urls = {e["params"]["url"] for e in events
            if isinstance(e.get("params"), dict) and e["params"].get("initiator", "not an origin") != "not an origin"
            and str(e["params"].get("url", "")).startswith(("http:", "https:", "ws:", "wss:"))}
    for url in sorted(urls):
        failures.append(f"network request: {url}")
shutil.rmtree(work, ignore_errors=True)
for width in WIDTHS:
    tallest = sorted(heights[width], key=lambda entry: (-entry[0], entry[1]))[:5]
    print(f"check-pages: tallest at {width} px: " + ", ".join(f"{name} {height:,} px" for height, name in tallest))
for failure in failures:
    print(f"check-pages: {failure}")
failing = {f.split(":")[0] for f in failures}
print(f"check-pages: {len(pages)} pages at {' and '.join(f'{w} px' for w in WIDTHS)}, {len(pages) - len(failing)} "
      f"without a problem, {len(failures)} problems")
sys.exit(1 if failures else 0)
