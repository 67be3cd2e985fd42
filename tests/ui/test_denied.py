#!/usr/bin/python3
"""Every region refused by IAM (scenario denied.json): a page that names the
missing permission; once the policy allows SES, Try Again shows the regions."""
import copy
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sdui  # noqa: E402

SCENARIO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "denied.json")


def test_access_denied_everywhere():
    with sdui.App() as app:
        app.find("label", "Access Denied", timeout=60)
        page = [label for label in app.names("label") if "refused every region" in label]
        assert page, app.names("label")
        assert "ses:GetAccount" in page[0], page
        assert "ses:GetDedicatedIps" in page[0], page
        app.screenshot("denied")

        # The administrator allows SES (same keys, new policy): Try Again shows the regions.
        with open(SCENARIO, encoding="utf-8") as f:
            doc = json.load(f)
        allowed = copy.deepcopy(doc)
        allowed["accounts"][0]["users"][0]["policy"] = "read-only"
        sdui.emulator("/scenario", allowed)
        app.action("push button", "Try Again")
        app.wait_gone("label", "Access Denied", timeout=60)
        totals = app.find("table", "Totals")
        deadline = sdui.give_up_at(30)
        while "27 regions" not in app.names("panel", node=totals) or \
                "0 with errors" not in app.names("panel", node=totals):
            assert time.time() < deadline, app.names("panel", node=totals)
            time.sleep(0.3)
        assert "26 in the sandbox" in app.names("panel", node=totals), app.names("panel", node=totals)


sdui.run([
    ("every region refused: the missing permission is named; Try Again recovers",
     test_access_denied_everywhere),
])
