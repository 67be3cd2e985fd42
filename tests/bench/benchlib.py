# SPDX-License-Identifier: GPL-3.0-or-later
"""What every benchmark script shares: the smoke mode and the result lines.

A benchmark prints, beside its own lines for people, one line per number:

    bench-result {"metric": "...", "value": 1.23, "unit": "x", "bar": "<= 1.5x",
                  "pass": true, "anchor": "baseline window 0.160 s"}

build-aux/run-bench collects these lines from every test of the `bench`
suite into its report (docs/benchmarks.md). With SD_BENCH_SMOKE=1 the
benchmark runs once at tiny sizes and judges no bar ("pass": null): a check
that it still runs at all, for the default test run.
"""
import json
import os
import sys

SMOKE = os.environ.get("SD_BENCH_SMOKE") == "1"


def result(metric, value, unit, bar=None, ok=None, anchor=None, key=False):
    """Prints one number for the report: @metric, its @value in @unit, the
    @bar it is held to (text, e.g. "< 200 ms"), whether it met it (@ok; None
    when no bar applies and always in the smoke mode), the @anchor it is
    compared with (e.g. "baseline window 0.160 s"), and @key when it is one
    of the few numbers whose trend the report follows."""
    line = {"metric": metric, "value": round(value, 4) if isinstance(value, float) else value,
            "unit": unit, "bar": bar, "pass": None if SMOKE or bar is None else bool(ok),
            "anchor": anchor}
    if key:
        line["key"] = True
    print("bench-result " + json.dumps(line, ensure_ascii=False), flush=True)


def fact(name, value):
    """Prints a fact about the machine or the run (the renderer, say) for the report."""
    print("bench-fact " + json.dumps({name: value}, ensure_ascii=False), flush=True)


def verdict(ok):
    """PASS or FAIL for the lines people read; "smoke" when no bar is judged."""
    if SMOKE:
        return "smoke"
    return "PASS" if ok else "FAIL"


if __name__ == "__main__":
    sys.exit("a module for the benchmark scripts")
