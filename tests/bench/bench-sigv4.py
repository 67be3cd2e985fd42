#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs bench-sigv4 (sd-desk's signer) and bench_sigv4_botocore.py
(botocore's SigV4Auth) on the same requests, one core each, and prints a
table of signatures per second.

Each side runs twice, alternating, and keeps its best rate. A benchmark,
not a timed test: it fails only when a side cannot run or the
two sides disagree on a signature (then they are not doing the same work).
Exit code 77 (skipped) when botocore is not importable (1 in the smoke
mode, SD_BENCH_SMOKE=1: one short run a side, no bar judged).
Bar: 20x botocore on one core, for every request.

usage: bench-sigv4.py BENCH_EXE BOTOCORE_SCRIPT REQUESTS_JSON [SECONDS]
"""

import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import SMOKE, result, verdict  # noqa: E402

SKIP = 77
RUNS = 1 if SMOKE else 2
RATIO_BAR = 20.0


def run(cmd):
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0"] + cmd
    proc = subprocess.run(cmd, capture_output=True, text=True)
    auth, rate = {}, {}
    for line in proc.stdout.splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[0] in ("auth", "rate") and parts[1].isdigit():
            (auth if parts[0] == "auth" else rate)[int(parts[1])] = parts[2]
    return proc.returncode, auth, rate, proc.stderr


def best(into, rates):
    for index, value in rates.items():
        into[index] = max(into.get(index, 0.0), float(value))


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    exe, script, requests = sys.argv[1:4]
    seconds = sys.argv[4] if len(sys.argv) > 4 else ("0.2" if SMOKE else "2")
    with open(requests, encoding="utf-8") as f:
        names = [r["name"] for r in json.load(f)["requests"]]

    # Alternate the two sides and keep each one's best run, so that a burst
    # of load from elsewhere on the machine hurts neither side alone.
    sd_rate, bc_rate = {}, {}
    botocore_ok = True
    for _ in range(RUNS):
        rc, sd_auth, rate, err = run([exe, requests, seconds])
        if rc != 0 or len(rate) != len(names):
            print(f"bench-sigv4 failed (exit {rc}):\n{err}", file=sys.stderr)
            return 1
        best(sd_rate, rate)

        if botocore_ok:
            rc, bc_auth, rate, err = run(
                [sys.executable, script, requests, "--duration", seconds]
            )
            botocore_ok = rc == 0 and len(rate) == len(names)
            if not botocore_ok and rc != SKIP:
                print(f"bench_sigv4_botocore.py failed (exit {rc}):\n{err}",
                      file=sys.stderr)
                return 1
            best(bc_rate, rate)

    print(f"signatures per second on one core, best of {RUNS} runs of {seconds} s")
    print(f"{'request':<28} {'sd-desk sig/s':>14} {'botocore sig/s':>15} {'ratio':>8}")
    for i, name in enumerate(names):
        sd = sd_rate[i]
        if botocore_ok:
            bc = bc_rate[i]
            print(f"{name:<28} {sd:>14,.0f} {bc:>15,.0f} {sd / bc:>7.1f}x"
                  f"  {verdict(sd / bc >= RATIO_BAR)} (bar: >= {RATIO_BAR:.0f}x)")
        else:
            print(f"{name:<28} {sd:>14,.0f} {'n/a':>15} {'n/a':>8}")

    if not botocore_ok:
        print(f"botocore could not run: {err.strip()}")
        return 1 if SMOKE else SKIP
    for i, name in enumerate(names):
        if sd_auth[i] != bc_auth[i]:
            print(f"{name}: the signatures differ\n  sd-desk:  {sd_auth[i]}\n"
                  f"  botocore: {bc_auth[i]}", file=sys.stderr)
            return 1
    print("Both sides produced identical Authorization headers.")
    for i, name in enumerate(names):
        result(f"SigV4 {name}, signatures/s on one core", round(sd_rate[i]), "sig/s")
        result(f"SigV4 {name}, ratio to botocore", sd_rate[i] / bc_rate[i], "x",
               bar=f">= {RATIO_BAR:.0f}x", ok=sd_rate[i] / bc_rate[i] >= RATIO_BAR,
               anchor=f"botocore SigV4Auth {bc_rate[i]:,.0f} sig/s", key=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
