#!/usr/bin/env python3
"""ses-desk-cli cases / case ID against the AWS emulator (run through with-emulator
with cases-scenario.json). Prints TAP."""
import json
import os
import shutil
import subprocess
import tempfile
import urllib.request

CLI = os.path.join(os.environ["SD_BUILD_ROOT"], "src", "cli", "ses-desk-cli")
CONTROL = os.environ["SD_EMULATOR_CONTROL"]
LONG_CASE = "case-111111111111-2026-00000000000000c3"
results = []


def control(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(CONTROL + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as answer:
        return json.loads(answer.read() or b"{}")


def cli(*args, env=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120, env=env)


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def main(env):
    # The list, for scripts.
    run = cli("cases", "--profile", "cases", "--json", env=env)
    check("cases --json: exit 0", run.returncode == 0, "rc=%d %s" % (run.returncode, run.stderr))
    doc = json.loads(run.stdout)
    check("cases --json: state ready", doc["state"] == "ready", doc["state"])
    check("cases --json: 34 open cases", len(doc["cases"]) == 34, len(doc["cases"]))
    check("cases --json: this app's case first",
          doc["cases"][0]["subject"] == "[SD-7F3K2Q] Dedicated addresses", doc["cases"][0]["subject"])
    keys = {"case_id", "display_id", "subject", "status", "language", "last_activity",
            "ses_related", "from_app", "origin", "origin_region", "support_center_url"}
    check("cases --json: documented keys", all(keys <= set(c) for c in doc["cases"]))
    check("cases --json: no resolved case", all(c["status"] != "resolved" for c in doc["cases"]))

    run = cli("cases", "--profile", "cases", "--resolved", "--region", "eu-west-1", "--json", env=env)
    doc = json.loads(run.stdout)
    check("cases --resolved: 35 cases", len(doc["cases"]) == 35, len(doc["cases"]))
    review = [c for c in doc["cases"] if c["origin"] == "review"]
    check("cases --region eu-west-1: the review case linked",
          len(review) == 1 and review[0]["origin_region"] == "eu-west-1"
          and review[0]["subject"] == "Account review: production access", review)

    run = cli("cases", "--profile", "cases", "--search", "日本語", env=env)
    lines = run.stdout.splitlines()
    check("cases table: header and one match", run.returncode == 0 and len(lines) == 2
          and "日本語の問い合わせ" in lines[1], run.stdout)

    # One thread, for people and scripts.
    run = cli("case", LONG_CASE, "--profile", "cases", "--json", env=env)
    check("case --json: exit 0", run.returncode == 0, "rc=%d %s" % (run.returncode, run.stderr))
    thread = json.loads(run.stdout)
    comms = thread["communications"]
    check("case --json: every message (35)", len(comms) == 35, len(comms))
    check("case --json: oldest first, authors",
          comms[0]["body"].startswith("Message 1 ") and comms[0]["author"] == "account"
          and comms[1]["author"] == "aws", comms[:2])
    check("case --json: attachment listed",
          comms[5]["attachments"] and comms[5]["attachments"][0]["file_name"] == "report.csv",
          comms[5]["attachments"])
    display_id = thread["case"]["display_id"]

    run = cli("case", display_id, "--profile", "cases", "--newest-first", env=env)
    check("case by display id: exit 0", run.returncode == 0, run.stderr)
    check("case table: newest first",
          run.stdout.index("Message 35 ") < run.stdout.index("Message 1 of"), run.stdout[:400])
    check("case table: hostile text shown inert",
          "\u202e" not in run.stdout and "<b>Bold?</b>" in run.stdout, "")

    # Without a support plan: said once, and the known review case listed.
    run = cli("cases", "--profile", "basic", "--json", env=env)
    doc = json.loads(run.stdout)
    check("no plan: exit 2", run.returncode == 2, run.returncode)
    check("no plan: state and message", doc["state"] == "no-support-plan"
          and "Support Center" in (doc["message"] or ""), doc["message"])
    check("no plan: error said once", run.stderr.count("support plan") == 1, run.stderr)
    check("no plan: the review case with its Support Center link",
          len(doc["cases"]) == 1 and doc["cases"][0]["origin"] == "review"
          and doc["cases"][0]["support_center_url"].startswith("https://console.aws.amazon.com/support/"),
          doc["cases"])

    # Offline: the saved list and thread.
    control("POST", "/faults", {"service": "support", "drop": True, "count": -1})
    try:
        offline_env = dict(env, AWS_MAX_ATTEMPTS="1")
        run = cli("cases", "--profile", "cases", "--no-links", "--json", env=offline_env)
        doc = json.loads(run.stdout)
        check("offline: exit 2", run.returncode == 2, run.returncode)
        check("offline: the saved list", doc["state"] == "offline" and len(doc["cases"]) >= 34,
              (doc["state"], len(doc["cases"])))
        run = cli("case", LONG_CASE, "--profile", "cases", "--json", env=offline_env)
        check("offline case: exit 2 with the saved thread",
              run.returncode == 2 and len(json.loads(run.stdout)["communications"]) == 35
              and json.loads(run.stdout)["offline"] is True, run.stderr)
    finally:
        control("DELETE", "/faults")

    # Bad usage.
    check("usage: case without id", cli("case", env=env).returncode == 1)
    check("usage: unknown filter", cli("cases", "--status", "bogus", env=env).returncode == 1)
    check("usage: unknown profile", cli("cases", "--profile", "nope", env=env).returncode == 1)
    run = cli("case", "case-111111111111-2026-ffffffffffffffff", "--profile", "cases", env=env)
    check("unknown case: exit 2", run.returncode == 2, run.stderr)


if __name__ == "__main__":
    home = tempfile.mkdtemp(prefix="sd-cli-cases-")
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(home, "cache"),
               XDG_STATE_HOME=os.path.join(home, "state"), LC_ALL="C.UTF-8")
    try:
        main(env)
    except Exception as e:  # a crash is a failure, reported as such
        results.append(("no exception", False, repr(e)))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            print("# %s" % str(detail).replace("\n", "\n# "))
