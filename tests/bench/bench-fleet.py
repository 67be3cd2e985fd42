#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""bench-fleet: an organization of 50 accounts × 27 regions, 100 ms a request.

  1. Writes the fleet's scenario (make-fleet-scenario.py: the management
     account and 49 members, each in all 27 SES regions in varied states)
     and runs itself again inside tests/aws-emulator/with-emulator with it
     (so the emulator's violations are checked at the end, as everywhere).
  2. The emulator itself at 100 ms a request: one `ses-desk-cli status
     --organization fleet-management --all-regions --json`, timed, with the
     emulator's own time per request (its log's duration less the 100 ms)
     and its CPU time. The emulator checks every signature and every request
     against the botocore model in Python, under one interpreter lock: this
     shows whether it can serve the load, and it cannot (docs/benchmarks.md).
  3. replay-server.py records the emulator's answers to one such refresh
     (the emulator at 0 ms), then serves them at 100 ms a request,
     concurrently, without checking signatures. Against it:
     `ses-desk-cli status --organization … --all-regions --json` --runs
     times: bar under 3 s (median); beside it the server's own CPU time and
     how late its answers left, and the CLI's own CPU time; and one run at
     0 ms, which is what the client costs without waiting.
  4. The app is not measured yet: the fleet overview (fleet-ui) is needed for
     its part (first frame, fully loaded, memory, main-loop stalls,
     scrolling the overview).

Prints "bench-result" lines for build-aux/run-bench's report
(docs/benchmarks.md). SD_BENCH_SMOKE=1: 3 accounts, 3 regions in more than the sandbox
(`--all-regions` still asks all 27), one run, no bar judged. Exit status 0 whenever it measured, 1 when something could
not run (the CLI failed, an answer was missing, the replay was incomplete).

usage: bench-fleet.py --cli PATH [--runs N] [--accounts N] [--regions N]
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from benchlib import SMOKE, fact, result, verdict  # noqa: E402

LATENCY_MS = 100
CLI_BAR_S = 3.0
ALL_REGIONS = 27
MANAGEMENT_PROFILE = "fleet-management"

failures = []


def could_not_run(message):
    failures.append(message)
    print("ERROR: " + message, flush=True)


def http(url, method="GET", doc=None):
    data = json.dumps(doc).encode() if doc is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read() or b"{}")


def control(path, method="GET", doc=None):
    return http(os.environ["SD_EMULATOR_CONTROL"] + path, method, doc)


def process_cpu_s(pid):
    try:
        with open("/proc/%d/stat" % pid, encoding="utf-8") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def emulator_pid():
    """The emulator: with-emulator's child running `serve`, beside this script."""
    parent = os.getppid()
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            with open("/proc/%s/stat" % name, encoding="utf-8") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open("/proc/%s/cmdline" % name, "rb") as f:
                cmdline = f.read().split(b"\0")
        except (OSError, ValueError, IndexError):
            continue
        if ppid == parent and any(arg.endswith(b"/serve") for arg in cmdline):
            return int(name)
    return None


def run_cli(args, env=None):
    """One `status --organization … --all-regions --json`: (seconds, CPU seconds, rows)
    or None after could_not_run()."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    run = subprocess.run([args.cli, "status", "--organization", args.profile, "--all-regions",
                          "--json"], capture_output=True, text=True, timeout=600,
                         env=env or os.environ)
    elapsed = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if run.returncode != 0:
        could_not_run("ses-desk-cli exited %d: %s" % (run.returncode, run.stderr.strip()[-800:]))
        return None
    problem, rows = check_rows(args, run.stdout)
    if problem:
        could_not_run("ses-desk-cli did not load the whole fleet: " + problem)
        return None
    return elapsed, cpu, rows


def check_rows(args, text):
    """(None, rows) when the JSON is every account's every region, else (why not, None)."""
    try:
        rows = json.loads(text)
    except ValueError as e:
        return "not JSON (%s)" % e, None
    # --all-regions asks every SES region of the partition; the scenario's
    # --regions only decide how many of them are more than a sandbox.
    want = args.accounts * ALL_REGIONS
    if len(rows) != want:
        return "%d rows instead of %d" % (len(rows), want), None
    for row in rows:
        if row.get("error") is not None:
            return "%s in %s failed: %s" % (row.get("account_name"), row.get("region"),
                                            row["error"]), None
    names = {row.get("account_name") for row in rows}
    if len(names) != args.accounts:
        return "%d account names instead of %d" % (len(names), args.accounts), None
    return None, rows


def comparable(rows):
    """The rows without what follows the clock (the days of the health figures)."""
    return sorted(json.dumps({k: v for k, v in row.items() if k not in ("days", "daily")},
                             sort_keys=True) for row in rows)


# Part 1: the emulator itself

def part_emulator(args):
    print("== the emulator itself, %d ms a request ==" % LATENCY_MS, flush=True)
    pid = emulator_pid()
    control("/settings", "POST", {"latency_ms": LATENCY_MS})
    control("/requests", "DELETE")
    cpu_before = process_cpu_s(pid) if pid else None
    got = run_cli(args)
    cpu_after = process_cpu_s(pid) if pid else None
    control("/settings", "POST", {"latency_ms": 0})
    if got is None:
        return None
    elapsed, cli_cpu, rows = got
    log = control("/requests")["requests"]
    own = sorted(max(0.0, r["duration_ms"] - LATENCY_MS) for r in log
                 if r.get("duration_ms") is not None)
    med, p90 = statistics.median(own), own[int(0.9 * (len(own) - 1))]
    emu_cpu = (cpu_after - cpu_before) if cpu_before is not None and cpu_after is not None \
        else None
    print("cli   against the emulator: %.2f s for %d requests (CLI CPU %.2f s)"
          % (elapsed, len(log), cli_cpu))
    print("emulator own time a request (its log's duration less %d ms): median %.1f ms, "
          "90th percentile %.1f ms; its CPU time %s"
          % (LATENCY_MS, med, p90, "%.2f s = %.2f ms a request" % (emu_cpu, 1000 * emu_cpu / len(log))
             if emu_cpu is not None else "unknown (process not found)"), flush=True)
    result("Fleet: ses-desk-cli status --organization against the emulator itself", elapsed, "s",
           anchor="%d requests at %d ms; shows the emulator is the bound" % (len(log), LATENCY_MS))
    result("Fleet: the emulator's own time a request (median)", med, "ms",
           anchor="90th percentile %.1f ms" % p90)
    if emu_cpu is not None:
        result("Fleet: the emulator's CPU time a request", 1000 * emu_cpu / len(log), "ms",
               anchor="%.2f s for %d requests" % (emu_cpu, len(log)))
    return rows


# Part 2: the replay server

def start_replay(args):
    argv = [sys.executable, os.path.join(HERE, "replay-server.py"),
            "--upstream", args.endpoint, "--latency-ms", "0"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    line = proc.stdout.readline()
    if not line:
        proc.wait()
        could_not_run("replay-server.py did not start")
        return None, None
    port = json.loads(line)["port"]
    return proc, "http://127.0.0.1:%d" % port


def part_replay(args, emulator_rows):
    print("== ses-desk-cli status --organization --all-regions against recorded answers, "
          "%d ms a request ==" % LATENCY_MS, flush=True)
    proc, url = start_replay(args)
    if proc is None:
        return
    try:
        env = dict(os.environ, AWS_ENDPOINT_URL=url)
        got = run_cli(args, env)
        if got is None:
            return
        recorded = http(url + "/_replay/stats")
        print("record: %d answers recorded from the emulator in %.1f s"
              % (recorded["recorded"], got[0]), flush=True)
        if emulator_rows is not None and comparable(emulator_rows) != comparable(got[2]):
            print("note: the recorded refresh differs from the emulator's run (its clock moved on?)")

        # What the client costs when nothing waits: the answers at once.
        http(url + "/_replay/mode", "POST", {"mode": "replay", "latency_ms": 0})
        http(url + "/_replay/stats", "DELETE")
        got = run_cli(args, env)
        if got is None:
            return
        zero = http(url + "/_replay/stats", "DELETE")
        zero_s, zero_cpu = got[0], got[1]
        if zero["misses"]:
            could_not_run("%d requests had no recorded answer" % zero["misses"])
            return
        print("cli   at 0 ms: %.2f s, CLI CPU %.2f s, server CPU %.2f s, %d requests on %d "
              "connections; POST bodies arrived %.1f ms (median) after their headers"
              % (got[0], got[1], zero["cpu_s"], zero["requests"], zero["connections"],
                 zero["body_wait_ms"]["median"] or 0), flush=True)

        http(url + "/_replay/mode", "POST", {"mode": "replay", "latency_ms": LATENCY_MS})
        runs = []
        for i in range(args.runs):
            http(url + "/_replay/stats", "DELETE")
            got = run_cli(args, env)
            if got is None:
                return
            stats = http(url + "/_replay/stats")
            if stats["misses"]:
                could_not_run("%d requests had no recorded answer" % stats["misses"])
                return
            runs.append((got[0], got[1], stats))
            print("  run %d: %.2f s, CLI CPU %.2f s; server: %d requests on %d connections, "
                  "at most %d in flight, CPU %.2f s, answers late by %.1f ms (median), "
                  "%.1f ms (99th percentile)"
                  % (i + 1, got[0], got[1], stats["requests"], stats["connections"],
                     stats["in_flight_max"], stats["cpu_s"], stats["late_ms"]["median"] or 0,
                     stats["late_ms"]["p99"] or 0), flush=True)
    finally:
        proc.terminate()
        proc.wait()

    med = statistics.median
    wall = med(r[0] for r in runs)
    requests = runs[0][2]["requests"]
    floor = requests / max(r[2]["in_flight_max"] for r in runs) * LATENCY_MS / 1000
    print("cli   %d accounts x %d regions, complete JSON: median %.2f s (min %.2f, max %.2f, "
          "%d runs)  %s (bar: < %.0f s)"
          % (args.accounts, ALL_REGIONS, wall, min(r[0] for r in runs),
             max(r[0] for r in runs), len(runs), verdict(wall < CLI_BAR_S), CLI_BAR_S))
    print("      %d requests; at the most requests in flight seen, %d ms each take %.2f s "
          "at the least" % (requests, LATENCY_MS, floor), flush=True)
    anchor = "recorded answers at %d ms a request (%d requests)" % (LATENCY_MS, requests)
    result("Fleet: ses-desk-cli status --organization, %d accounts x %d regions (median)"
           % (args.accounts, ALL_REGIONS), wall, "s", bar="< %.0f s" % CLI_BAR_S,
           ok=wall < CLI_BAR_S, anchor=anchor, key=True)
    result("Fleet: ses-desk-cli CPU time a refresh (median)", med(r[1] for r in runs), "s",
           anchor=anchor)
    result("Fleet: ses-desk-cli at 0 ms a request (the client's own time)", zero_s, "s",
           anchor="CLI CPU %.2f s, replay server CPU %.2f s" % (zero_cpu, zero["cpu_s"]))
    result("Fleet: request bodies sent after their headers (median, at 0 ms)",
           zero["body_wait_ms"]["median"] or 0.0, "ms",
           anchor="%d requests with a body; 40 ms is Nagle's algorithm meeting a delayed ACK"
           % zero["body_wait_ms"]["n"])
    result("Fleet: requests in flight at once (most)", max(r[2]["in_flight_max"] for r in runs),
           "requests", anchor="the floor at %d ms: %.2f s" % (LATENCY_MS, floor))
    result("Fleet: connections a refresh", med(r[2]["connections"] for r in runs), "connections",
           anchor="one address for every region")
    result("Fleet: replay server's CPU time a refresh (median)", med(r[2]["cpu_s"] for r in runs),
           "s", anchor="%d requests" % requests)
    result("Fleet: replay server's answers late, 99th percentile (median of runs)",
           med(r[2]["late_ms"]["p99"] or 0 for r in runs), "ms",
           anchor="0 would be a server that always keeps up")


# Setup

def outer(args):
    """Writes the scenario and runs this script inside with-emulator."""
    with tempfile.TemporaryDirectory(prefix="sd-bench-fleet-") as tmp:
        scenario = os.path.join(tmp, "fleet-scenario.json")
        subprocess.run([sys.executable, os.path.join(HERE, "make-fleet-scenario.py"),
                        "--accounts", str(args.accounts), "--regions", str(args.regions),
                        scenario], check=True)
        with_emulator = os.path.join(HERE, "..", "aws-emulator", "with-emulator")
        argv = [sys.executable, with_emulator, "--scenario", scenario, "--",
                sys.executable] + sys.argv
        sys.stdout.flush()
        return subprocess.run(argv, check=False).returncode


def parse_args():
    parser = argparse.ArgumentParser(description="an organization's numbers")
    parser.add_argument("--cli", required=True, help="ses-desk-cli")
    parser.add_argument("--runs", type=int, default=1 if SMOKE else 5)
    parser.add_argument("--accounts", type=int, default=3 if SMOKE else 50)
    parser.add_argument("--regions", type=int, default=3 if SMOKE else 27)
    parser.add_argument("--skip-emulator", action="store_true",
                        help="leave out the run against the emulator itself")
    return parser.parse_args()


def main():
    args = parse_args()
    if "SD_EMULATOR_JSON" not in os.environ:
        return outer(args)
    emulator = json.loads(os.environ["SD_EMULATOR_JSON"])
    args.endpoint = emulator["endpoint"]
    orgs = emulator.get("organizations") or []
    if not orgs:
        could_not_run("the emulator lists no organization (an emulator without them?)")
        return 1
    args.profile = orgs[0]["profile"]
    print("emulator %s, an organization of %d accounts (profile %s) x %d regions; %d CPUs"
          % (args.endpoint, len(orgs[0]["accounts"]), args.profile, args.regions,
             os.cpu_count() or 0), flush=True)
    fact("fleet", "%d accounts x %d regions" % (args.accounts, args.regions))
    rows = None
    if not args.skip_emulator:
        rows = part_emulator(args)
    if not failures:
        part_replay(args, rows)
    print("app: not measured here yet (the fleet overview's part needs the app's overview)")
    if failures:
        print("bench-fleet could not measure everything:")
        for f in failures:
            print("  - " + f)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
