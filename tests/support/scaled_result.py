#!/usr/bin/env python3
"""scaled_result.py TEMPLATE OUT COMMIT FACTOR SEED: a perf-run result like TEMPLATE, as if
measured at COMMIT on code FACTOR times slower, with 1.5 % per-trial noise from SEED.

Tests of what perf-report and perf-compare do with a series of runs need a series whose
truth is known: 60 real runs on a shared VM carry the host's drift (1.26-1.76x shifts were
seen mid-series), which would be a real change to find. How small a real step the detector
finds under real noise is measured in bench/ (perfgate-bench-history), not asserted here.
"""
import json
import random
import sys

template, out, commit, factor, seed = sys.argv[1:6]
factor = float(factor)
noise = random.Random(int(seed))
result = json.load(open(template))
result["fingerprint"]["git"]["commit"] = commit
result["fingerprint"]["git"]["dirty"] = False
for scenario in result["scenarios"]:
    for trial in scenario["trials"]:
        slower = factor * noise.gauss(1.0, 0.015)
        metrics = trial["metrics"]
        for name in metrics:
            if name.startswith(("latency_", "service_")):
                metrics[name] *= slower
        metrics["throughput"] /= slower
        trial["operations"] = max(1, round(trial["operations"] / slower))
with open(out, "w") as f:
    json.dump(result, f, indent=1)
