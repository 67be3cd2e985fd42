#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""bench-dashboard: the region dashboard's numbers.

Runs inside with-emulator (dashboard-scenario.json, --latency-ms 100):

  1. `ses-desk-cli status --profile P --all-regions --json` (median, min and
     max of --runs runs; each region's refresh includes its sending-health
     GetMetricData call, checked in the emulator's log) beside what users run today: a sequential shell
     loop of `aws sesv2 get-account`, `get-dedicated-ips` and
     `list-dedicated-ip-pools` for each region. Bars: CLI under 1 s, and at
     least 50x faster than the loop.
  2. The app (ses-desk) beside an empty libadwaita window (baseline-window),
     launched alternately --runs times each after one warm-up launch, both
     with SD_BENCH_TIMINGS=1, timed from spawn to the `sd-timing first-frame`
     and `sd-timing dashboard-loaded` lines they print, with VmRSS read from
     /proc. Bars: app first frame within 1.25x the baseline's; app fully
     loaded within the baseline's first frame + 1 s; app RSS (after the
     dashboard loaded) within the baseline's RSS (first frame + 1 s) + 40 MB.

Each result line says PASS or FAIL against its bar, and every number is
also printed as a "bench-result" line for build-aux/run-bench's report
(docs/benchmarks.md). SD_BENCH_SMOKE=1: one launch of each side without a
warm-up and the AWS CLI loop over two regions, no bar judged. A benchmark prints
numbers: the exit status is 0 whenever the measurements were made, 1 when
something could not run (a program failed, printed no sd-timing lines or
loaded an incomplete dashboard).

The GUI programs run on a private D-Bus session (dbus-run-session) so that a
ses-desk already running on the desktop cannot swallow the launches, and
under Xvfb when DISPLAY is unset.

In the build: `meson test -C BUILD --suite bench -v` (test `dashboard`).
By hand: tests/aws-emulator/with-emulator --scenario
tests/bench/dashboard-scenario.json --latency-ms 100 -- python3 THIS ARGS.
GSK_RENDERER, when set, applies to both programs alike.

usage: bench-dashboard.py --cli PATH [--app PATH --baseline PATH]
                          [--profile P] [--runs N] [--loop-runs N] [--aws PATH]
"""

import argparse
import json
import os
import random
import selectors
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import SMOKE, fact, result  # noqa: E402

REGIONS = 27
IPS_PER_REGION = 50
EXPECTED_LATENCY_MS = 100

CLI_BAR_S = 1.0
LOOP_RATIO_BAR = 50.0
FIRST_FRAME_RATIO_BAR = 1.25
LOADED_MARGIN_S = 1.0
RSS_MARGIN_MB = 40.0

FIRST_FRAME_TIMEOUT_S = 30.0
LOADED_TIMEOUT_S = 60.0
RSS_SETTLE_S = 1.0

failures = []


def verdict(ok):
    return "smoke" if SMOKE else "PASS" if ok else "FAIL"


def could_not_run(message):
    """Records a measurement that could not be made: the bench exits 1."""
    failures.append(message)
    print("ERROR: " + message, flush=True)


def control(path, method="GET"):
    """Calls the emulator's control endpoint and returns its JSON answer."""
    url = os.environ["SD_EMULATOR_CONTROL"] + path
    request = urllib.request.Request(url, method=method)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"{}")


def connection_stats(reset=False):
    """The emulator's connection counters since the last reset (see its README)."""
    return control("/connections", "DELETE" if reset else "GET")


def describe_connections(stats):
    """'N connections (N TLS handshakes, N resumed), N requests, R per connection'."""
    if not stats:
        return "no connection counts"
    med = statistics.median
    conns = med(s["connections"] for s in stats)
    reqs = med(s["requests"] for s in stats)
    text = "%g connections" % conns
    if any(s["tls_handshakes"] or s["tls_failures"] for s in stats):
        text += " (%g TLS handshakes, %g of them resumed, %g failed)" % (
            med(s["tls_handshakes"] for s in stats), med(s["tls_resumed"] for s in stats),
            med(s["tls_failures"] for s in stats))
    text += ", %g requests = %.1f requests a connection" % (reqs, reqs / conns if conns else 0)
    return text + " (medians)"


# The CLI beside the AWS CLI loop

def check_cli_json(text):
    """Returns None when the CLI's JSON is the complete dashboard, else why not."""
    try:
        entries = json.loads(text)
    except ValueError as e:
        return "not JSON (%s)" % e
    if len(entries) != REGIONS:
        return "%d regions instead of %d" % (len(entries), REGIONS)
    for e in entries:
        if e.get("error") is not None:
            return "%s failed: %s" % (e.get("region"), e["error"])
        if e.get("health") is None or e.get("health_source") != "cloudwatch":
            return "%s has no health figures (%s, %s)" % (
                e.get("region"), e.get("health"), e.get("health_source"))
        if e.get("dedicated_ips") != IPS_PER_REGION:
            return "%s has %s dedicated IPs instead of %d" % (
                e.get("region"), e.get("dedicated_ips"), IPS_PER_REGION)
    return None


def last_request_id():
    log = control("/requests")["requests"]
    return log[-1]["id"] if log else 0


def bench_cli(cli, profile, runs):
    """Times the CLI's all-regions status; returns the times in seconds."""
    times = []
    regions = []
    bench_cli.connections = []
    for _ in range(runs):
        connection_stats(reset=True)
        since = last_request_id()
        start = time.monotonic()
        run = subprocess.run([cli, "status", "--profile", profile, "--all-regions", "--json"],
                             capture_output=True, text=True, timeout=120)
        elapsed = time.monotonic() - start
        if run.returncode != 0:
            could_not_run("ses-desk-cli exited %d: %s" % (run.returncode, run.stderr.strip()))
            return None, []
        problem = check_cli_json(run.stdout)
        if problem:
            could_not_run("ses-desk-cli did not load the whole dashboard: " + problem)
            return None, []
        regions = [e["region"] for e in json.loads(run.stdout)]
        # The sending-health figures are part of the refresh: one GetMetricData a region,
        # concurrent with GetAccount, GetDedicatedIps and ListDedicatedIpPools.
        sent = control("/requests?since_id=%d" % since)["requests"]
        metrics = [r for r in sent if r.get("operation") == "GetMetricData"]
        if len(metrics) != len(regions):
            could_not_run("ses-desk-cli made %d GetMetricData calls for %d regions"
                          % (len(metrics), len(regions)))
            return None, []
        times.append(elapsed)
        bench_cli.connections.append(connection_stats())
    print("cli   each run: %d requests, of which %d GetMetricData (one a region)"
          % (len(sent), len(metrics)), flush=True)
    return times, regions


LOOP_SCRIPT = r"""
set -e
for region in $REGIONS; do
  "$AWS" sesv2 get-account --region "$region" --profile "$PROFILE" \
    --endpoint-url "$ENDPOINT" > "$OUT/$region-account.json"
  "$AWS" sesv2 get-dedicated-ips --region "$region" --profile "$PROFILE" \
    --endpoint-url "$ENDPOINT" > "$OUT/$region-ips.json"
  "$AWS" sesv2 list-dedicated-ip-pools --region "$region" --profile "$PROFILE" \
    --endpoint-url "$ENDPOINT" > "$OUT/$region-pools.json"
done
"""


def bench_loop(aws, profile, regions, endpoint, runs):
    """Times the sequential AWS CLI loop users run today; returns the times."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="sd-bench-loop-") as out:
            env = dict(os.environ, AWS=aws, PROFILE=profile, ENDPOINT=endpoint, OUT=out,
                       REGIONS=" ".join(regions), AWS_PAGER="")
            start = time.monotonic()
            run = subprocess.run(["sh", "-c", LOOP_SCRIPT], env=env,
                                 capture_output=True, text=True, timeout=1200)
            elapsed = time.monotonic() - start
            if run.returncode != 0:
                could_not_run("the aws loop failed (exit %d): %s"
                              % (run.returncode, run.stderr.strip()[-500:]))
                return None
            # The loop's answers hold what the CLI's do: the same work was done.
            for region in regions:
                with open(os.path.join(out, region + "-ips.json"), encoding="utf-8") as f:
                    count = len(json.load(f).get("DedicatedIps", []))
                if count != IPS_PER_REGION:
                    could_not_run("aws get-dedicated-ips in %s listed %d IPs" % (region, count))
                    return None
        times.append(elapsed)
    return times


def part_cli(args):
    print("== ses-desk-cli status --all-regions vs a shell loop of the AWS CLI ==", flush=True)
    cli_times, regions = bench_cli(args.cli, args.profile, args.runs)
    if cli_times is None:
        return
    cli_median = statistics.median(cli_times)
    print("cli   %d regions x %d IPs, complete JSON, exit 0: median %.3f s "
          "(min %.3f, max %.3f, %d runs)  %s (bar: < %.0f s)"
          % (len(regions), IPS_PER_REGION, cli_median, min(cli_times), max(cli_times),
             len(cli_times), verdict(cli_median < CLI_BAR_S), CLI_BAR_S), flush=True)
    print("cli   each run (a cold refresh): " + describe_connections(bench_cli.connections),
          flush=True)
    result("Dashboard: ses-desk-cli status, %d regions x %d IPs (median)" % (len(regions), IPS_PER_REGION),
           cli_median, "s", bar="< %.0f s" % CLI_BAR_S, ok=cli_median < CLI_BAR_S, key=True)
    if args.loop_runs < 1:
        print("loop  not run (--loop-runs 0)")
        return
    aws = args.aws or shutil.which("aws")
    if aws is None:
        could_not_run("no aws command for the loop")
        return
    if SMOKE:
        regions = regions[:1]
    print("loop  running %s sesv2 get-account, get-dedicated-ips, list-dedicated-ip-pools "
          "in %d regions, one after another (%d run(s), slow)..."
          % (aws, len(regions), args.loop_runs), flush=True)
    loop_times = bench_loop(aws, args.profile, regions, args.endpoint, args.loop_runs)
    if loop_times is None:
        return
    loop_best = min(loop_times)
    print("loop  %d calls: best %.1f s (%s)"
          % (3 * len(regions), loop_best, ", ".join("%.1f s" % t for t in loop_times)))
    ratio = loop_best / cli_median
    print("ratio loop (best) / cli (median): %.0fx  %s (bar: >= %.0fx)"
          % (ratio, verdict(ratio >= LOOP_RATIO_BAR), LOOP_RATIO_BAR), flush=True)
    result("Dashboard: AWS CLI loop / ses-desk-cli", ratio, "x", bar=">= %.0fx" % LOOP_RATIO_BAR,
           ok=ratio >= LOOP_RATIO_BAR,
           anchor="AWS CLI loop, %d calls one after another: best %.1f s" % (3 * len(regions), loop_best))


# The app beside the baseline window

def vm_rss_mb(pid):
    """The process's resident set in MB (10^6 bytes), or None once it is gone."""
    try:
        with open("/proc/%d/status" % pid, encoding="utf-8") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    return None


def cpu_seconds(pid):
    """The CPU time the process used so far (all its threads, user and system)."""
    try:
        with open("/proc/%d/stat" % pid, encoding="utf-8") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def launch(path, env, want_loaded):
    """Starts @path once and measures it.

    Returns a dict with first_frame and (when @want_loaded) loaded, in seconds
    from spawn, rss_1s (VmRSS at first frame + 1 s) and rss_loaded (VmRSS when
    the dashboard loaded), or a string saying what went wrong.
    """
    stderr = tempfile.TemporaryFile()
    start = time.monotonic()
    proc = subprocess.Popen([path], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=stderr)
    result = {}
    seen_any = False
    buffer = b""
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    try:
        while True:
            now = time.monotonic() - start
            first = result.get("first_frame")
            if first is not None and "rss_1s" not in result and now >= first + RSS_SETTLE_S:
                result["rss_1s"] = vm_rss_mb(proc.pid)
            if "rss_1s" in result and (not want_loaded or "loaded" in result):
                return result

            # What to wait for next, and until when.
            if first is None:
                if now >= FIRST_FRAME_TIMEOUT_S:
                    return ("printed no sd-timing lines within %.0f s" % FIRST_FRAME_TIMEOUT_S
                            if not seen_any else
                            "printed no `sd-timing first-frame` within %.0f s"
                            % FIRST_FRAME_TIMEOUT_S)
                wake = FIRST_FRAME_TIMEOUT_S
            else:
                if want_loaded and "loaded" not in result and now >= first + LOADED_TIMEOUT_S:
                    return ("printed no `sd-timing dashboard-loaded` within %.0f s of its "
                            "first frame" % LOADED_TIMEOUT_S)
                wake = first + (RSS_SETTLE_S if "rss_1s" not in result else LOADED_TIMEOUT_S)
            if proc.poll() is not None and not selector.get_map():
                stderr.seek(0)
                tail = stderr.read().decode("utf-8", "replace").strip()[-800:]
                return ("exited with status %d before it was measured%s"
                        % (proc.returncode, (": " + tail) if tail else ""))

            for _key, _mask in selector.select(max(0.0, min(wake - now, 0.5))):
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    selector.unregister(proc.stdout)
                    continue
                stamp = time.monotonic() - start
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    words = line.decode("utf-8", "replace").split()
                    if len(words) < 2 or words[0] != "sd-timing":
                        continue
                    seen_any = True
                    if words[1] == "renderer" and len(words) > 2:
                        result["renderer"] = words[2]
                    elif words[1] == "first-frame" and "first_frame" not in result:
                        result["first_frame"] = stamp
                        result["cpu_first_frame"] = cpu_seconds(proc.pid)
                    elif words[1] == "dashboard-loaded" and "loaded" not in result:
                        result["loaded"] = stamp
                        result["rss_loaded"] = vm_rss_mb(proc.pid)
            if not selector.get_map():
                # stdout closed: nothing more will come; don't spin.
                time.sleep(min(0.05, max(0.0, wake - now)))
    finally:
        selector.close()
        stop(proc)
        stderr.close()


def app_requests_complete():
    """Checks in the emulator's log that the last app launch loaded every region."""
    log = control("/requests")
    requests = log.get("requests", log) if isinstance(log, dict) else log
    seen = {}
    for r in requests:
        if r.get("status") == 200:
            seen.setdefault(r.get("operation"), set()).add(r.get("region"))
    for op in ("GetAccount", "GetDedicatedIps", "ListDedicatedIpPools"):
        if len(seen.get(op, ())) != REGIONS:
            return "%s answered in %d regions, not %d" % (op, len(seen.get(op, ())), REGIONS)
    return None


def gui_env():
    env = dict(os.environ)
    env["SD_BENCH_TIMINGS"] = "1"
    env["GSETTINGS_BACKEND"] = "memory"
    env["NO_AT_BRIDGE"] = "1"
    # A benchmark, not a test: a stray critical must not abort one side.
    env.pop("G_DEBUG", None)
    return env


def part_gui(args):
    print("== ses-desk (app) vs baseline-window (empty AdwApplicationWindow) ==", flush=True)
    print("display %s, GSK_RENDERER=%s, %d launches each, alternating, after one warm-up each"
          % (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"),
             os.environ.get("GSK_RENDERER", "(default)"), args.runs), flush=True)
    env = gui_env()

    # Warm-up: disk caches, the accessibility bus, fontconfig's cache.
    for path, loaded in ((args.baseline, False), (args.app, True)) if not SMOKE else ():
        outcome = launch(path, env, loaded)
        if isinstance(outcome, str):
            name = "app" if path == args.app else "baseline"
            could_not_run("%s %s" % (name, outcome))
            if path == args.baseline:
                return
    app_ok = not failures or not failures[-1].startswith("app ")

    base, app = [], []
    for i in range(args.runs):
        outcome = launch(args.baseline, env, False)
        if isinstance(outcome, str):
            could_not_run("baseline " + outcome)
            return
        base.append(outcome)
        if "renderer" in outcome and i == 0:
            fact("renderer", outcome["renderer"])
        print("  run %d baseline: first frame %.3f s, RSS %.1f MB"
              % (i + 1, outcome["first_frame"], outcome["rss_1s"] or 0), flush=True)
        if not app_ok:
            continue
        control("/requests", "DELETE")
        connection_stats(reset=True)
        outcome = launch(args.app, env, True)
        if isinstance(outcome, str):
            could_not_run("app " + outcome)
            app_ok = False
            continue
        problem = app_requests_complete()
        if problem:
            could_not_run("app said dashboard-loaded but the emulator saw an incomplete load: "
                          + problem)
            app_ok = False
            continue
        outcome["connections"] = connection_stats()
        app.append(outcome)
        print("  run %d app:      first frame %.3f s, loaded %.3f s, RSS %.1f MB at +1 s, "
              "%.1f MB loaded" % (i + 1, outcome["first_frame"], outcome["loaded"],
                                  outcome["rss_1s"] or 0, outcome["rss_loaded"] or 0),
              flush=True)

    med = statistics.median
    base_ff = med(r["first_frame"] for r in base)
    base_rss = med(r["rss_1s"] for r in base)
    print("baseline first frame: median %.3f s (min %.3f, max %.3f)"
          % (base_ff, min(r["first_frame"] for r in base), max(r["first_frame"] for r in base)))
    print("baseline RSS at first frame + 1 s: median %.1f MB" % base_rss)
    if not app:
        print("app: not measured (see ERROR above); the app's lines would be:")
        print("app first frame: FAIL (no measurement; bar: <= %.2fx baseline = %.3f s)"
              % (FIRST_FRAME_RATIO_BAR, FIRST_FRAME_RATIO_BAR * base_ff))
        print("app fully loaded: FAIL (no measurement; bar: <= baseline first frame + %.0f s "
              "= %.3f s)" % (LOADED_MARGIN_S, base_ff + LOADED_MARGIN_S))
        print("app RSS: FAIL (no measurement; bar: <= baseline + %.0f MB = %.1f MB)"
              % (RSS_MARGIN_MB, base_rss + RSS_MARGIN_MB), flush=True)
        return
    app_ff = med(r["first_frame"] for r in app)
    app_loaded = med(r["loaded"] for r in app)
    app_rss_loaded = med(r["rss_loaded"] for r in app)
    app_rss_1s = med(r["rss_1s"] for r in app)
    ratio = app_ff / base_ff
    print("app first frame: median %.3f s (min %.3f, max %.3f) = %.2fx baseline  %s "
          "(bar: <= %.2fx)"
          % (app_ff, min(r["first_frame"] for r in app), max(r["first_frame"] for r in app),
             ratio, verdict(ratio <= FIRST_FRAME_RATIO_BAR), FIRST_FRAME_RATIO_BAR))
    print("app fully loaded (%d regions x %d IPs): median %.3f s (min %.3f, max %.3f) vs "
          "baseline first frame + %.0f s = %.3f s  %s"
          % (REGIONS, IPS_PER_REGION, app_loaded, min(r["loaded"] for r in app),
             max(r["loaded"] for r in app), LOADED_MARGIN_S, base_ff + LOADED_MARGIN_S,
             verdict(app_loaded <= base_ff + LOADED_MARGIN_S)))
    print("app RSS after dashboard-loaded: median %.1f MB, baseline %.1f MB, delta %+.1f MB  %s "
          "(bar: <= +%.0f MB)"
          % (app_rss_loaded, base_rss, app_rss_loaded - base_rss,
             verdict(app_rss_loaded - base_rss <= RSS_MARGIN_MB), RSS_MARGIN_MB))
    print("app RSS at first frame + 1 s (same point as the baseline): median %.1f MB, "
          "delta %+.1f MB" % (app_rss_1s, app_rss_1s - base_rss), flush=True)
    print("app each launch (start to dashboard-loaded): "
          + describe_connections([r["connections"] for r in app]), flush=True)
    anchor = "baseline window %.3f s (median of %d)" % (base_ff, len(base))
    result("App: first frame / baseline window's", ratio, "x", bar="<= %.2fx" % FIRST_FRAME_RATIO_BAR,
           ok=ratio <= FIRST_FRAME_RATIO_BAR, anchor=anchor, key=True)
    result("App: first frame from launch (median)", app_ff, "s", anchor=anchor, key=True)
    # CPU time is what a busy machine changes least: what the app itself does
    # before its first frame, beside what the toolkit's floor does.
    if all(r.get("cpu_first_frame") for r in base + app):
        base_cpu = med(r["cpu_first_frame"] for r in base)
        app_cpu = med(r["cpu_first_frame"] for r in app)
        print("CPU time to the first frame: app median %.0f ms, baseline %.0f ms = %.2fx"
              % (app_cpu * 1000, base_cpu * 1000, app_cpu / base_cpu))
        result("App: CPU time to the first frame / baseline window's", app_cpu / base_cpu, "x",
               anchor="baseline window %.0f ms" % (base_cpu * 1000), key=True)
    result("App: dashboard loaded, %d regions x %d IPs (median)" % (REGIONS, IPS_PER_REGION), app_loaded,
           "s", bar="<= baseline first frame + %.0f s = %.3f s" % (LOADED_MARGIN_S, base_ff + LOADED_MARGIN_S),
           ok=app_loaded <= base_ff + LOADED_MARGIN_S, anchor=anchor)
    result("App: resident memory once loaded, over the baseline window's", app_rss_loaded - base_rss, "MB",
           bar="<= +%.0f MB" % RSS_MARGIN_MB, ok=app_rss_loaded - base_rss <= RSS_MARGIN_MB,
           anchor="baseline window %.1f MB" % base_rss)


# Setup

def unperturbed_malloc():
    """Turns glibc's MALLOC_PERTURB_ off for the programs measured.

    meson test sets it to a random byte unless told 0: every malloc and free
    then writes the memory, which costs time and makes pages resident.
    """
    if os.environ.get("MALLOC_PERTURB_", "0") not in ("", "0"):
        print("note: MALLOC_PERTURB_=%s was set; the measured programs run without it "
              "(the emulator already has it)" % os.environ["MALLOC_PERTURB_"])
    os.environ["MALLOC_PERTURB_"] = "0"


def ensure_session(args):
    """Runs this script again on a private D-Bus session (under Xvfb without a display)
    and exits with its status."""
    if os.environ.get("SD_BENCH_SESSION") == "1" or args.app is None:
        return
    if shutil.which("dbus-run-session") is None:
        print("ERROR: dbus-run-session is missing: cannot launch the GUI programs", flush=True)
        sys.exit(1)
    env = dict(os.environ, SD_BENCH_SESSION="1")
    # A runtime folder of our own: the accessibility bus socket and any keyring
    # live there, away from the desktop's and other test runs'.
    env["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="sd-bench-run-")
    argv = ["dbus-run-session", "--"]
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        if shutil.which("xvfb-run") is None:
            print("ERROR: no DISPLAY and no xvfb-run: cannot launch the GUI programs", flush=True)
            sys.exit(1)
        # Other test runs use :99 and up; start the search elsewhere.
        argv += ["xvfb-run", "-a", "-n", str(random.randint(200, 4000)),
                 "-s", "-screen 0 1280x1024x24"]
    argv += [sys.executable] + sys.argv
    sys.stdout.flush()
    try:
        code = subprocess.run(argv, env=env, check=False).returncode
    finally:
        shutil.rmtree(env["XDG_RUNTIME_DIR"], ignore_errors=True)
    sys.exit(code)


def parse_args():
    parser = argparse.ArgumentParser(description="the dashboard's numbers")
    parser.add_argument("--cli", required=True, help="ses-desk-cli")
    parser.add_argument("--app", help="ses-desk (leave out with the GUI disabled)")
    parser.add_argument("--baseline", help="baseline-window")
    parser.add_argument("--profile", help="profile (default: the scenario's first)")
    parser.add_argument("--runs", type=int, default=1 if SMOKE else 7,
                        help="timed runs of each side (>= 5)")
    parser.add_argument("--loop-runs", type=int, default=1 if SMOKE else 2, help="runs of the aws loop")
    parser.add_argument("--aws", default="/usr/bin/aws", help="the AWS CLI for the loop")
    args = parser.parse_args()
    if (args.app is None) != (args.baseline is None):
        parser.error("--app and --baseline go together")
    if args.aws and not os.access(args.aws, os.X_OK):
        args.aws = None
    return args


def main():
    args = parse_args()
    if "SD_EMULATOR_JSON" not in os.environ:
        print("ERROR: run me through tests/aws-emulator/with-emulator", file=sys.stderr)
        return 1
    unperturbed_malloc()
    ensure_session(args)
    emulator = json.loads(os.environ["SD_EMULATOR_JSON"])
    args.endpoint = emulator["endpoint"]
    args.profile = args.profile or emulator["accounts"][0]["profile"]

    latency = control("/settings").get("latency_ms")
    print("emulator %s (%s), injected latency %s ms on every request; %d CPUs"
          % (args.endpoint, "HTTPS, test CA in AWS_CA_BUNDLE" if emulator.get("ca_bundle")
             else "plain HTTP", latency, os.cpu_count() or 0))
    print("note: every region is reached through this one emulator address. The client caps "
          "requests in flight per AWS endpoint and region (not per physical host), so this is "
          "what users see with each region at its own host: no per-region loopback addresses "
          "are needed.", flush=True)
    if latency != EXPECTED_LATENCY_MS:
        could_not_run("the emulator's latency is %s ms, not %d" % (latency, EXPECTED_LATENCY_MS))
        return 1

    part_cli(args)
    if args.app is not None:
        part_gui(args)
    else:
        print("app vs baseline: not run (built without the GUI)")

    if failures:
        print("bench-dashboard could not measure everything:")
        for f in failures:
            print("  - " + f)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
