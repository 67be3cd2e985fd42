#!/usr/bin/env python3
"""ses-desk-cli status against the AWS emulator (run through with-emulator)."""
import gettext
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import unicodedata
import urllib.request

CLI = os.path.join(os.environ["SD_BUILD_ROOT"], "src", "cli", "ses-desk-cli")
results = []


def cli(*args, env=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120,
                          env=env)


def display_width(text):
    """Columns @text takes in a terminal: wide and full-width characters two,
    combining marks none (Python's own tables, independent of GLib's)."""
    width = 0
    for c in text:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return width


def japanese_columns():
    """`status` under LANGUAGE=ja: the header and every row line up by
    display width (the state labels are Japanese, two columns a character)."""
    locale_name = "ja_JP.UTF-8"
    available = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    check("the ja_JP.UTF-8 locale exists (build-aux/setup-debian generates it)",
          "ja_JP.utf8" in available, available)
    localedir = os.path.join(os.environ["SD_BUILD_ROOT"], "po")
    mo = os.path.join(localedir, "ja", "LC_MESSAGES", "ses-desk.mo")
    check("the build has the Japanese catalogue", os.path.exists(mo), mo)
    if not os.path.exists(mo):
        return
    ja = gettext.GNUTranslations(open(mo, "rb")).gettext
    env = dict(os.environ, LANGUAGE="ja", LC_ALL=locale_name, SD_LOCALEDIR=localedir)
    run = cli("status", "--profile", "dash", "--all-regions", env=env)
    lines = run.stdout.splitlines()
    headers = [ja(h) for h in ("PROFILE", "REGION", "STATE", "QUOTA/24H", "RATE/S",
                               "SENT/24H", "IPS", "NOTE")]
    check("ja: the table's header is translated", lines and lines[0].startswith(headers[0])
          and headers[0] != "PROFILE", lines[:1])
    if not lines:
        return
    # Where each header starts and ends, in display columns.
    starts, ends, at = [], [], 0
    for h in headers:
        i = lines[0].find(h, at)
        if i < 0:
            check("ja: header %r found" % h, False, lines[0])
            return
        starts.append(display_width(lines[0][:i]))
        ends.append(display_width(lines[0][:i + len(h)]))
        at = i + len(h)
    number = r"([\d,.]+|%s)" % re.escape(ja("unlimited"))
    row_re = re.compile(r"^(\S+) +(\S+) +(.+?) +%s +%s +%s +(\d+)(?: (.+))?$" % (number, number, number))
    error_re = re.compile(r"^(\S+) +(\S+) +(%s) +(.+)$" % re.escape(ja("error")))
    misplaced, wide_rows, rows = [], 0, 0
    for line in lines[1:]:
        col = lambda i: display_width(line[:i])  # noqa: E731
        m = row_re.match(line)
        if m:
            rows += 1
            wide_rows += display_width(m.group(3)) > len(m.group(3))
            want = [(col(m.start(g)), starts[g - 1]) for g in (1, 2, 3)]
            want += [(col(m.end(g)), ends[g - 1]) for g in (4, 5, 6, 7)]
            if m.group(8):
                want.append((col(m.start(8)), starts[7]))
        else:
            m = error_re.match(line)
            if not m:
                misplaced.append(("unparsed", line))
                continue
            rows += 1
            want = [(col(m.start(g)), starts[g - 1]) for g in (1, 2, 3, 4)]
        if any(got != expected for got, expected in want):
            misplaced.append((want, line))
    check("ja: 27 rows, most with Japanese state labels", rows == 27 and wide_rows >= 20,
          (rows, wide_rows, run.stdout))
    check("ja: every column lines up by display width", not misplaced and rows > 0,
          "\n".join(repr(m) for m in misplaced[:5]) + "\n" + run.stdout)
    check("ja: numbers grouped as the locale says", "1,000,000" in run.stdout, run.stdout)


# What a hostile server puts in its text: an OSC that retitles the terminal
# (ended by BEL), a CSI that clears it, the same CSI as a C1 control, and a
# right-to-left override.
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\u009b31m\u202eevil"
TERMINAL_CONTROLS = ("\x1b", "\x07", "\u009b", "\u202e")


def control(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(os.environ["SD_EMULATOR_CONTROL"] + path, data=data,
                                 method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as answer:
        return json.loads(answer.read() or b"{}")


def inert(text):
    return not any(c in text for c in TERMINAL_CONTROLS)


class IdentityServer(http.server.BaseHTTPRequestHandler):
    """STS that answers GetCallerIdentity with escapes in the account and ARN."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = ("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                "<GetCallerIdentityResult><Arn>arn:aws:iam::111111111111:user/x&#x1b;[2J</Arn>"
                "<UserId>AIDA</UserId><Account>1111&#x1b;]0;pwned&#x7;</Account>"
                "</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId>"
                "</ResponseMetadata></GetCallerIdentityResponse>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def hostile_text():
    """Server text with terminal escapes is printed inert everywhere: the
    status table, `error:` lines, `identity`; JSON keeps the exact text."""
    control("POST", "/faults", {"service": "sesv2", "operation": "GetAccount",
                                "region": "eu-west-1", "status": 403,
                                "code": "AccessDeniedException",
                                "message": "Not authorized " + HOSTILE, "count": -1})
    control("POST", "/faults", {"service": "sts", "operation": "GetCallerIdentity",
                                "status": 403, "code": "AccessDenied",
                                "message": "Denied " + HOSTILE, "count": -1})
    try:
        run = cli("status", "--profile", "dash", "--region", "eu-west-1")
        check("hostile error message: status table printed inert",
              inert(run.stdout + run.stderr) and "Not authorized" in run.stdout, repr(run.stdout))
        check("hostile error message: the escape shown as a visible picture",
              "\u241b]0;pwned\u2407\u241b[2J" in run.stdout, repr(run.stdout))
        run = cli("status", "--profile", "dash", "--region", "eu-west-1", "--json")
        entries = json.loads(run.stdout)
        check("hostile error message: JSON inert on the terminal", inert(run.stdout),
              repr(run.stdout))
        check("hostile error message: JSON keeps the exact text",
              "Not authorized " + HOSTILE in entries[0]["error"]["message"], entries)
        run = cli("identity", "--profile", "dash")
        check("hostile error message: identity's error: line inert",
              run.returncode == 2 and "Denied" in run.stderr and inert(run.stdout + run.stderr),
              repr(run.stderr))
    finally:
        control("DELETE", "/faults")

    # A review case id with escapes (the note column).
    account = json.loads(os.environ["SD_EMULATOR_JSON"])["accounts"][0]["account_id"]
    control("POST", "/state", {"account": account, "region": "eu-west-1",
                               "account_state": {"review": {"status": "PENDING",
                                                            "case_id": "case-1" + HOSTILE}}})
    run = cli("status", "--profile", "dash", "--region", "eu-west-1")
    check("hostile review case id: printed inert",
          inert(run.stdout + run.stderr) and "case-1\u241b" in run.stdout, repr(run.stdout))

    # identity's account and ARN.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), IdentityServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        env = dict(os.environ, AWS_ENDPOINT_URL="http://127.0.0.1:%d" % server.server_port)
        run = cli("identity", "--profile", "dash", env=env)
        check("hostile account and ARN: identity printed inert",
              run.returncode == 0 and inert(run.stdout + run.stderr)
              and "user/x\u241b[2J" in run.stdout, repr((run.stdout, run.stderr)))
    finally:
        server.shutdown()


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def by_region(entries):
    return {e["region"]: e for e in entries}


def main():
    run = cli("status", "--profile", "dash", "--all-regions", "--json")
    check("all regions: exit 2 when some region failed", run.returncode == 2,
          "rc=%d %s" % (run.returncode, run.stderr))
    entries = json.loads(run.stdout)
    check("all regions: 27 entries", len(entries) == 27, len(entries))
    keys = {"profile", "region", "sandbox", "max_24_hour_send", "max_send_rate",
            "sent_last_24_hours", "dedicated_ips", "pools", "review_case_id", "error"}
    check("every entry has the documented keys", all(keys <= set(e) for e in entries),
          [sorted(keys - set(e)) for e in entries][:1])
    regions = by_region(entries)
    us = regions["us-east-1"]
    check("us-east-1 production", us["sandbox"] == "production", us["sandbox"])
    check("us-east-1 quota", (us["max_24_hour_send"], us["max_send_rate"],
                              us["sent_last_24_hours"]) == (1000000, 200, 4321))
    check("us-east-1 252 dedicated IPs over three pages", us["dedicated_ips"] == 252,
          us["dedicated_ips"])
    pools = {p["name"]: p for p in us["pools"]}
    check("pools with scaling mode and IPs",
          pools.get("auto", {}).get("scaling_mode") == "MANAGED"
          and len(pools.get("auto", {}).get("ips", [])) == 2
          and pools.get("big", {}).get("scaling_mode") == "STANDARD"
          and len(pools.get("big", {}).get("ips", [])) == 250, us["pools"])
    check("sandbox state ids",
          [regions[r]["sandbox"] for r in ("eu-west-1", "ap-northeast-1", "ap-northeast-3", "eu-west-2")]
          == ["sandbox", "pending", "denied", "failed"])
    check("review case id", regions["ap-northeast-1"]["review_case_id"]
          == "case-111111111111-2026-aaaabbbbccccdddd", regions["ap-northeast-1"]["review_case_id"])
    denied = regions["eu-south-1"]
    check("AccessDenied region carries code and message",
          denied["error"] is not None and denied["error"]["code"] == "AccessDeniedException"
          and "ses:GetAccount" in denied["error"]["message"] and denied["sandbox"] is None,
          denied["error"])
    check("regions that answered have error null",
          all(regions[r]["error"] is None for r in ("us-east-1", "eu-west-1", "us-west-2")))

    run = cli("status", "--profile", "dash", "--region", "eu-west-1", "--json")
    check("one region: exit 0", run.returncode == 0, run.stderr)
    entries = json.loads(run.stdout) if run.returncode == 0 else []
    check("one region: one entry", [e["region"] for e in entries] == ["eu-west-1"], entries)

    run = cli("status", "--profile", "dash", "--region", "us-east-1")
    check("table for people", run.returncode == 0 and "us-east-1" in run.stdout
          and "Production" in run.stdout and "252" in run.stdout, run.stdout)

    for args, why in ((("--region", "eu-west-1", "--all-regions"), "both region options"),
                      (("--region", "not a region"), "invalid region"),
                      (("--profile", "nobody"), "unknown profile"),
                      (("--frobnicate",), "unknown option"),
                      (("extra",), "stray argument")):
        run = cli("status", *args)
        check("bad usage (%s): exit 1 with a message" % why,
              run.returncode == 1 and run.stderr.strip() != "", (run.returncode, run.stderr))

    japanese_columns()
    hostile_text()

    run = cli("--help")
    check("--help lists status", run.returncode == 0 and "status" in run.stdout, run.stdout)

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            print("# %s" % (detail,))
    return 0 if all(ok for _, ok, _ in results) else 1


sys.exit(main())
