#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""ses-desk-cli with keys in the environment and no config files at all
(AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name missing files), as CI
jobs and containers run the AWS CLI: `status` answers with the environment's
keys and region, `profiles` shows the account as the environment's. Run
through with-emulator with the dashboard scenario. Prints TAP."""
import configparser
import json
import os
import subprocess
import sys
import tempfile

CLI = os.path.join(os.environ["SD_BUILD_ROOT"], "src", "cli", "ses-desk-cli")
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def main():
    keys = configparser.ConfigParser()
    keys.read(os.environ["AWS_SHARED_CREDENTIALS_FILE"])
    home = tempfile.mkdtemp(prefix="sd-env-")
    base = {k: v for k, v in os.environ.items()
            if not k.startswith("AWS_") or k in ("AWS_ENDPOINT_URL", "AWS_EC2_METADATA_DISABLED")}
    base.update(HOME=home, LC_ALL="C.UTF-8", AWS_MAX_ATTEMPTS="1",
                AWS_CONFIG_FILE=os.path.join(home, "missing", "config"),
                AWS_SHARED_CREDENTIALS_FILE=os.path.join(home, "missing", "credentials"),
                AWS_ACCESS_KEY_ID=keys["dash"]["aws_access_key_id"],
                AWS_SECRET_ACCESS_KEY=keys["dash"]["aws_secret_access_key"])

    def cli(extra, *args):
        return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120,
                              env=dict(base, **extra))

    for var in ("AWS_REGION", "AWS_DEFAULT_REGION"):
        run = cli({var: "us-east-1"}, "status")
        lines = run.stdout.splitlines()
        check("%s: status answers with the environment's keys" % var,
              run.returncode == 0 and len(lines) == 2 and lines[1].split()[:3] == ["default", "us-east-1", "Production"],
              (run.returncode, run.stdout, run.stderr))
        check("%s: no complaint about a missing profile" % var,
              "does not exist" not in run.stdout + run.stderr, run.stdout + run.stderr)

    run = cli({"AWS_REGION": "us-east-1"}, "status", "--all-regions", "--json")
    entries = json.loads(run.stdout) if run.stdout.strip().startswith("[") else []
    answered = [e for e in entries if e.get("error") is None]
    check("all regions: most answer with the environment's keys (%d of %d)" % (len(answered), len(entries)),
          len(entries) > 20 and len(answered) >= len(entries) - 2, run.stdout[:2000] + run.stderr)

    run = cli({"AWS_REGION": "eu-west-2"}, "profiles", "--json")
    accounts = json.loads(run.stdout) if run.returncode == 0 else None
    check("profiles: the environment's keys are one account",
          accounts == [{"profile": "default", "region": "eu-west-2", "credentials": "Environment variables"}],
          (run.stdout, run.stderr))

    # Without keys in the environment, the message says what to do.
    run = cli({"AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""}, "status")
    check("no keys anywhere: a message that says what to do",
          run.returncode != 0 and ("aws configure" in run.stdout + run.stderr), (run.stdout, run.stderr))

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            print("# %s" % (detail,))
    return 0 if all(ok for _, ok, _ in results) else 1


sys.exit(main())
