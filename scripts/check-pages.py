#!/usr/bin/env python3
"""Opens every page of a built site in headless Chromium and checks what a reader relies on:

- the page loads with no console message of level warning or error (JavaScript errors, missing files);
- nothing is fetched from the network (all host names resolve to nothing, and the net log must
  hold no http(s) request);
- at a phone's width (375 px) the page itself does not scroll sideways (tables and charts may).

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
# One harness page holds every page in a 375 px wide frame and writes each frame's widths into the DOM.
frames = "\n".join(
    f'<iframe data-page="{html.escape(str(p.relative_to(site)))}" src="{p.as_uri()}" style="width:375px;height:600px;border:0"></iframe>'
    for p in pages)
harness = work / "harness.html"
harness.write_text(f"""<!doctype html><html><body>{frames}
<pre id="result"></pre>
<script>
window.addEventListener('load', function () {{
  var lines = [];
  document.querySelectorAll('iframe').forEach(function (f) {{
    var d = f.contentDocument && f.contentDocument.documentElement;
    lines.push(f.dataset.page + ' ' + (d ? d.scrollWidth + ' ' + d.clientWidth : 'unreadable'));
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
widths = {}
if match:
    for line in html.unescape(match.group(1)).splitlines():
        name, *numbers = line.split(" ")
        widths[name] = numbers
for page in pages:
    name = str(page.relative_to(site))
    numbers = widths.get(name)
    if not numbers or numbers == ["unreadable"]:
        failures.append(f"{name}: could not be measured")
    elif int(numbers[0]) > int(numbers[1]) + 1:
        failures.append(f"{name}: scrolls sideways at 375 px ({numbers[0]} px of content in {numbers[1]} px)")
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
for failure in failures:
    print(f"check-pages: {failure}")
print(f"check-pages: {len(pages)} pages, {len(pages) - len({f.split(':')[0] for f in failures if f.endswith('px)') or 'measured' in f})} pass the phone width, {len(failures)} problems")
sys.exit(1 if failures else 0)
