#!/usr/bin/env python3
"""Years of nightly runs, measured side by side (release build; run it on a quiet machine).

Generates RUNS runs x MODELS models x SAMPLES samples in benchsite's run format (fixed seed, the
generator of scripts/benchmark.py), then measures, each the median of --repeat runs:

  cold       benchsite build of the whole history into an empty folder: wall time, peak memory,
             the site's size and its largest file
  no-op      the same build again, nothing changed: wall time and files written
  add one    one more run added to the inputs: wall time and files written
  keep 90    --keep-runs 90 from the site's own published history (data/): wall time, peak memory
  asv        the same history converted as a user migrating would (one benchmark per model, one
             commit per run; once with each run's samples, once medians only): `asv publish`
             against benchsite building from the same asv results (and, above, from the run files)
  ingest     one large run file (--ingest-mb MB) read by benchsite (the ingest stage alone, from
             BENCHSITE_TIMINGS), by Python's json and by orjson, in MB/s

    scripts/benchmark-history.py                          # 1000 x 20 x 200, 3 repeats
    scripts/benchmark-history.py --runs 200 --models 10   # smaller
    scripts/benchmark-history.py --skip asv,ingest        # some parts only

Needs `pip install asv orjson` for the side-by-side parts (they are skipped, with a note, without).
"""
import argparse
import gzip
import importlib.util
import json
import os
import pathlib
import random
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("benchmark", ROOT / "scripts" / "benchmark.py")
benchmark = importlib.util.module_from_spec(spec)
spec.loader.exec_module(benchmark)


def timed(command, env=None, cwd=None):
    """(seconds, peak MiB, stdout+stderr) of one command."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=cwd)
    output = child.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"benchmark-history: {' '.join(map(str, command))} failed:\n{output}")
    return elapsed, usage.ru_maxrss / 1024, output


def median_of(repeat, prepare, command, env=None, cwd=None):
    times, peaks, output = [], [], ""
    for _ in range(repeat):
        prepare()
        # Flush what earlier steps left dirty in the page cache: benchsite flushes the file system
        # before switching a site in (syncfs), which would otherwise pay for the previous step's writes.
        os.sync()
        seconds, peak, output = timed(command, env=env, cwd=cwd)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks), output


# Outputs of earlier runs are moved aside, not deleted, until the end: ext4 without a journal (as on
# this repository's machines) skips the inodes deleted in the last minutes one by one when it makes
# new ones, so a build into a folder whose previous contents were just deleted pays seconds of system
# time for it (2 s of a cold build of this history, measured with perf), which a CI runner's fresh
# disk or an incremental build never does. Every tool measured here is measured the same way.
TRASH = []


def set_aside(path):
    path = pathlib.Path(path)
    if not path.exists():
        return
    trash = path.parent / f".trash-{len(TRASH)}-{path.name}"
    path.rename(trash)
    TRASH.append(trash)


def empty_trash():
    for trash in TRASH:
        shutil.rmtree(trash, ignore_errors=True)
    TRASH.clear()


def written(output):
    match = re.search(r"\((\d+) written", output)
    if match:
        return int(match.group(1))
    return 0 if "up to date" in output else None


def site_size(folder):
    # The site as published: benchsite's own files (.benchsite-manifest, the build cache in
    # .benchsite-cache/, the build stamp) are hidden and left out of uploads.
    files = [p for p in folder.rglob("*")
             if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    largest = max(files, key=lambda p: p.stat().st_size)
    return sum(p.stat().st_size for p in files), largest.relative_to(folder), largest.stat().st_size, len(files)


def one_run(folder, index, models, samples):
    """One more run in the generator's shape, after the last one."""
    rng = random.Random(99)
    results = []
    for m in range(models):
        rows = [{"prompt_index": s % 4, "latency_s": round((0.5 + m * 0.3) * rng.lognormvariate(0, 0.1), 5),
                 "ttft_s": 0.05, "prompt_tokens": 12, "completion_tokens": rng.randint(80, 160)} for s in range(samples)]
        results.append({"model": f"model-{m:02d}", "scenario": "gpu", "samples": rows})
    run = {"format": "benchsite-run/1", "id": f"run-{index:04d}", "timestamp": "2030-01-01T02:00:00Z",
           "environment": {"host": "bench"}, "prompts": [f"Prompt number {i}: explain topic {i} briefly." for i in range(4)],
           "results": results}
    path = folder / f"run-{index:04d}.json"
    path.write_text(json.dumps(run, separators=(",", ":")))
    return path


def convert_to_asv(history, target, with_samples=True):
    """The history as an asv project: a git repository with one commit per run, results per commit."""
    if (target / ".converted").exists():
        return
    shutil.rmtree(target, ignore_errors=True)
    repo = target / "repo"
    repo.mkdir(parents=True)
    runs = sorted(history.glob("run-*.json"))
    # One commit per run, through git fast-import (seconds for thousands of commits).
    stream = []
    dates = []
    for index, path in enumerate(runs):
        run = json.loads(path.read_text())
        stamp = int(time.mktime(time.strptime(run["timestamp"], "%Y-%m-%dT%H:%M:%SZ")))
        dates.append(stamp)
        message = f"run {index}".encode()
        content = f"{index}\n".encode()
        stream.append(b"commit refs/heads/main\n")
        stream.append(f"mark :{index + 1}\ncommitter bench <b@example.com> {stamp} +0000\n".encode())
        stream.append(f"data {len(message)}\n".encode() + message + b"\n")
        if index > 0:
            stream.append(f"from :{index}\n".encode())
        stream.append(f"M 644 inline run.txt\ndata {len(content)}\n".encode() + content + b"\n")
    subprocess.run(["git", "init", "--quiet", "-b", "main", str(repo)], check=True)
    subprocess.run(["git", "fast-import", "--quiet", "--export-marks=" + str(target / "marks")], cwd=repo,
                   input=b"".join(stream), check=True)
    marks = dict(line.split() for line in (target / "marks").read_text().splitlines())
    results = target / "results"
    (results / "bench").mkdir(parents=True)
    machine = {"arch": "x86_64", "cpu": "bench", "machine": "bench", "num_cpu": "2", "os": "Linux", "ram": "1",
               "version": 1}
    (results / "bench" / "machine.json").write_text(json.dumps(machine))
    columns = ["result", "params", "version", "started_at", "duration", "stats_ci_99_a", "stats_ci_99_b", "stats_q_25",
               "stats_q_75", "stats_number", "stats_repeat", "samples", "profile"]
    benchmarks = {}
    for index, path in enumerate(runs):
        run = json.loads(path.read_text())
        commit = marks[f":{index + 1}"]
        entries = {}
        for result in run["results"]:
            name = "bench." + result["model"].replace("-", "_")
            values = sorted(s["latency_s"] for s in result["samples"])
            median = statistics.median(values)
            q25, q75 = values[len(values) // 4], values[3 * len(values) // 4]
            entries[name] = [[median], [], "v1", dates[index] * 1000, 1.0, [values[0]], [values[-1]], [q25], [q75], [1],
                             [len(values)], [values] if with_samples else None, None]
            benchmarks[name] = {"code": "", "name": name, "param_names": [], "params": [], "type": "time",
                                "unit": "seconds", "version": "v1", "number": 1, "repeat": len(values), "rounds": 1,
                                "min_run_count": 1, "sample_time": 0.01, "warmup_time": -1}
        document = {"commit_hash": commit, "env_name": "existing-py", "date": dates[index] * 1000,
                    "params": dict(machine, python="3.11"), "python": "3.11", "requirements": {}, "env_vars": {},
                    "result_columns": columns, "results": entries, "durations": {}, "version": 2}
        (results / "bench" / f"{commit[:8]}-existing-py.json").write_text(json.dumps(document))
    benchmarks["version"] = 2
    (results / "benchmarks.json").write_text(json.dumps(benchmarks))
    (target / "asv.conf.json").write_text(json.dumps({
        "version": 1, "project": "bench", "project_url": "https://example.com", "repo": str(repo),
        "branches": ["main"], "environment_type": "existing", "results_dir": "results", "html_dir": "html"}))
    (target / ".converted").write_text("")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--models", type=int, default=20)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", default="/tmp/benchsite-history-benchmark")
    parser.add_argument("--ingest-mb", type=int, default=150)
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: cold,noop,add,keep,asv,ingest")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))

    subprocess.run(["swift", "build", "-c", "release", "--product", "benchsite"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = str(ROOT / ".build" / "release" / "benchsite")
    data = pathlib.Path(args.data) / f"{args.runs}x{args.models}x{args.samples}"
    history = data / "history"
    size = benchmark.generate(history, args.runs, args.models, args.samples)
    print(f"input: {args.runs} runs x {args.models} models x {args.samples} samples = "
          f"{args.runs * args.models * args.samples:,} samples in {args.runs} files, {size / 1e6:.0f} MB of JSON; "
          f"median of {args.repeat}, {os.cpu_count()} cores")
    site = data / "site"

    def fresh():
        set_aside(site)

    if "cold" not in skip:
        seconds, peak, output = median_of(args.repeat, fresh, [binary, "build", str(history), "--out", str(site)])
        total, largest, largest_size, count = site_size(site)
        cache = sum(p.stat().st_size for p in (site / ".benchsite-cache").rglob("*") if p.is_file())
        print(f"cold build:        {seconds:6.2f} s, peak {peak:5.0f} MiB; site {total / 1e6:.0f} MB in "
              f"{count} files, largest {largest} {largest_size / 1e6:.1f} MB; build cache {cache / 1e6:.0f} MB")
    else:
        fresh()
        timed([binary, "build", str(history), "--out", str(site)])
    if "noop" not in skip:
        seconds, peak, output = median_of(args.repeat, lambda: None, [binary, "build", str(history), "--out", str(site)])
        print(f"no-op rebuild:     {seconds:6.2f} s, peak {peak:5.0f} MiB; {written(output)} files written")
    extra = data / "tonight"
    if "add" not in skip:
        shutil.rmtree(extra, ignore_errors=True)
        extra.mkdir()
        tonight = one_run(extra, args.runs, args.models, args.samples)
        baseline_site = data / "site-before"
        shutil.rmtree(baseline_site, ignore_errors=True)
        shutil.copytree(site, baseline_site, symlinks=True)

        def restore():
            set_aside(site)
            shutil.copytree(baseline_site, site, symlinks=True)

        seconds, peak, output = median_of(args.repeat, restore, [binary, "build", str(history), str(tonight), "--out",
                                                                 str(site)])
        print(f"add one run:       {seconds:6.2f} s, peak {peak:5.0f} MiB; {written(output)} files written")
        restore()
    if "keep" not in skip:
        kept = data / "kept"
        seconds, peak, output = median_of(
            args.repeat, lambda: set_aside(kept),
            [binary, "build", str(site / "data"), "--out", str(kept), "--keep-runs", "90"])
        print(f"--keep-runs 90 from the site's data/: {seconds:6.2f} s, peak {peak:5.0f} MiB")
    if "asv" not in skip:
        if shutil.which("asv") is None:
            print("asv: not installed (pip install asv); skipped")
        else:
            for variant, with_samples in [("with each run's samples", True), ("medians only", False)]:
                project = data / ("asv-samples" if with_samples else "asv-medians")
                convert_to_asv(history, project, with_samples=with_samples)
                html = project / "html"
                seconds, peak, _ = median_of(args.repeat, lambda: set_aside(html),
                                             ["asv", "publish", "--config", str(project / "asv.conf.json")], cwd=project)
                print(f"asv publish, results {variant}: {seconds:6.2f} s, peak {peak:5.0f} MiB")
                target = data / "site-asv"
                seconds, peak, _ = median_of(args.repeat, lambda: set_aside(target),
                                             [binary, "build", str(project / "results"), "--out", str(target)])
                print(f"benchsite build from the same asv results: {seconds:6.2f} s, peak {peak:5.0f} MiB")
    if "ingest" not in skip:
        big = data / f"one-run-{args.ingest_mb}mb.json"
        if not big.exists():
            rng = random.Random(7)
            per_model = args.ingest_mb * 1_000_000 // 95 // 20
            results = [{"model": f"model-{m:02d}", "scenario": "gpu", "samples": [
                {"prompt_index": s % 4, "latency_s": round(rng.lognormvariate(0, 0.2), 6), "ttft_s": round(rng.random(), 6),
                 "prompt_tokens": 12, "completion_tokens": rng.randint(80, 160)} for s in range(per_model)]}
                for m in range(20)]
            big.write_text(json.dumps({"format": "benchsite-run/1", "id": "big", "timestamp": "2026-01-01T00:00:00Z",
                                       "prompts": ["a", "b", "c", "d"], "results": results}, separators=(",", ":")))
        megabytes = big.stat().st_size / 1e6
        out = data / "site-big"
        ingest_times, ingest_peaks, build_peaks = [], [], []
        for _ in range(args.repeat):
            set_aside(out)
            # --no-cache: the reading alone (with the cache, ingest also computes each result's
            # figures for it, which analysis does otherwise).
            _, peak, output = timed([binary, "build", str(big), "--out", str(out), "--no-cache"],
                                    env=dict(os.environ, BENCHSITE_TIMINGS="1"))
            stage = re.search(r"timing: ingest ([\d.]+) s wall, [\d.]+ s CPU, peak (\d+) MiB", output)
            ingest_times.append(float(stage.group(1)))
            ingest_peaks.append(int(stage.group(2)))
            build_peaks.append(peak)
        mebibytes = big.stat().st_size / (1 << 20)
        ingest_peak, build_peak = statistics.median(ingest_peaks), statistics.median(build_peaks)
        print(f"ingest of one {megabytes:.0f} MB file: peak {ingest_peak:.0f} MiB while reading "
              f"({ingest_peak / mebibytes:.2f}x the file), {build_peak:.0f} MiB for the whole build "
              f"({build_peak / mebibytes:.2f}x)")
        print(f"ingest of one {megabytes:.0f} MB file: benchsite {megabytes / statistics.median(ingest_times):6.0f} MB/s",
              end="")
        for name in ["json", "orjson"]:
            code = (f"import {name}, time, statistics, sys\nb = open(sys.argv[1], 'rb').read()\nt = []\n"
                    f"for _ in range({args.repeat}):\n    s = time.perf_counter(); {name}.loads(b); t.append(time.perf_counter() - s)\n"
                    f"print(statistics.median(t))")
            result = subprocess.run([sys.executable, "-c", code, str(big)], capture_output=True, text=True)
            if result.returncode != 0:
                print(f", {name}: not installed", end="")
            else:
                print(f", Python {name} {megabytes / float(result.stdout):6.0f} MB/s", end="")
        print()
    empty_trash()
    return 0


if __name__ == "__main__":
    sys.exit(main())
