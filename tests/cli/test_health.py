#!/usr/bin/env python3
"""ses-desk-cli's sending health against the AWS emulator (run through with-emulator
with tests/core/health/health-scenario.json): `check` as a monitoring plugin,
`status --format prometheus` and the health members of `status --json`."""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request

CLI = os.path.join(os.environ["SD_BUILD_ROOT"], "src", "cli", "ses-desk-cli")
PROFILE = "health"
ACCOUNT = "141414141414"
results = []

# The scenario's regions and their health levels.
LEVELS = {
    "us-east-1": "healthy", "us-east-2": "watch", "us-west-2": "under-review",
    "us-west-1": "under-review", "eu-west-2": "at-risk", "eu-central-1": "paused",
    "eu-north-1": "paused", "ap-southeast-1": "healthy", "ca-central-1": "healthy",
}
LEVEL_NUMBERS = {"healthy": 0, "watch": 1, "under-review": 2, "at-risk": 3, "paused": 4}

FIRST_LINE = re.compile(r"^SES (OK|WARNING|CRITICAL|UNKNOWN) - (.+?)(?: \| (.*))?$")


def cli(*args, env=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120,
                          env=env)


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def control(path, doc=None, method=None):
    url = os.environ["SD_EMULATOR_CONTROL"] + path
    data = None if doc is None else json.dumps(doc).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method or ("POST" if doc else "GET"),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def parse_perfdata(text):
    """'label'=value[UOM];warn;crit;min;max ... → {label: (value or None, uom, rest)}."""
    out = {}
    for m in re.finditer(r"('([^']*)'|[^' =]+)=(U|-?[0-9.]+)([a-zA-Z%]*)((?:;[^ ]*)?)", text or ""):
        label = m.group(2) if m.group(2) is not None else m.group(1)
        value = None if m.group(3) == "U" else float(m.group(3))
        out[label] = (value, m.group(4), m.group(5))
    return out


def parse_prometheus(text):
    """A small parser of the Prometheus text format: returns ({name: type},
    [(name, {label: value}, float)]) and raises ValueError on a bad line."""
    types, samples, helped = {}, [], set()
    sample = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$')
    label = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)')
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("# HELP "):
            helped.add(line.split()[2])
            continue
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ", 3)
            if kind not in ("gauge", "counter", "untyped", "summary", "histogram"):
                raise ValueError("bad type: " + line)
            if name in types:
                raise ValueError("type given twice: " + line)
            types[name] = kind
            continue
        if line.startswith("#"):
            continue
        m = sample.match(line)
        if not m:
            raise ValueError("bad sample: " + line)
        name, labels, pos = m.group(1), {}, 0
        body = m.group(3) or ""
        while pos < len(body):
            lm = label.match(body, pos)
            if not lm or lm.end() == pos:
                raise ValueError("bad labels: " + line)
            labels[lm.group(1)] = re.sub(r"\\(.)", lambda e: {"n": "\n"}.get(e.group(1), e.group(1)),
                                         lm.group(2))
            pos = lm.end()
        if name not in types or name not in helped:
            raise ValueError("sample before its HELP and TYPE: " + line)
        samples.append((name, labels, float(m.group(4))))
    return types, samples


def check_exit_codes():
    expected = {"healthy": (0, "OK"), "watch": (1, "WARNING"), "under-review": (1, "WARNING"),
                "at-risk": (2, "CRITICAL"), "paused": (2, "CRITICAL")}
    for region, level in LEVELS.items():
        run = cli("check", "--profile", PROFILE, "--region", region)
        lines = run.stdout.splitlines()
        m = FIRST_LINE.match(lines[0]) if lines else None
        code, state = expected[level]
        check("check %s (%s): exit %d" % (region, level, code), run.returncode == code,
              (run.returncode, run.stdout, run.stderr))
        check("check %s: first line SES %s - summary | perfdata" % (region, state),
              m is not None and m.group(1) == state and m.group(3), lines[:1])
        perf = parse_perfdata(m.group(3) if m else "")
        counts = {k: perf.get(k, (None,))[0] for k in
                  ("healthy", "watch", "under_review", "at_risk", "paused", "failed")}
        check("check %s: perfdata counts the region once, as %s" % (region, level),
              counts.get(level.replace("-", "_")) == 1 and sum(v or 0 for v in counts.values()) == 1,
              counts)
        # One line a region that is not healthy, none for a healthy one.
        check("check %s: %s detail line" % (region, "one" if level != "healthy" else "no"),
              len(lines) == (1 if level == "healthy" else 2)
              and (level == "healthy" or lines[1].startswith(state + ": " + PROFILE + " " + region)),
              lines)

    run = cli("check", "--profile", PROFILE, "--region", "us-west-2")
    perf = parse_perfdata(FIRST_LINE.match(run.stdout.splitlines()[0]).group(3))
    bounce = perf.get(PROFILE + "/us-west-2 bounce_rate")
    check("check perfdata: the bounce rate in percent with AWS's lines as thresholds",
          bounce is not None and abs(bounce[0] - 6.0) < 1e-9 and bounce[1] == "%"
          and bounce[2] == ";2;10;0;100", bounce)
    run = cli("check", "--profile", PROFILE, "--region", "ap-southeast-1")
    perf = parse_perfdata(FIRST_LINE.match(run.stdout.splitlines()[0]).group(3))
    check("check perfdata: a rate without data is U, not 0",
          perf.get(PROFILE + "/ap-southeast-1 bounce_rate", ("missing",))[0] is None, perf)

    # Every region at once: the worst wins, each level counted.
    run = cli("check", "--profile", PROFILE, "--all-regions")
    lines = run.stdout.splitlines()
    m = FIRST_LINE.match(lines[0]) if lines else None
    perf = parse_perfdata(m.group(3) if m else "")
    check("check --all-regions: CRITICAL, exit 2", run.returncode == 2 and m and m.group(1) == "CRITICAL",
          (run.returncode, lines[:1]))
    check("check --all-regions: the levels counted",
          [perf.get(k, (None,))[0] for k in ("watch", "under_review", "at_risk", "paused", "failed")]
          == [1, 2, 1, 3, 0] and perf.get("healthy", (0,))[0] == 27 - 7, perf)
    check("check --all-regions: one line a region that is not healthy",
          len(lines) == 1 + 7 and all(re.match(r"^(WARNING|CRITICAL): ", l) for l in lines[1:]), lines)

    # A region that does not load: UNKNOWN, exit 3.
    control("/faults", {"service": "sesv2", "operation": "GetAccount", "region": "us-east-1",
                        "count": -1, "status": 403, "code": "AccessDeniedException",
                        "message": "not authorized to perform: ses:GetAccount"})
    try:
        run = cli("check", "--profile", PROFILE, "--region", "us-east-1")
    finally:
        control("/faults", method="DELETE")
    lines = run.stdout.splitlines()
    m = FIRST_LINE.match(lines[0]) if lines else None
    check("check: a region that fails is UNKNOWN, exit 3",
          run.returncode == 3 and m and m.group(1) == "UNKNOWN" and len(lines) == 2
          and lines[1].startswith("UNKNOWN: " + PROFILE + " us-east-1"), (run.returncode, lines))
    # A worse region wins over one that failed.
    control("/faults", {"service": "sesv2", "operation": "GetAccount", "region": "us-east-1",
                        "count": -1, "status": 403, "code": "AccessDeniedException"})
    try:
        run = cli("check", "--profile", PROFILE, "--all-regions")
    finally:
        control("/faults", method="DELETE")
    check("check: CRITICAL wins over UNKNOWN", run.returncode == 2, (run.returncode, run.stdout[:300]))

    # Bad usage is UNKNOWN too, with the plugin's first line.
    for args in (("--frobnicate",), ("--profile", "nobody", "--region", "us-east-1"),
                 ("--profile", PROFILE, "--region", "us-east-1", "--json")):
        run = cli("check", *args)
        m = FIRST_LINE.match(run.stdout.splitlines()[0]) if run.stdout else None
        check("check %s: exit 3, SES UNKNOWN - reason" % " ".join(args),
              run.returncode == 3 and m and m.group(1) == "UNKNOWN", (run.returncode, run.stdout))


def check_prometheus():
    regions = list(LEVELS)
    args = ["status", "--profile", PROFILE, "--format", "prometheus"]
    # One run a region would ask STS each time: ask for all of them with --all-regions.
    run = cli(*args, "--all-regions")
    check("prometheus: exit 0", run.returncode == 0, (run.returncode, run.stderr))
    try:
        types, samples = parse_prometheus(run.stdout)
    except ValueError as e:
        check("prometheus: the output parses", False, str(e))
        return
    check("prometheus: the output parses", True)
    check("prometheus: every series a gauge", types and set(types.values()) == {"gauge"}, types)

    def value(name, region):
        found = [v for n, l, v in samples if n == name and l.get("region") == region]
        return found[0] if len(found) == 1 else (None if not found else "twice")

    check("prometheus: every sample has account, account_name, profile and region labels",
          all(set(l) == {"account", "account_name", "profile", "region"} for _, l, _ in samples),
          [l for _, l, _ in samples][:3])
    check("prometheus: the account label is the profile's account id (STS)",
          {l["account"] for _, l, _ in samples} == {ACCOUNT}
          and {l["profile"] for _, l, _ in samples} == {PROFILE},
          {l["account"] for _, l, _ in samples})
    check("prometheus: the bounce and complaint rates as fractions",
          value("ses_bounce_rate", "us-east-1") == 0.012
          and abs(value("ses_complaint_rate", "us-east-1") - 0.0004) < 1e-12
          and value("ses_bounce_rate", "us-west-2") == 0.06,
          (value("ses_bounce_rate", "us-east-1"), value("ses_complaint_rate", "us-east-1")))
    check("prometheus: no data is no sample, never 0",
          value("ses_bounce_rate", "ap-southeast-1") is None
          and value("ses_complaint_rate", "ap-southeast-1") is None
          and value("ses_bounce_rate", "ca-central-1") is None
          and value("ses_complaint_rate", "eu-north-1") is None,
          [(n, l["region"], v) for n, l, v in samples
           if l["region"] in ("ap-southeast-1", "ca-central-1") and "rate" in n])
    check("prometheus: sends over 14 days, from GetSendStatistics where CloudWatch is denied",
          value("ses_sends_14d", "us-east-1") == 10500 and value("ses_sends_14d", "ca-central-1") == 1050,
          (value("ses_sends_14d", "us-east-1"), value("ses_sends_14d", "ca-central-1")))
    levels = {r: value("ses_health_level", r) for r in regions}
    check("prometheus: the health level of each region",
          levels == {r: LEVEL_NUMBERS[l] for r, l in LEVELS.items()}, levels)
    check("prometheus: sending enabled and quota",
          value("ses_sending_enabled", "eu-central-1") == 0
          and value("ses_sending_enabled", "us-east-1") == 1
          and value("ses_max_24_hour_send", "us-east-1") == 50000, "")
    check("prometheus: 27 regions up",
          len([1 for n, _, v in samples if n == "ses_up" and v == 1]) == 27, "")


def check_json():
    run = cli("status", "--profile", PROFILE, "--all-regions", "--json")
    check("status --json: exit 0", run.returncode == 0, run.stderr)
    try:
        entries = {e["region"]: e for e in json.loads(run.stdout or "[]")}
    except ValueError as e:
        check("status --json: the output is JSON", False, str(e))
        return
    keys = {"health", "bounce_rate", "complaint_rate", "sends_14d", "days", "daily",
            "health_source", "missing_permission"}
    check("status --json: every entry has the health keys",
          entries and all(keys <= set(e) for e in entries.values()),
          [sorted(keys - set(e)) for e in entries.values()][:1])
    if not entries:
        return
    check("status --json: health of each region",
          {r: entries[r]["health"] for r in LEVELS} == LEVELS,
          {r: entries[r]["health"] for r in LEVELS})
    us = entries["us-east-1"]
    today = datetime.datetime.now(datetime.timezone.utc).date()
    check("status --json: rates as fractions", us["bounce_rate"] == 0.012
          and abs(us["complaint_rate"] - 0.0004) < 1e-12, (us["bounce_rate"], us["complaint_rate"]))
    check("status --json: 14 days, oldest first, today last",
          len(us["days"]) == 14 and us["days"][-1] == today.isoformat()
          and us["days"][0] == (today - datetime.timedelta(days=13)).isoformat(), us["days"])
    check("status --json: the daily series",
          sorted(us["daily"]) == ["bounce", "bounce_rate", "complaint", "complaint_rate",
                                  "delivery", "reject", "send"]
          and us["daily"]["send"] == [100 * (i + 1) for i in range(14)]
          and us["daily"]["bounce"] == [i + 1 for i in range(14)]
          and all(abs(v - 0.012) < 1e-12 for v in us["daily"]["bounce_rate"]), us["daily"])
    check("status --json: sends_14d", us["sends_14d"] == 10500 and us["health_source"] == "cloudwatch"
          and us["missing_permission"] is None, (us["sends_14d"], us["health_source"]))
    nodata = entries["ap-southeast-1"]
    check("status --json: no data is null", nodata["bounce_rate"] is None
          and nodata["complaint_rate"] is None and nodata["daily"]["bounce_rate"] == [None] * 14
          and nodata["sends_14d"] == 700, nodata)
    denied = entries["ca-central-1"]
    check("status --json: CloudWatch denied names the permission and falls back",
          denied["error"] is None and denied["missing_permission"] == "cloudwatch:GetMetricData"
          and denied["health_source"] == "send-statistics" and denied["bounce_rate"] is None
          and denied["sends_14d"] == 1050 and denied["daily"]["delivery"] == [None] * 14,
          {k: denied[k] for k in keys})
    check("status --json: the JSON has no NaN", "NaN" not in run.stdout and "nan" not in run.stdout)


def check_changes_file():
    """The CLI's refreshes feed the change log in $XDG_STATE_HOME, never elsewhere."""
    home = tempfile.mkdtemp(prefix="sd-cli-health-")
    env = dict(os.environ, XDG_STATE_HOME=os.path.join(home, "state"))
    path = os.path.join(home, "state", "ses-desk", "changes.json")
    args = ("status", "--profile", PROFILE, "--region", "eu-west-3", "--json")
    run = cli(*args, env=env)
    doc = json.load(open(path)) if os.path.exists(path) else {}
    check("changes: the first run records the region and finds nothing",
          run.returncode == 0 and list(doc.get("regions", {})) == [PROFILE + "/eu-west-3"]
          and doc.get("changes") == [] and (os.stat(path).st_mode & 0o777) == 0o600, doc)
    control("/state", {"account": ACCOUNT, "region": "eu-west-3", "account_state": {
        "metrics": {"bounce_rate": 0.11, "complaint_rate": 0.0002, "send": 1000}}})
    cli(*args, env=env)
    cli(*args, env=env)
    doc = json.load(open(path)) if os.path.exists(path) else {}
    changes = [(c["kind"], c["region"], c.get("old"), c.get("new")) for c in doc.get("changes", [])]
    check("changes: a rate crossing a line is found once over two runs",
          changes == [("bounce-rate-crossed", "eu-west-3", "ok", "pause-risk")], changes)


def main():
    check_exit_codes()
    check_prometheus()
    check_json()
    check_changes_file()

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            print("# %s" % (detail,))
    return 0 if all(ok for _, ok, _ in results) else 1


sys.exit(main())
