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
  4. With --app and --baseline: the app with the organization in its
     settings (a keyfile), beside the empty libadwaita window, both with
     GSK_RENDERER=cairo, --app-runs times: fully loaded within the
     baseline's first frame + 3 s, resident memory within the baseline's +
     120 MB, the longest main-loop stall between its first frame and the
     dashboard loaded under 50 ms (app-probe.py: D-Bus calls the app's main
     loop answers, one after another), and the overview (its "Overview"
     button pressed through AT-SPI, Tab into its tiles) scrolled by 30 mouse
     wheel clicks down and 24 back up, and by 60 Page Down presses, at 60 a
     second: at least 50 frames a second and no gap between frames over
     50 ms while the input comes (X damage events on the app's window, up
     to 50 ms after the last input). The wheel turns back before the
     overview's end (its 50 rows end after about 45 clicks) and stops short
     of its top: pushed past an end, the view does not move and draws
     nothing, which is not a slow frame. The app's own requests are recorded first (one
     launch against the emulator through the replay server). A window
     manager is announced on the display meanwhile, as a desktop session
     has one (`app-probe.py wm`): without one, GTK 4.8 asks the X server
     for it at the end of every frame, and waits for the answer.

--plain makes the accounts plain profiles (`status --all-profiles`, the app
with every profile): the same regions and requests without the
organization's ListAccounts and AssumeRole.

Prints "bench-result" lines for build-aux/run-bench's report
(docs/benchmarks.md). SD_BENCH_SMOKE=1: 3 accounts, 3 regions in more than the sandbox
(`--all-regions` still asks all 27), one run, no bar judged. Exit status 0 whenever it measured, 1 when something could
not run (the CLI failed, an answer was missing, the replay was incomplete).

usage: bench-fleet.py --cli PATH [--app PATH --baseline PATH] [--runs N] [--app-runs N]
                      [--accounts N] [--regions N] [--plain] [--skip-emulator]
"""

import argparse
import importlib.util
import json
import os
import random
import shutil
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

# bench-dashboard's launcher and /proc readers, for the baseline window.
_spec = importlib.util.spec_from_file_location("bench_dashboard",
                                               os.path.join(HERE, "bench-dashboard.py"))
dashboard = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dashboard)

LATENCY_MS = 100
CLI_BAR_S = 3.0
LOADED_MARGIN_S = 3.0
RSS_MARGIN_MB = 120.0
STALL_BAR_MS = 50.0
FPS_BAR = 50.0
GAP_BAR_MS = 50.0
LOADED_TIMEOUT_S = 300.0
SYSTEM_PYTHON = "/usr/bin/python3"
PLAIN = False
RECORD_SETTLE_S = 8.0
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
    accounts = ["--all-profiles"] if args.plain else ["--organization", args.profile]
    run = subprocess.run([args.cli, "status"] + accounts + ["--all-regions", "--json"],
                         capture_output=True, text=True, timeout=600,
                         env=env or os.environ)
    elapsed = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if run.returncode != 0:
        problem = check_rows(args, run.stdout)[0] if run.stdout else None
        could_not_run("ses-desk-cli exited %d: %s" % (run.returncode, run.stderr.strip()[-800:]
                                                      or problem))
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
    names = {row.get("account_name") or row.get("profile") for row in rows}
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
           anchor="%d requests at %d ms, each checked (signature, model) by the emulator"
           % (len(log), LATENCY_MS))
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


def part_replay(args, emulator_rows, url):
    print("== ses-desk-cli status %s --all-regions against recorded answers, "
          "%d ms a request ==" % ("--all-profiles" if PLAIN else "--organization", LATENCY_MS),
          flush=True)
    if True:
        env = dict(os.environ, AWS_ENDPOINT_URL=url)
        got = run_cli(args, env)
        if got is None:
            return
        recorded = http(url + "/_replay/stats")
        print("record: %d answers recorded from the emulator in %.1f s"
              % (recorded["recorded"], got[0]), flush=True)
        if emulator_rows is not None and comparable(emulator_rows) != comparable(got[2]):
            print("note: the recorded refresh differs from the emulator's run (its clock moved on?)")
        if args.app is not None:
            # The app's own requests recorded too (it may ask more than the CLI).
            outcome = launch_app(args, url, record=True)
            if isinstance(outcome, str):
                could_not_run("app (recording its answers) " + outcome)
                args.app = None
            else:
                print("record: the app's launch added %d answers"
                      % (http(url + "/_replay/stats")["recorded"] - recorded["recorded"]),
                      flush=True)

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


# Part 3: the app

def keyfile_env(tmp):
    """Settings in a keyfile of their own: the organization already added."""
    folder = os.path.join(tmp, "glib-2.0", "settings")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "keyfile"), "w", encoding="utf-8") as f:
        f.write("[io/github/sesdesk/SesDesk]\n")
        if not PLAIN:
            f.write("organizations=[('%s', 'OrganizationAccountAccessRole', '', '')]\n"
                    % MANAGEMENT_PROFILE)
    return {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": tmp}


def app_env(url, tmp):
    env = dict(os.environ, AWS_ENDPOINT_URL=url, SD_BENCH_TIMINGS="1", GSK_RENDERER="cairo")
    env.update(keyfile_env(tmp))
    env.pop("G_DEBUG", None)
    env.pop("NO_AT_BRIDGE", None)
    return env


def probe(*argv):
    return subprocess.Popen([SYSTEM_PYTHON, os.path.join(HERE, "app-probe.py")] + list(argv),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def launch_app(args, url, record=False):
    """Starts the app with the organization, waits for it to load, and (unless
    @record) measures the load, its main-loop stalls and scrolling the overview.
    Returns a dict, or a string saying what went wrong."""
    tmp = tempfile.mkdtemp(prefix="sd-bench-fleet-app-")
    env = app_env(url, tmp)
    start = time.monotonic()
    proc = subprocess.Popen([args.app], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    stalls = None if record else probe("stalls", "io.github.sesdesk.SesDesk",
                                       "/io/github/sesdesk/SesDesk")
    out = {}
    try:
        deadline = start + LOADED_TIMEOUT_S
        while "loaded" not in out:
            if time.monotonic() > deadline:
                return "printed no `sd-timing dashboard-loaded` within %.0f s" % LOADED_TIMEOUT_S
            line = proc.stdout.readline()
            if not line:
                return "exited with status %s before it loaded" % proc.wait()
            words = line.split()
            if len(words) >= 2 and words[0] == "sd-timing":
                stamp = time.monotonic()
                if words[1] == "first-frame" and "first_frame" not in out:
                    out["first_frame"] = stamp - start
                    out["first_frame_at"] = stamp
                elif words[1] == "dashboard-loaded":
                    out["loaded"] = stamp - start
                    out["loaded_at"] = stamp
                    out["rss_loaded"] = dashboard.vm_rss_mb(proc.pid)
        if record:
            # What the app asks after loading (the case watcher's first look) is
            # recorded too.
            time.sleep(RECORD_SETTLE_S)
            return out
        stalls.stdin.close()
        calls = json.loads(stalls.stdout.readline() or '{"calls": []}')["calls"]
        during = [ms for t, ms in calls if out["first_frame_at"] <= t <= out["loaded_at"]]
        out["stall_calls"] = len(during)
        out["stall_ms"] = max(during) if during else None
        out.update(scroll_overview(proc.pid))
        return out
    finally:
        if stalls is not None and stalls.poll() is None:
            stalls.kill()
            stalls.wait()
        dashboard.stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)


def brief(burst):
    """A burst's figures, without the time of every frame unless
    SD_BENCH_FRAMES=1."""
    if os.environ.get("SD_BENCH_FRAMES") == "1":
        return burst
    return {k: v for k, v in burst.items() if k != "frame_ms"}


def scroll_overview(pid):
    """Shows the overview, then scrolls it with the mouse wheel and with Page
    Down, counting the window's frames (X damage) during each burst."""
    # Twice: on a loaded machine the accessibility bus may not answer in time.
    for _attempt in (0, 1):
        shown = subprocess.run([SYSTEM_PYTHON, os.path.join(HERE, "app-probe.py"), "overview",
                                str(pid)], capture_output=True, text=True, timeout=120)
        if shown.returncode == 0:
            break
    if shown.returncode != 0:
        return {"scroll_error": (shown.stderr.strip() or shown.stdout.strip())[-300:]}
    where = json.loads(shown.stdout.splitlines()[-1])
    frames = probe("frames", str(pid))
    if not frames.stdout.readline():
        return {"scroll_error": "could not watch the window's frames"}
    times = 10 if SMOKE else 60
    out = {"tiles": where["tiles"], "burst_s": times / 60 + 1.0}
    try:
        frames.stdin.write("center\n")
        for what, command in (("wheel", "wheel %d %d" % (times // 2, times * 2 // 5)),
                              ("page_down", "key Page_Down %d" % times)):
            frames.stdin.write(command + "\n")
            frames.stdin.flush()
            line = frames.stdout.readline()
            if not line:
                return {"scroll_error": "the frame probe ended"}
            out[what] = json.loads(line)
            frames.stdin.write("up %d\n" % (times * 4))
            frames.stdin.flush()
    finally:
        if frames.poll() is None:
            frames.stdin.write("quit\n")
            frames.stdin.close()
            frames.wait(30)
    return out


def part_app(args, url):
    print("== ses-desk with %s (overview) vs baseline-window, %d ms a request, "
          "GSK_RENDERER=cairo ==" % ("every profile" if PLAIN else "the organization", LATENCY_MS),
          flush=True)
    base_env = dict(os.environ, SD_BENCH_TIMINGS="1", GSK_RENDERER="cairo",
                    GSETTINGS_BACKEND="memory", NO_AT_BRIDGE="1")
    base, app = [], []
    for i in range(args.app_runs):
        outcome = dashboard.launch(args.baseline, base_env, False)
        if isinstance(outcome, str):
            could_not_run("baseline " + outcome)
            return
        base.append(outcome)
        http(url + "/_replay/stats", "DELETE")
        outcome = launch_app(args, url)
        if isinstance(outcome, str):
            could_not_run("app " + outcome)
            return
        stats = http(url + "/_replay/stats")
        if stats["misses"]:
            print("  note: the app made %d requests with no recorded answer (answered 599), "
                  "after it loaded: %s" % (stats["misses"], "; ".join(stats["missed"][:5])),
                  flush=True)
        outcome["server"] = stats
        app.append(outcome)
        print("  run %d: baseline first frame %.3f s, RSS %.1f MB; app first frame %.3f s, "
              "loaded %.2f s, RSS %.1f MB, longest main-loop stall while loading %s ms "
              "(%d probes); %d requests, server CPU %.2f s"
              % (i + 1, base[-1]["first_frame"], base[-1]["rss_1s"] or 0, outcome["first_frame"],
                 outcome["loaded"], outcome["rss_loaded"] or 0, outcome["stall_ms"],
                 outcome["stall_calls"], stats["requests"], stats["cpu_s"]), flush=True)
        if "scroll_error" in outcome:
            print("  scrolling not measured: " + outcome["scroll_error"], flush=True)
        else:
            print("  overview: %d tiles; wheel %s; Page Down %s"
                  % (outcome["tiles"], brief(outcome["wheel"]), brief(outcome["page_down"])),
                  flush=True)

    med = statistics.median
    base_ff = med(r["first_frame"] for r in base)
    base_rss = med(r["rss_1s"] for r in base)
    loaded = med(r["loaded"] for r in app)
    rss = med(r["rss_loaded"] for r in app) - base_rss
    anchor = "baseline window %.3f s (median of %d)" % (base_ff, len(base))
    ok = loaded <= base_ff + LOADED_MARGIN_S
    print("app fully loaded: median %.2f s vs baseline first frame + %.0f s = %.2f s  %s"
          % (loaded, LOADED_MARGIN_S, base_ff + LOADED_MARGIN_S, verdict(ok)))
    result("Fleet: app fully loaded, %d accounts x %d regions (median)"
           % (args.accounts, ALL_REGIONS), loaded, "s",
           bar="<= baseline first frame + %.0f s = %.2f s" % (LOADED_MARGIN_S, base_ff + LOADED_MARGIN_S),
           ok=ok, anchor=anchor, key=True)
    result("Fleet: app resident memory once loaded, over the baseline window's", rss, "MB",
           bar="<= +%.0f MB" % RSS_MARGIN_MB, ok=rss <= RSS_MARGIN_MB,
           anchor="baseline window %.1f MB" % base_rss)
    stalls = [r["stall_ms"] for r in app if r["stall_ms"] is not None]
    if stalls:
        worst = max(stalls)
        result("Fleet: app's longest main-loop stall while loading (worst run)", worst, "ms",
               bar="< %.0f ms" % STALL_BAR_MS, ok=worst < STALL_BAR_MS,
               anchor="D-Bus calls answered on the main loop, one after another")
    else:
        could_not_run("no main-loop probe answered while the app loaded")
    scrolled = [r for r in app if "scroll_error" not in r]
    if not scrolled:
        could_not_run("scrolling the overview: " + app[0]["scroll_error"])
        return
    for what, label in (("wheel", "mouse wheel"), ("page_down", "Page Down")):
        fps = med(r[what]["fps"] for r in scrolled)
        # A burst with fewer than two frames did not scroll: its whole length is the gap.
        gap = max(r[what]["longest_gap_ms"] if r[what]["frames"] >= 2 else 1000.0 * r["burst_s"]
                  for r in scrolled)
        result("Fleet: overview scrolled by the %s, frames a second (median)" % label, fps, "fps",
               bar=">= %.0f fps" % FPS_BAR, ok=fps >= FPS_BAR,
               anchor="%d tiles, cairo renderer, X damage events" % scrolled[0]["tiles"])
        result("Fleet: overview scrolled by the %s, longest frame gap" % label, float(gap), "ms",
               bar="<= %.0f ms" % GAP_BAR_MS, ok=gap <= GAP_BAR_MS)


# Setup

def outer(args):
    """Writes the scenario and runs this script inside with-emulator."""
    with tempfile.TemporaryDirectory(prefix="sd-bench-fleet-") as tmp:
        scenario = os.path.join(tmp, "fleet-scenario.json")
        subprocess.run([sys.executable, os.path.join(HERE, "make-fleet-scenario.py"),
                        "--accounts", str(args.accounts), "--regions", str(args.regions)]
                       + (["--plain"] if args.plain else []) + [scenario], check=True)
        with_emulator = os.path.join(HERE, "..", "aws-emulator", "with-emulator")
        argv = [sys.executable, with_emulator, "--scenario", scenario, "--",
                sys.executable] + sys.argv
        if args.app is not None:
            # A private session bus (and X server without a display) for the app.
            session = ["dbus-run-session", "--"]
            if not os.environ.get("DISPLAY"):
                session += ["xvfb-run", "-a", "-n", str(random.randint(200, 4000)),
                            "-s", "-screen 0 1280x1024x24"]
            argv = session + argv
        env = dict(os.environ)
        if args.app is not None:
            # A runtime folder of our own: the accessibility bus socket and any
            # keyring live there, away from the desktop's and other test runs'.
            env["XDG_RUNTIME_DIR"] = os.path.join(tmp, "run")
            os.mkdir(env["XDG_RUNTIME_DIR"], 0o700)
        sys.stdout.flush()
        return subprocess.run(argv, check=False, env=env).returncode


def parse_args():
    parser = argparse.ArgumentParser(description="an organization's numbers")
    parser.add_argument("--cli", required=True, help="ses-desk-cli")
    parser.add_argument("--runs", type=int, default=1 if SMOKE else 5)
    parser.add_argument("--accounts", type=int, default=3 if SMOKE else 50)
    parser.add_argument("--regions", type=int, default=3 if SMOKE else 27)
    parser.add_argument("--app", help="ses-desk (leave out with the GUI disabled)")
    parser.add_argument("--baseline", help="baseline-window")
    parser.add_argument("--app-runs", type=int, default=1 if SMOKE else 3)
    parser.add_argument("--plain", action="store_true",
                        help="the accounts as plain profiles (status --all-profiles), no "
                             "organization: the same regions and requests but AssumeRole")
    parser.add_argument("--skip-emulator", action="store_true",
                        help="leave out the run against the emulator itself")
    return parser.parse_args()


def main():
    args = parse_args()
    if "SD_EMULATOR_JSON" not in os.environ:
        return outer(args)
    emulator = json.loads(os.environ["SD_EMULATOR_JSON"])
    args.endpoint = emulator["endpoint"]
    global PLAIN
    PLAIN = args.plain
    orgs = emulator.get("organizations") or []
    if args.plain:
        args.profile = None
        print("emulator %s, %d plain accounts x %d regions (no organization); %d CPUs"
              % (args.endpoint, len(emulator["accounts"]), args.regions, os.cpu_count() or 0),
              flush=True)
    elif not orgs:
        could_not_run("the emulator lists no organization (an emulator without them?)")
        return 1
    else:
        args.profile = orgs[0]["profile"]
        print("emulator %s, an organization of %d accounts (profile %s) x %d regions; %d CPUs"
              % (args.endpoint, len(orgs[0]["accounts"]), args.profile, args.regions,
                 os.cpu_count() or 0), flush=True)
    fact("fleet", "%d accounts x %d regions%s" % (args.accounts, args.regions,
                                                  " (plain profiles)" if args.plain else ""))
    rows = None
    if not args.skip_emulator:
        rows = part_emulator(args)
    if not failures:
        proc, url = start_replay(args)
        wm = None
        if proc is not None:
            try:
                # A window manager announced, as in any desktop session
                # (app-probe.py wm says why), for the app's launches.
                wm = probe("wm") if args.app is not None else None
                if wm is not None and not wm.stdout.readline():
                    could_not_run("announcing a window manager (app-probe.py wm)")
                    args.app = None
                part_replay(args, rows, url)
                if args.app is not None and not failures:
                    part_app(args, url)
            finally:
                proc.terminate()
                proc.wait()
                if wm is not None:
                    wm.stdin.close()
                    wm.wait(30)
    if args.app is None:
        print("app: not run (built without the GUI)")
    if failures:
        print("bench-fleet could not measure everything:")
        for f in failures:
            print("  - " + f)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
