#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""ses-desk-cli status --all-regions with one region behind a hostile server
(tests/integration/hostile-server.py, in front of the emulator): that region
fails with a clear error, the memory stays low, and every other region
shows what it shows without the hostile server. Run through with-emulator
with the dashboard scenario. Prints TAP."""
import os
import re
import subprocess
import sys
import tempfile

CLI = os.path.join(os.environ["SD_BUILD_ROOT"], "src", "cli", "ses-desk-cli")
HOSTILE = os.path.join(os.environ["SD_SOURCE_ROOT"], "tests", "integration", "hostile-server.py")
REGION = "us-west-2"
# The whole CLI stays below this (resident, at its peak); it needs about
# 20 MB, and read answers whole it went to 3 GiB on the gzip bomb.
MAX_RSS_MB = 120
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run_cli(endpoint):
    """Runs `status --all-regions`; returns (exit code, stdout, stderr, max RSS in MB)."""
    env = dict(os.environ, AWS_ENDPOINT_URL=endpoint, AWS_MAX_ATTEMPTS="1", LC_ALL="C.UTF-8",
               MALLOC_PERTURB_="0")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([CLI, "status", "--profile", "dash", "--all-regions"],
                                stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (proc.returncode, out.read().decode(), err.read().decode(),
                usage.ru_maxrss / 1024.0)


def rows(table):
    """region → the rest of its line, the endpoint's URL left out."""
    found = {}
    for line in table.splitlines()[1:]:
        parts = line.split(None, 2)
        if len(parts) == 3:
            found[parts[1]] = re.sub(r"http://127\.0\.0\.1:\d+", "ENDPOINT", parts[2])
    return found


def start_hostile(mode):
    proc = subprocess.Popen([sys.executable, HOSTILE, "--mode", mode, "--region", REGION,
                             "--upstream", os.environ["AWS_ENDPOINT_URL"]],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    m = re.match(r"PORT (\d+)", line)
    if not m:
        proc.kill()
        raise RuntimeError("hostile-server did not start: %r" % line)
    return proc, "http://127.0.0.1:%s" % m.group(1)


def main():
    code, out, err, rss = run_cli(os.environ["AWS_ENDPOINT_URL"])
    baseline = rows(out)
    print("# baseline: exit %d, max RSS %.1f MB, %d regions" % (code, rss, len(baseline)))
    check("baseline: %s answers through the emulator" % REGION,
          baseline.get(REGION, "").startswith("Production"), out)

    too_large = r"more than 4(\.0)?\s+MiB"
    for mode, expect in (("bomb", too_large),
                         ("error-bomb", too_large),
                         ("oversized", too_large),
                         ("blank", r"an empty body")):
        server, endpoint = start_hostile(mode)
        try:
            code, out, err, rss = run_cli(endpoint)
        finally:
            server.kill()
            server.wait()
        got = rows(out)
        print("# %s: exit %d, max RSS %.1f MB" % (mode, code, rss))
        check("%s: exit status 2 (a region failed)" % mode, code == 2, (code, err))
        line = got.get(REGION, "")
        check("%s: %s fails with a clear error" % (mode, REGION),
              line.startswith("error") and re.search(expect, line), line)
        check("%s: max RSS %.1f MB below %d MB" % (mode, rss, MAX_RSS_MB), rss < MAX_RSS_MB, rss)
        others = {r: v for r, v in got.items() if r != REGION}
        want = {r: v for r, v in baseline.items() if r != REGION}
        check("%s: the other %d regions load as without it" % (mode, len(want)),
              others == want and len(want) > 20,
              [(r, want.get(r), others.get(r)) for r in sorted(set(want) | set(others))
               if want.get(r) != others.get(r)])

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            print("# %s" % (detail,))
    return 0 if all(ok for _, ok, _ in results) else 1


sys.exit(main())
