#!/usr/bin/env python3
"""ses-desk-cli status and check --organization against the AWS emulator (run
through with-emulator with tests/core/accounts/organization-scenario.json):
the table, JSON with account_name and account_id, Prometheus labels, the
monitoring plugin, and the errors of a member and of the organization."""
import json
import os
import subprocess
import sys

CLI = os.path.join(os.environ["SD_BUILD_ROOT"], "src", "cli", "ses-desk-cli")
SCENARIO = os.path.join(os.environ["SD_SOURCE_ROOT"], "tests", "core", "accounts",
                        "organization-scenario.json")
results = []


def cli(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def scenario_accounts():
    """account id → (name, status, has the role) from the scenario, the management first."""
    doc = json.load(open(SCENARIO, encoding="utf-8"))
    mgmt = doc["accounts"][0]
    out = {mgmt["account_id"]: (mgmt["organization"]["name"], "ACTIVE", True)}
    for m in mgmt["organization"]["members"]:
        out[m["account_id"]] = (m["name"], m.get("status", "ACTIVE"), m.get("role", True))
    return out


def main():
    accounts = scenario_accounts()
    no_role = [i for i, (_, _, role) in accounts.items() if not role]
    suspended = [i for i, (_, status, _) in accounts.items() if status == "SUSPENDED"]

    # JSON: one entry per account and region, with its name and id.
    run = cli("status", "--organization", "org-main", "--region", "us-east-1", "--json")
    check("status --organization --json: exit 2 (two accounts fail)", run.returncode == 2,
          (run.returncode, run.stderr))
    try:
        rows = json.loads(run.stdout)
    except ValueError:
        rows = []
    by_id = {r.get("account_id"): r for r in rows}
    check("json: one entry per account of the organization", sorted(by_id) == sorted(accounts)
          and len(rows) == len(accounts), sorted(by_id))
    check("json: account_name is the name in AWS Organizations",
          all(r["account_name"] == accounts[r["account_id"]][0] for r in rows),
          [(r.get("account_id"), r.get("account_name")) for r in rows])
    check("json: sorted by account name", [r["account_name"] for r in rows]
          == sorted(r["account_name"] for r in rows), [r["account_name"] for r in rows])
    check("json: the management account through the profile itself",
          by_id.get("610000000000", {}).get("profile") == "org-main", by_id.get("610000000000"))
    check("json: a member through a profile of its own",
          by_id.get("610000000001", {}).get("profile") == "org-main/610000000001",
          by_id.get("610000000001"))
    alpha = by_id.get("610000000001", {})
    check("json: a member's region loaded through its role",
          alpha.get("sandbox") == "production" and alpha.get("max_24_hour_send") == 50000
          and alpha.get("error") is None, alpha)
    role_error = (by_id.get(no_role[0], {}).get("error") or {}) if no_role else {}
    check("json: the member without the role fails with AccessDenied and what to do",
          role_error.get("code") == "AccessDenied"
          and "OrganizationAccountAccessRole" in role_error.get("message", "")
          and "create the role" in role_error.get("message", ""), role_error)
    suspended_error = (by_id.get(suspended[0], {}).get("error") or {}) if suspended else {}
    check("json: the suspended member fails as suspended",
          "suspended" in suspended_error.get("message", ""), suspended_error)

    # The table: the account's name and id first.
    run = cli("status", "--organization", "org-main", "--region", "us-east-1")
    lines = run.stdout.splitlines()
    check("table: exit 2", run.returncode == 2, (run.returncode, run.stderr))
    check("table: an ACCOUNT column", lines and lines[0].split()[0] == "ACCOUNT", lines[:1])
    check("table: one line an account", len(lines) == 1 + len(accounts), lines)
    check("table: a member by name and id",
          any(line.startswith("alpha-prod (610000000001)") and "Production" in line
              for line in lines), lines)
    check("table: the member without the role says why",
          any(line.startswith("juliet-acquired (610000000010)") and "create the role" in line
              for line in lines), lines)

    # --all-regions: every SES region of every account.
    run = cli("status", "--organization", "org-main", "--all-regions", "--json")
    rows = json.loads(run.stdout) if run.stdout.strip() else []
    check("--all-regions: 27 regions an account", len(rows) == 27 * len(accounts), len(rows))

    # A custom role that no member has: every member fails with that role named.
    run = cli("status", "--organization", "org-main", "--role", "AuditRole", "--region",
              "us-east-1", "--json")
    rows = json.loads(run.stdout) if run.stdout.strip() else []
    members = [r for r in rows if r["account_id"] != "610000000000" and r["account_id"] not in suspended]
    check("--role: the role named in each member's error",
          members and all("“AuditRole”" in (r["error"] or {}).get("message", "") for r in members),
          [r["error"] for r in members][:2])
    check("--role: the management account still loads",
          [r["error"] for r in rows if r["account_id"] == "610000000000"] == [None], rows[:1])

    # Prometheus: the account id and name as labels.
    run = cli("status", "--organization", "org-main", "--region", "us-east-1",
              "--format", "prometheus")
    up = [line for line in run.stdout.splitlines() if line.startswith("ses_up{")]
    check("prometheus: ses_up for every account", len(up) == len(accounts), up)
    check("prometheus: account and account_name labels",
          any('account="610000000001",account_name="alpha-prod",profile="org-main/610000000001"'
              in line and line.endswith(" 1") for line in up), up[:3])

    # check: a monitoring plugin over the organization.
    run = cli("check", "--organization", "org-main", "--region", "us-east-1")
    lines = run.stdout.splitlines()
    check("check --organization: a plugin's first line", lines and lines[0].startswith("SES "),
          lines[:1])
    check("check --organization: the failed accounts by name",
          any(line.startswith("UNKNOWN: juliet-acquired us-east-1:") for line in lines)
          and any(line.startswith("UNKNOWN: kilo-closed us-east-1:") for line in lines), lines)
    check("check --organization: 2 failed in the perfdata",
          lines and "failed=2" in lines[0], lines[:1])

    # The organization itself cannot be listed.
    run = cli("status", "--organization", "org-denied", "--region", "us-east-1")
    check("ListAccounts denied: exit 2 with what to do",
          run.returncode == 2 and "organizations:ListAccounts" in run.stderr
          and "management account" in run.stderr, (run.returncode, run.stderr))
    run = cli("check", "--organization", "org-denied", "--region", "us-east-1")
    check("check, ListAccounts denied: SES UNKNOWN, exit 3",
          run.returncode == 3 and run.stdout.startswith("SES UNKNOWN - "), (run.returncode, run.stdout))

    for args, why in ((("--organization", "org-main", "--profile", "org-main"), "with --profile"),
                      (("--organization", "org-main", "--all-profiles"), "with --all-profiles"),
                      (("--role", "X"), "--role alone"),
                      (("--organization", "nobody"), "unknown profile")):
        run = cli("status", *args)
        check("bad usage (%s): exit 1 with a message" % why,
              run.returncode == 1 and run.stderr.strip() != "", (run.returncode, run.stderr))

    # IAM's rules for the names, checked before any request (one check with the app's dialog).
    for args, word in ((("--role", "Org Access"), "role name"),
                       (("--external-id", "x"), "external ID")):
        run = cli("status", "--organization", "org-main", "--region", "us-east-1", *args)
        check("%s against IAM's rules: exit 1 saying what it may hold" % word,
              run.returncode == 1 and word in run.stderr and "_+=,.@" in run.stderr,
              (run.returncode, run.stderr))

    run = cli("status", "--help")
    check("status --help lists --organization and --role",
          "--organization" in run.stdout and "--role" in run.stdout and "--external-id" in run.stdout,
          run.stdout)

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            print("# %s" % (detail,))
    return 0 if all(ok for _, ok, _ in results) else 1


sys.exit(main())
