#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the fleet bench's scenario for the AWS emulator: an organization of
N member accounts (default 50, the management account among them), every one
in the first R SES regions (default all 27) in varied states.

Each account is mostly in the sandbox, as real fleets are, with a few regions
in production (quota, mail sent in the last 24 hours and 14 days of sending
figures), now and then a review pending, denied or granted, a probation, and
in some production regions a handful of dedicated IPs (some warming up). What
each account and region gets follows from their numbers alone, so the same
arguments always write the same file.

The accounts are an organization (the scenario's "organization" block,
tests/aws-emulator/README.md): the management account, whose profile
fleet-management may list the accounts, and N - 1 members, each with the
role OrganizationAccountAccessRole. With --plain they are plain accounts
instead, with a user and a profile each, for `ses-desk-cli status
--all-profiles`: the same requests without the organization.

usage: make-fleet-scenario.py [--accounts N] [--regions R] [--plain] OUTPUT
"""

import argparse
import json
import sys

# The commercial SES regions, in the order of make-dashboard-scenario.py.
REGIONS = [
    "af-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
    "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2",
    "ap-southeast-3", "ap-southeast-5", "ca-central-1", "ca-west-1",
    "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-west-1",
    "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
    "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
]
# Where production is likeliest: the regions real fleets send from.
BUSY = ["us-east-1", "eu-west-1", "us-west-2", "ap-northeast-1", "eu-central-1",
        "ap-southeast-2", "us-east-2", "eu-west-2", "sa-east-1", "ca-central-1"]
MANAGEMENT_ID = "300000000000"
ROLE_NAME = "OrganizationAccountAccessRole"
TEAMS = ["billing", "checkout", "crm", "identity", "marketing", "newsletters",
         "notifications", "payments", "receipts", "support"]
STAGES = ["prod", "staging", "dev", "eu", "jp"]


def account_id(index):
    return MANAGEMENT_ID if index == 0 else "3%011d" % (100000 + index * 7919)


def account_name(index):
    if index == 0:
        return "fleet-management"
    return "%s-%s-%02d" % (TEAMS[index % len(TEAMS)], STAGES[(index // len(TEAMS)) % len(STAGES)],
                           index)


def region_entry(account, region, regions):
    """The state of one account's region: mostly sandbox, some production."""
    busy = [r for r in BUSY if r in regions] or regions
    # Each account sends from 1 to 5 of the busy regions, shifted per account.
    n_production = 1 + account % 5
    production = {busy[(account + k) % len(busy)] for k in range(n_production)}
    seed = account * 31 + regions.index(region) * 7
    if region not in production:
        if seed % 23 == 0:
            return {"status": "pending"}
        if seed % 29 == 0:
            return {"status": "denied"}
        return {"status": "sandbox"}

    entry = {"status": "granted" if seed % 11 == 0 else "production"}
    max24 = 50000 * (1 + seed % 8)
    sent = (seed * 977) % (max24 // 2)
    entry["quota"] = {"max24": max24, "maxrate": 14 + seed % 50, "sent": sent}
    entry["metrics"] = {
        "send": [sent // 2 + (seed * (day + 3)) % 1000 for day in range(13)] + [sent],
        "bounce_rate": [0.004, 0.008, 0.012, 0.021, 0.026, 0.055][seed % 6],
        "complaint_rate": [0.0001, 0.0004, 0.0008, 0.0012][seed % 4],
    }
    if seed % 13 == 5:
        entry["enforcement_status"] = "PROBATION"
    if seed % 3 == 0:
        ips = []
        for n in range(2 + seed % 7):
            ip = {"ip": "198.18.%d.%d" % (account % 250, (regions.index(region) * 9 + n) % 250 + 1)}
            if n == 0 and seed % 2 == 0:
                ip["warmup_status"] = "IN_PROGRESS"
                ip["warmup_percentage"] = 10 + seed % 80
            ips.append(ip)
        entry["pools"] = [{"name": "dedicated-%d" % (account % 3), "scaling_mode": "STANDARD",
                           "ips": ips}]
    return entry


def member_entry(index, regions):
    return {
        "account_id": account_id(index),
        "name": account_name(index),
        "email": "aws+%s@example.com" % account_name(index),
        "regions": {r: region_entry(index, r, regions) for r in regions},
    }


def scenario(n_accounts, n_regions, plain):
    regions = REGIONS[:n_regions]
    if plain:
        accounts = []
        for i in range(n_accounts):
            entry = member_entry(i, regions)
            accounts.append({"account_id": entry["account_id"], "profile": entry["name"],
                             "users": [{"name": "sesdesk", "policy": "read-only"}],
                             "regions": entry["regions"]})
        what = "plain accounts with a profile each"
    else:
        management = member_entry(0, regions)
        accounts = [{
            "account_id": management["account_id"],
            "profile": management["name"],
            "contact_email": management["email"],
            "regions": management["regions"],
            "organization": {
                "name": management["name"],
                "role_name": ROLE_NAME,
                "members": [member_entry(i, regions) for i in range(1, n_accounts)],
            },
        }]
        what = "an organization: the management account (profile %s) and %d members" % (
            management["name"], n_accounts - 1)
    return {
        "description": "bench-fleet: %d accounts x %d SES regions in varied states, %s."
                       % (n_accounts, len(regions), what),
        "accounts": accounts,
    }


def main():
    parser = argparse.ArgumentParser(description="the fleet bench's scenario")
    parser.add_argument("--accounts", type=int, default=50)
    parser.add_argument("--regions", type=int, default=len(REGIONS))
    parser.add_argument("--plain", action="store_true",
                        help="plain accounts with a profile each, no organization")
    parser.add_argument("output")
    args = parser.parse_args()
    if not 1 <= args.accounts <= 1000 or not 1 <= args.regions <= len(REGIONS):
        parser.error("--accounts 1..1000, --regions 1..%d" % len(REGIONS))
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(scenario(args.accounts, args.regions, args.plain), f, indent=1)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
