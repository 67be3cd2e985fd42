#!/usr/bin/env python3
"""Every test of the unit, integration and ui suites runs with
G_DEBUG=fatal-criticals (a GLib critical fails it), and the wrappers that
start other programs pass it on. Prints TAP."""
import json
import os
import re
import subprocess
import sys

build = os.environ["SD_BUILD_ROOT"]
source = os.environ["SD_SOURCE_ROOT"]
results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


tests = json.loads(subprocess.run(["meson", "introspect", "--tests", build], capture_output=True,
                                  text=True, check=True).stdout)
default = [t for t in tests if set(t["suite"]) & {"ses-desk:unit", "ses-desk:integration", "ses-desk:ui",
                                                   "unit", "integration", "ui"}]
check("the default suites have tests", len(default) > 20, len(default))
missing = [t["name"] for t in default if "fatal-criticals" not in (t.get("env") or {}).get("G_DEBUG", "")]
check("every unit, integration and ui test has G_DEBUG=fatal-criticals", not missing, missing)
check("this test itself runs with it", "fatal-criticals" in os.environ.get("G_DEBUG", ""))

# The programs the tests start get the test's environment: no wrapper builds
# an environment from scratch or drops G_DEBUG (benchmarks aside).
wrappers = ["tests/aws-emulator/with-emulator", "tests/ui/sdui.py", "tests/cli/test_status.py",
            "tests/cli/test_cli_cases.py", "tests/cli/test_cli_moto.py"]
for path in wrappers:
    text = open(os.path.join(source, path)).read()
    fresh = re.findall(r"env\s*=\s*\{", text)
    dropped = re.findall(r"(?:pop|del)[^\n]*G_DEBUG", text)
    check("%s passes the environment on" % path, not fresh and not dropped, (fresh, dropped))

print("1..%d" % len(results))
for i, (name, ok, detail) in enumerate(results, 1):
    print("%s %d %s" % ("ok" if ok else "not ok", i, name))
    if not ok:
        print("# %s" % (detail,))
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
