#!/usr/bin/env python3
"""ses-desk-cli status against the AWS emulator (run through with-emulator)."""
import json
import os
import subprocess
import sys

CLI = os.path.join(os.environ["SD_BUILD_ROOT"], "src", "cli", "ses-desk-cli")
results = []


def cli(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)


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

    run = cli("--help")
    check("--help lists status", run.returncode == 0 and "status" in run.stdout, run.stdout)

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            print("# %s" % (detail,))
    return 0 if all(ok for _, ok, _ in results) else 1


sys.exit(main())
