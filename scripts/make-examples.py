#!/usr/bin/env python3
"""Writes examples/: a realistic benchmark history for the demo site, from a fixed seed.

- examples/nightly/: 14 nightly runs in benchsite's own format (raw samples), 5 Foundry Local
  models on the workshop's 4-prompt set, 5 rounds each, on CPU and GPU. mistral-7b regresses on
  GPU from 2026-10-09 on (a driver update), deepseek-r1-1.5b fails on GPU on 2026-10-11 (out of
  GPU memory), and a few requests time out here and there.
- examples/workshop/: the same kind of study written by the Foundry Local workshop's own
  scripts, one file per variant benchsite reads (script stdout, notebook stdout, failed entries),
  with models.json, prompts.json and quality annotations.

Run: python3 scripts/make-examples.py  (standard library only; the output is byte-identical each time)
"""
import json
import math
import pathlib
import random

SEED = 20261001
ROOT = pathlib.Path(__file__).resolve().parent.parent / "examples"

PROMPTS = [
    "Explain retrieval augmented generation briefly.",
    "Summarize the benefits of running small language models on-device in three bullet points.",
    "Write a Python function that checks whether a string is a palindrome.",
    "What are the main risks of deploying AI models at the edge?",
]
# Typical completion length per prompt (tokens), before the model's own verbosity.
PROMPT_TOKENS = [11, 19, 14, 13]
COMPLETION_BASE = [110, 90, 140, 120]

# alias: (model id stem, GPU tokens/s, CPU tokens/s, GPU ttft s, CPU ttft s, verbosity)
MODELS = {
    "qwen2.5-0.5b": ("qwen2.5-0.5b-instruct", 148.0, 41.0, 0.045, 0.21, 0.9),
    "phi-4-mini": ("Phi-4-mini-instruct", 61.0, 12.5, 0.085, 0.62, 1.0),
    "gemma-2-2b": ("gemma-2-2b-it", 83.0, 18.0, 0.070, 0.48, 0.95),
    "mistral-7b": ("mistral-7b-instruct-v0.2", 36.0, 6.1, 0.140, 1.35, 1.05),
    "deepseek-r1-1.5b": ("deepseek-r1-distill-qwen-1.5b", 92.0, 22.0, 0.060, 0.41, 1.9),
}
GPU_VERSION = {"qwen2.5-0.5b": 3, "phi-4-mini": 4, "gemma-2-2b": 2, "mistral-7b": 2, "deepseek-r1-1.5b": 3}

SAMPLE_OUTPUT = {
    0: "Retrieval augmented generation (RAG) pairs a language model with a search step: relevant passages are retrieved first and given to the model, so answers are grounded in current documents.",
    1: "- Privacy: data never leaves the device.\n- Latency: no network round trip.\n- Cost: no per-token fees.",
    2: "def is_palindrome(s: str) -> bool:\n    cleaned = [c.lower() for c in s if c.isalnum()]\n    return cleaned == cleaned[::-1]",
    3: "Edge deployments face limited memory, model tampering, stale models that are hard to update, and <uncontrolled> inputs & outputs.",
}

rng = random.Random(SEED)


def lognormal(median, sigma):
    return median * math.exp(rng.gauss(0.0, sigma))


def sample_request(alias, accel, prompt_index, night, model_factor):
    _, gpu_tps, cpu_tps, gpu_ttft, cpu_ttft, verbosity = MODELS[alias]
    tps = (gpu_tps if accel == "gpu" else cpu_tps) / model_factor
    ttft = lognormal((gpu_ttft if accel == "gpu" else cpu_ttft) * model_factor, 0.12)
    tokens = int(min(256, max(8, rng.gauss(COMPLETION_BASE[prompt_index] * verbosity, 12))))
    decode = tokens / lognormal(tps, 0.05)
    latency = ttft + decode
    return {
        "prompt_index": prompt_index,
        "ok": True,
        "latency_s": round(latency, 4),
        "ttft_s": round(ttft, 4),
        "prompt_tokens": PROMPT_TOKENS[prompt_index],
        "completion_tokens": tokens,
    }


def nightly(night):
    day = 1 + night
    stamp = f"2026-10-{day:02d}T02:00:00Z"
    results = []
    for alias in sorted(MODELS):
        stem = MODELS[alias][0]
        for accel in ("cpu", "gpu"):
            model_id = f"{stem}-cuda-gpu:{GPU_VERSION[alias]}" if accel == "gpu" else f"{stem}-generic-cpu:1"
            # A slow drift of the machine, and mistral-7b's GPU regression from 2026-10-09 (night 8).
            factor = 1.0 + 0.004 * math.sin(night)
            if alias == "mistral-7b" and accel == "gpu" and night >= 8:
                factor *= 1.27
            entry = {"model": alias, "model_id": model_id, "scenario": accel}
            if alias == "deepseek-r1-1.5b" and accel == "gpu" and night == 10:
                entry["status"] = "failed"
                entry["error"] = "model load failed: CUDA out of memory (tried to allocate 1.10 GiB)"
                entry["samples"] = []
                results.append(entry)
                continue
            samples = []
            for prompt_index in range(len(PROMPTS)):
                for _ in range(5):
                    s = sample_request(alias, accel, prompt_index, night, factor)
                    # Now and then a request times out on the CPU.
                    if accel == "cpu" and rng.random() < 0.012:
                        s = {"prompt_index": prompt_index, "ok": False, "error": "timeout after 120 s"}
                    samples.append(s)
            entry["samples"] = samples
            first_ok = next(s for s in samples if s.get("ok"))
            entry["sample_output"] = SAMPLE_OUTPUT[first_ok["prompt_index"]]
            results.append(entry)
    return {
        "format": "benchsite-run/1",
        "id": f"nightly-2026-10-{day:02d}",
        "label": "nightly",
        "timestamp": stamp,
        "commit": f"{rng.getrandbits(40):010x}",
        "branch": "main",
        "environment": {
            "host": "bench-01",
            "os": "Ubuntu 24.04",
            "cpu": "AMD Ryzen 9 7950X (16 cores)",
            "gpu": "NVIDIA GeForce RTX 4070 12 GB",
            "accelerator": "CUDA 12.6" if night < 8 else "CUDA 12.8",
            "foundry_local": "0.8.117",
        },
        "configuration": {"rounds": 5, "max_tokens": 256, "temperature": 0.2, "warmup": True},
        "prompts": PROMPTS,
        "results": results,
    }


def workshop_script_stdout():
    """The session 3 script (BENCH_STREAM=1): [INFO] logs, then the JSON summary. Aliases only."""
    lines = [f"[INFO] Benchmarking {len(MODELS)} models with 3 rounds each", f"[INFO] Prompt: {PROMPTS[0]}", "[INFO] Stream measurement: enabled", ""]
    summary = []
    for alias in sorted(MODELS):
        lines.append(f"[INFO] Benchmarking {alias}...")
        lines.append(f"[INFO] Loaded model: {alias} -> {MODELS[alias][0]}-cuda-gpu:{GPU_VERSION[alias]}")
        lat, tps, ft = [], [], []
        for r in range(3):
            s = sample_request(alias, "gpu", 0, 0, 1.0)
            lat.append(s["latency_s"])
            tps.append((s["prompt_tokens"] + s["completion_tokens"]) / s["latency_s"])
            ft.append(s["ttft_s"])
            lines.append(f"  Round {r + 1}/3: {s['latency_s']:.3f}s ({s['prompt_tokens'] + s['completion_tokens']} tokens)")
        lines.append(f"[INFO] Completed {alias}")
        lines.append("")
        srt = sorted(lat)
        h = (len(srt) - 1) * 0.95
        p95 = srt[int(h)] + (h - int(h)) * (srt[min(int(h) + 1, len(srt) - 1)] - srt[int(h)])
        summary.append({
            "alias": alias,
            "latency_avg": sum(lat) / len(lat),
            "latency_p95": p95,
            "tokens_per_sec_avg": sum(tps) / len(tps),
            "rounds": 3,
            "first_token_latency_avg": sum(ft) / len(ft),
        })
    lines.append("")
    lines.append("[BENCHMARK RESULTS]")
    return "\n".join(lines) + "\n" + json.dumps(summary, indent=2) + "\n"


def workshop_compare_with_failure():
    """A model comparison where one model could not be loaded: entries carry status and error."""
    out = []
    for alias in ("gemma-2-2b", "mistral-7b", "phi-4-mini"):
        if alias == "mistral-7b":
            out.append({"alias": alias, "status": "failed", "error": "Model mistral-7b not found in the local catalog", "rounds": 3})
            continue
        lat = [sample_request(alias, "gpu", 2, 0, 1.0)["latency_s"] for _ in range(3)]
        out.append({
            "alias": alias, "status": "ok", "rounds": 3,
            "latency_avg": sum(lat) / 3, "latency_p95": sorted(lat)[-1], "tokens_per_sec_avg": 140.0 / (sum(lat) / 3),
            "sample": SAMPLE_OUTPUT[2],
        })
    return json.dumps(out, indent=2) + "\n"


def workshop_notebook_stdout():
    """The session 3 notebook's results cell: emoji tables, then JSON after a banner; model ids name the GPU."""
    rule = "=" * 80
    entries = []
    for alias in ("phi-4-mini", "qwen2.5-0.5b"):
        rounds = [sample_request(alias, "gpu", 0, 0, 1.0) for _ in range(3)]
        lat = [r["latency_s"] for r in rounds]
        comp = [r["completion_tokens"] for r in rounds]
        entries.append({
            "alias": alias,
            "model_id": f"{MODELS[alias][0]}-cuda-gpu:{GPU_VERSION[alias]}",
            "latency_avg_s": sum(lat) / 3,
            "latency_min_s": min(lat),
            "latency_max_s": max(lat),
            "latency_p95_s": sorted(lat)[1] + 0.9 * (sorted(lat)[2] - sorted(lat)[1]),
            "tokens_per_sec_avg": sum(c / l for c, l in zip(comp, lat)) / 3,
            "avg_prompt_tokens": 11.0,
            "avg_completion_tokens": sum(comp) / 3,
            "avg_total_tokens": 11.0 + sum(comp) / 3,
            "rounds_ok": 3,
            "configured_rounds": 3,
            "sample_output": SAMPLE_OUTPUT[0],
        })
    head = [rule, "BENCHMARK RESULTS", rule, "", "📊 PERFORMANCE SUMMARY TABLE", rule,
            "Model        | Latency (avg) | Throughput | Success",
            "-------------+---------------+------------+--------"]
    for e in entries:
        head.append(f"{e['alias']:<12} | 🟢 {e['latency_avg_s']:.3f}s     | {e['tokens_per_sec_avg']:.1f}       | 3/3")
    head += ["", rule, "JSON SUMMARY (for programmatic analysis)", rule]
    tail = [rule, f"Benchmark completed: {len(entries)} models tested", "Configuration: 3 rounds, 120 max tokens, temp=0.2", rule]
    return "\n".join(head) + "\n" + json.dumps(entries, indent=2, ensure_ascii=True) + "\n\n" + "\n".join(tail) + "\n"


def models_json():
    return {
        "qwen2.5-0.5b": {"capabilities": ["chat", "tools"], "size_mb": 822, "license": "apache-2.0", "publisher": "Alibaba"},
        "phi-4-mini": {"capabilities": ["chat", "tools", "reasoning"], "size_mb": 3720, "license": "MIT", "publisher": "Microsoft"},
        "gemma-2-2b": {"capabilities": ["chat"], "size_mb": 2400, "license": "gemma", "publisher": "Google"},
        "mistral-7b": {"capabilities": ["chat"], "size_mb": 4070, "license": "apache-2.0", "publisher": "Mistral AI"},
        "deepseek-r1-1.5b": {"capabilities": ["chat", "reasoning"], "size_mb": 1430, "license": "MIT", "publisher": "DeepSeek"},
    }


def quality_json():
    scores = []
    base = {"qwen2.5-0.5b": 2.6, "phi-4-mini": 4.2, "gemma-2-2b": 3.6, "mistral-7b": 4.0, "deepseek-r1-1.5b": 3.3}
    for alias in sorted(MODELS):
        for p in PROMPTS:
            scores.append({"model": alias, "prompt": p, "score": max(1, min(5, round(base[alias] + rng.uniform(-0.8, 0.8))))})
    return {"rubric": "1 = wrong or off-topic, 3 = correct but incomplete, 5 = correct, complete and concise", "scores": scores}


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main():
    for night in range(14):
        run = nightly(night)
        write(ROOT / "nightly" / f"{run['timestamp'][:10]}.json", json.dumps(run, indent=1, ensure_ascii=False) + "\n")
    write(ROOT / "workshop" / "2026-09-28-benchmark-oss-models-stdout.txt", workshop_script_stdout())
    write(ROOT / "workshop" / "2026-09-29-model-compare.json", workshop_compare_with_failure())
    write(ROOT / "workshop" / "2026-09-30-session03-notebook-output.txt", workshop_notebook_stdout())
    write(ROOT / "workshop" / "models.json", json.dumps(models_json(), indent=2) + "\n")
    write(ROOT / "workshop" / "prompts.json", json.dumps(PROMPTS, indent=2) + "\n")
    write(ROOT / "workshop" / "quality.json", json.dumps(quality_json(), indent=2) + "\n")


if __name__ == "__main__":
    main()
