#!/usr/bin/env python3
"""Writes cases-scenario.json, the emulator state of the cases tests.

Run it again after changing it: python3 make-cases-scenario.py > cases-scenario.json
"""

import json

ACCOUNT = "111111111111"


def cid(n):
    return f"case-{ACCOUNT}-2026-{n:016x}"


def case(n, subject, days_ago, **extra):
    c = {"case_id": cid(n), "subject": subject, "time_created": f"-{days_ago}d",
         "communications": [{"body": f"Question of case {n}."}]}
    c.update(extra)
    return c


cases = [
    # Linked from eu-west-1's review (ReviewDetails.CaseId): nothing in it says SES.
    case(0xA1, "Account review: production access", 60,
         communications=[{"body": "Please review our account."},
                         {"body": "We are looking into it.", "from": "aws"}]),
    # Linked from a us-west-2 quota request's CaseId.
    case(0xB2, "Request about a sending limit", 61),
    # This app's own case (its reference in the subject).
    case(0xC4, "[SD-7F3K2Q] Dedicated addresses", 55),
    case(0xD5, "Old resolved question", 70, status="resolved"),
    case(0xE6, "日本語の問い合わせ", 20, language="ja",
         communications=[{"body": "専用 IP アドレスについて質問があります。"}]),
]

# A long thread: 35 messages (four pages of ten), an attachment, hostile text.
long_messages = []
for i in range(35):
    m = {"body": f"Message {i + 1} of the long conversation.",
         "from": "customer" if i % 2 == 0 else "aws"}
    if i == 5:
        m["attachments"] = [{"file_name": "report.csv", "text": "region,sent\neu-west-1,42\n"}]
    if i == 7:
        m["body"] = ("<b>Bold?</b> <span foreground='red'>markup</span> &amp; \u202eevil\u202c "
                     "see https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html, "
                     "not javascript:alert(1) nor file:///etc/passwd")
    long_messages.append(m)
cases.append(case(0xC3, "Long conversation", 50, status="pending-customer-action",
                  communications=long_messages))

# Cases the write tests use, one each.
for n, subject in [(0x101, "Reply here"), (0x102, "Resolve and reopen"),
                   (0x103, "Attachments round trip"), (0x104, "Ambiguous failure, applied"),
                   (0x105, "Ambiguous failure, dropped"), (0x106, "Uncertain reply"),
                   (0x107, "Expired attachment set"), (0x108, "Notify me"),
                   (0x109, "Draft kept")]:
    cases.append(case(n, subject, 5))

# Enough ordinary cases for four pages of ten.
for i in range(20):
    cases.append(case(0x200 + i, f"General question #{i + 1}", 10 + i))

scenario = {
    "description": "Cases tests: pages of cases and messages, linked review and quota cases, "
                   "this app's case, a resolved case, an account without a support plan, "
                   "an account whose GetAccount shows display ids.",
    "accounts": [
        {
            "account_id": ACCOUNT,
            "profile": "cases",
            "support_plan": "business",
            "contact_email": "ops@example.com",
            "regions": {
                "eu-west-1": {"status": "pending", "review": {"case_id": cid(0xA1)}},
                "us-west-2": {"status": "production",
                              "quota_requests": [{"id": "qr-1", "quota_code": "L-804C8AE8",
                                                  "desired_value": 100000,
                                                  "status": "CASE_OPENED",
                                                  "case_id": cid(0xB2)}]},
            },
            "cases": cases,
        },
        {
            "account_id": "222222222222",
            "profile": "basic",
            "support_plan": "basic",
            "regions": {"us-east-1": {"status": "pending"}},
        },
        {
            "account_id": "333333333333",
            "profile": "display",
            "support_plan": "business",
            "case_id_style": "display",
            "regions": {"us-east-1": {"status": "pending"}},
        },
    ],
}

print(json.dumps(scenario, indent=1, ensure_ascii=False))
