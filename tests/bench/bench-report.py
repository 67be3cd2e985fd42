#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turns a run of the `bench` suite into one report (see docs/benchmarks.md).

Reads meson's JSON log of the run (BUILD/meson-logs/bench.json): every
test's stdout, where each benchmark printed a line per number,

    bench-result {"metric": ..., "value": ..., "unit": ..., "bar": ...,
                  "pass": true|false|null, "anchor": ..., "key": true?}

(also as a TAP comment, "# bench-result {...}") and facts about the run
("bench-fact {"renderer": "GskGLRenderer"}"). Writes BUILD/bench-report.md
and BUILD/bench-report.json: the machine's facts and one table (bench,
metric, value, bar, pass/fail, anchor); and appends the key numbers to
BUILD/bench-history.jsonl, whose last runs the Markdown shows as a trend.

Exit status: 0 when every bench ran and every bar is met (or, in the smoke
mode, every bench ran); 1 when a bench failed or printed no number; 2 when
a bar is not met.

usage: bench-report.py BUILD [--smoke] [--load-before "L1 L5 L15"]
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys

LINE = re.compile(r"^(?:# )?bench-(result|fact) (\{.*\})\s*$")
TREND_RUNS = 8


def command(*argv, cwd=None):
    try:
        return subprocess.run(argv, capture_output=True, text=True, cwd=cwd,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def machine_facts(source, load_before):
    cpu = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    with open("/proc/loadavg", encoding="utf-8") as f:
        load_after = " ".join(f.read().split()[:3])
    commit = command("git", "rev-parse", "--short=12", "HEAD", cwd=source)
    if commit and command("git", "status", "--porcelain", "--untracked-files=no", cwd=source):
        commit += " (with uncommitted changes)"
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "cores": os.cpu_count(),
        "cpu": cpu,
        "load average before (1, 5, 15 min)": load_before,
        "load average after (1, 5, 15 min)": load_after,
        "GTK": command("pkg-config", "--modversion", "gtk4"),
        "libadwaita": command("pkg-config", "--modversion", "libadwaita-1"),
        "display": os.environ.get("SD_BENCH_DISPLAY", "Xvfb, 1280x1024x24"),
    }


def read_log(path):
    """The tests of the run: name, meson's verdict, numbers and facts."""
    tests = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            name = entry["name"].split(" / ", 1)[-1]
            results, facts = [], {}
            for out in (entry.get("stdout") or "").splitlines():
                match = LINE.match(out)
                if not match:
                    continue
                try:
                    doc = json.loads(match.group(2))
                except ValueError:
                    continue
                if match.group(1) == "result":
                    doc["bench"] = name
                    results.append(doc)
                else:
                    facts.update(doc)
            tests.append({"name": name, "result": entry["result"], "seconds": entry.get("duration"),
                          "results": results, "facts": facts})
    return tests


def verdict(row):
    return {True: "PASS", False: "FAIL", None: "—"}[row.get("pass")]


def number(value, unit):
    if isinstance(value, float) and value >= 100:
        text = "{:,.0f}".format(value)
    elif isinstance(value, float):
        text = "{:.3g}".format(value) if value < 10 else "{:.1f}".format(value)
    else:
        text = "{:,}".format(value)
    return text + ("" if unit in ("x",) else " ") + unit


def cell(text):
    return (text or "").replace("|", "\\|")


def trend(history):
    """A table of the key numbers over the last full runs."""
    runs = [h for h in history if h.get("mode") == "full"][-TREND_RUNS:]
    if not runs:
        return []
    metrics = []
    for run in runs:
        for metric in run["key"]:
            if metric not in metrics:
                metrics.append(metric)
    lines = ["", "## Trend (key numbers, last %d full runs)" % len(runs), "",
             "| metric | " + " | ".join("%s %s" % (r["date"][:16], (r.get("commit") or "")[:8]) for r in runs) + " |",
             "| --- |" + " ---: |" * len(runs)]
    for metric in metrics:
        values = []
        for run in runs:
            v = run["key"].get(metric)
            values.append(number(v["value"], v["unit"]) if v else "")
        lines.append("| %s | %s |" % (cell(metric), " | ".join(values)))
    lines += ["", "Load average (1 min) at the start of each: " +
              ", ".join(str((r.get("load") or "?").split(" ")[0]) for r in runs) + "."]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("build")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--load-before", default=None)
    args = parser.parse_args()

    source = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    log = os.path.join(args.build, "meson-logs", "bench.json")
    if not os.path.exists(log):
        print("bench-report: no %s (did the bench suite run?)" % log, file=sys.stderr)
        return 1
    tests = read_log(log)
    facts = machine_facts(source, args.load_before)
    for test in tests:
        facts.update(test["facts"])
    rows = [r for t in tests for r in t["results"]]
    problems = ["%s: %s" % (t["name"], t["result"]) for t in tests if t["result"] != "OK"]
    problems += ["%s: printed no bench-result line" % t["name"] for t in tests
                 if t["result"] == "OK" and not t["results"]]
    if not tests:
        problems.append("no benchmark ran")
    failed_bars = [r for r in rows if r.get("pass") is False]
    mode = "smoke" if args.smoke else "full"

    report = {"mode": mode, "machine": facts, "results": rows,
              "benches": [{k: t[k] for k in ("name", "result", "seconds")} for t in tests],
              "problems": problems}
    with open(os.path.join(args.build, "bench-report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
        f.write("\n")

    history_path = os.path.join(args.build, "bench-history.jsonl")
    history = []
    if os.path.exists(history_path):
        with open(history_path, encoding="utf-8") as f:
            history = [json.loads(line) for line in f if line.strip()]
    entry = {"date": facts["date"], "commit": facts["commit"], "mode": mode,
             "load": facts["load average before (1, 5, 15 min)"],
             # By bench and metric: dashboard and dashboard-tls name their metrics alike.
             "key": {"%s: %s" % (r["bench"], r["metric"]): {"value": r["value"], "unit": r["unit"]}
                     for r in rows if r.get("key")}}
    history.append(entry)
    with open(history_path, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")

    md = ["# SES Desk benchmarks (%s run)" % mode, ""]
    if args.smoke:
        md += ["Smoke mode: tiny sizes, one run each, no bar judged; the numbers only show "
               "that every bench still runs.", ""]
    md += ["| fact | value |", "| --- | --- |"]
    md += ["| %s | %s |" % (cell(k), cell(str(v))) for k, v in facts.items() if v is not None]
    md += ["", "Times are medians where a bench runs more than once. On a machine shared with "
           "other work (see the load averages) absolute times are noisy; the ratios to an "
           "anchor measured in the same run are the steadier figures.", "",
           "| bench | metric | value | bar | result | anchor |",
           "| --- | --- | ---: | --- | --- | --- |"]
    for r in rows:
        md.append("| %s | %s | %s | %s | %s | %s |" % (
            r["bench"], cell(r["metric"]), number(r["value"], r["unit"]), cell(r.get("bar") or "—"),
            verdict(r), cell(r.get("anchor") or "—")))
    md += ["", "Benches: " + ", ".join("%s %s (%.0f s)" % (t["name"], t["result"], t["seconds"] or 0)
                                         for t in tests) + "."]
    if problems:
        md += ["", "**Could not measure:**", ""] + ["- " + p for p in problems]
    if failed_bars:
        md += ["", "**Bars not met:** %d." % len(failed_bars)]
    md += trend(history)
    with open(os.path.join(args.build, "bench-report.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md) + "\n")

    print("\n".join(md))
    print("\nReport: %s/bench-report.md and .json; history: %s" % (args.build, history_path))
    if problems:
        return 1
    return 2 if failed_bars else 0


if __name__ == "__main__":
    sys.exit(main())
