#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes dashboard-scenario.json, the bench-dashboard scenario: one account,
all 27 commercial SES regions in a mix of states, 50 standard dedicated IPs
in every region (27 × 50), some of them warming up.

usage: make-dashboard-scenario.py [OUTPUT]   (default: next to this script)
"""

import json
import os
import sys

REGIONS = [
    "af-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
    "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2",
    "ap-southeast-3", "ap-southeast-5", "ca-central-1", "ca-west-1",
    "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-west-1",
    "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
    "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
]
IPS_PER_REGION = 50
# Cycled over the regions so that every state the dashboard shows is there.
STATES = ["production", "production", "sandbox", "pending", "production",
          "denied", "granted", "production", "failed"]


def region_entry(index, name):
    state = STATES[index % len(STATES)]
    entry = {"status": state}
    if state in ("production", "granted"):
        entry["quota"] = {"max24": 50000 * (1 + index % 4), "maxrate": 14 + index,
                          "sent": 1000 * index}
    if index % 7 == 3:
        entry["enforcement_status"] = "PROBATION"
    # Three standard pools; the first IPs of the second pool are warming up.
    ips = []
    for n in range(IPS_PER_REGION):
        ip = {"ip": "198.18.%d.%d" % (index, n + 1)}
        if 30 <= n < 40:
            ip["warmup_status"] = "IN_PROGRESS"
            ip["warmup_percentage"] = 10 + (n - 30) * 8
        ips.append(ip)
    entry["pools"] = [
        {"name": "transactional", "scaling_mode": "STANDARD", "ips": ips[0:30]},
        {"name": "marketing", "scaling_mode": "STANDARD", "ips": ips[30:45]},
        {"name": "bulk", "scaling_mode": "STANDARD", "ips": ips[45:50]},
    ]
    return entry


def scenario():
    return {
        "description": "bench-dashboard: one account, 27 regions in a mix of states, "
                       "50 standard dedicated IPs in every region (some warming up).",
        "accounts": [{
            "account_id": "222222222222",
            "profile": "bench",
            "users": [{"name": "sesdesk", "policy": "read-only"}],
            "regions": {name: region_entry(i, name) for i, name in enumerate(REGIONS)},
        }],
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "dashboard-scenario.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(scenario(), f, indent=1)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
