#!/usr/bin/env python3
"""The AWS CLI v2 (/usr/bin/aws, its own botocore) against every operation
the emulator adds to moto, on the demo scenario. Runs under with-emulator:

  tests/aws-emulator/with-emulator --scenario demo -- python3 test-emulator-awscli.py

(started without it, it starts itself that way).

Checks that answers parse and carry the scenario's values, that writes
change what later reads return, that a wrong secret is rejected, and that
the emulator recorded no model or signature violation. TAP output.
"""

import base64
import datetime
import json
import os
import subprocess
import sys
import traceback
import urllib.request

AWS = "/usr/bin/aws"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(ROOT, "tests", "aws-emulator", "scenarios", "demo.json")

ENDPOINT = os.environ.get("AWS_ENDPOINT_URL")
CONTROL = os.environ.get("SD_EMULATOR_CONTROL")
PROD = "acme-prod"
EN_SUBJECT = "Dedicated IP request: us-east-1 (3 IPs)"

TESTS = []
SHARED = {}


def test(fn):
    TESTS.append(fn)
    return fn


class CliError(Exception):
    def __init__(self, code, stderr):
        super().__init__(f"aws exited {code}: {stderr.strip()}")
        self.code = code
        self.stderr = stderr


def aws(*args, profile=PROD, region="us-east-1", env=None):
    cmd = [AWS, "--endpoint-url", ENDPOINT, "--region", region, "--output", "json"]
    if profile:
        cmd += ["--profile", profile]
    cmd += list(args)
    full_env = dict(os.environ, AWS_PAGER="", AWS_DEFAULT_OUTPUT="json")
    full_env.update(env or {})
    p = subprocess.run(cmd, capture_output=True, text=True, env=full_env, timeout=120)
    if p.returncode != 0:
        raise CliError(p.returncode, p.stderr)
    return json.loads(p.stdout) if p.stdout.strip() else {}


def aws_fails(expected_code, *args, **kw):
    try:
        aws(*args, **kw)
    except CliError as e:
        assert expected_code in e.stderr, f"expected {expected_code}: {e.stderr}"
        return e.stderr
    raise AssertionError(f"expected {expected_code}, the command succeeded")


def control(method, path):
    req = urllib.request.Request(CONTROL + path, method=method)
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


def demo_account(account_id="111111111111"):
    with open(DEMO, encoding="utf-8") as f:
        doc = json.load(f)
    return next(a for a in doc["accounts"] if a["account_id"] == account_id)


def all_ips(region_spec):
    out = {}
    for pool in region_spec.get("pools", []):
        for ip in pool.get("ips", []):
            ip = ip if isinstance(ip, dict) else {"ip": ip}
            out[ip["ip"]] = pool["name"]
    for ip in region_spec.get("ips", []):
        out[ip["ip"]] = None
    return out


# ---------------------------------------------------------------- SESv2

@test
def sesv2_get_account_carries_seeded_values():
    spec = demo_account()["regions"]["us-east-1"]
    acct = aws("sesv2", "get-account", region="us-east-1")
    assert acct["ProductionAccessEnabled"] is True
    assert acct["SendQuota"]["Max24HourSend"] == spec["quota"]["max24"]
    assert acct["SendQuota"]["MaxSendRate"] == spec["quota"]["maxrate"]
    assert acct["SendQuota"]["SentLast24Hours"] == spec["quota"]["sent"]
    assert acct["Details"]["ReviewDetails"]["Status"] == "GRANTED"
    assert acct["DedicatedIpAutoWarmupEnabled"] is True
    tokyo = aws("sesv2", "get-account", region="ap-northeast-1")
    review = tokyo["Details"]["ReviewDetails"]
    assert review == {"Status": "PENDING",
                      "CaseId": demo_account()["regions"]["ap-northeast-1"]["review"]["case_id"]}
    assert tokyo["Details"]["ContactLanguage"] == "JA"
    sandbox = aws("sesv2", "get-account", region="eu-north-1")
    assert sandbox["ProductionAccessEnabled"] is False
    assert sandbox["SendQuota"]["Max24HourSend"] == 200


@test
def sesv2_put_account_details_opens_a_review():
    aws("sesv2", "put-account-details", "--mail-type", "TRANSACTIONAL",
        "--website-url", "https://cli.example.com", "--contact-language", "EN",
        "--use-case-description", "Receipts sent from the CLI test.",
        "--additional-contact-email-addresses", "cli@example.com",
        "--production-access-enabled", region="eu-north-1")
    review = aws("sesv2", "get-account", region="eu-north-1")["Details"]["ReviewDetails"]
    assert review["Status"] == "PENDING" and review["CaseId"], review
    SHARED["review_case"] = review["CaseId"]
    aws_fails("ConflictException", "sesv2", "put-account-details", "--mail-type",
              "MARKETING", "--website-url", "https://cli.example.com",
              # The CLI's older model still requires a use case description.
              "--use-case-description", "Again.",
              "--production-access-enabled", region="eu-north-1")


@test
def sesv2_get_dedicated_ips_pages_by_hand():
    expected = all_ips(demo_account()["regions"]["us-east-1"])
    seen, token, pages = {}, None, 0
    while True:
        args = ["sesv2", "get-dedicated-ips", "--page-size", "3"]
        if token:
            args += ["--next-token", token]
        page = aws(*args, region="us-east-1")
        pages += 1
        for ip in page["DedicatedIps"]:
            seen[ip["Ip"]] = ip
        token = page.get("NextToken")
        if not token:
            break
    assert set(seen) == set(expected), (sorted(seen), sorted(expected))
    assert pages == -(-len(expected) // 3), pages
    for ip, pool in expected.items():
        assert seen[ip].get("PoolName") == pool, seen[ip]
    managed = [v for v in seen.values() if v.get("PoolName") == "managed-auto"]
    assert managed and all(v["WarmupStatus"] == "NOT_APPLICABLE" and
                           v["WarmupPercentage"] == -1 for v in managed)
    pool = aws("sesv2", "get-dedicated-ips", "--pool-name", "marketing", region="us-east-1")
    assert {ip["Ip"] for ip in pool["DedicatedIps"]} == \
        {ip for ip, p in expected.items() if p == "marketing"}


@test
def sesv2_get_dedicated_ip():
    pool = next(p for p in demo_account()["regions"]["us-east-1"]["pools"]
                if p["name"] == "marketing")
    warming = next(ip for ip in pool["ips"] if ip["warmup_status"] == "IN_PROGRESS")
    ip = aws("sesv2", "get-dedicated-ip", "--ip", warming["ip"],
             region="us-east-1")["DedicatedIp"]
    assert ip == {"Ip": warming["ip"], "WarmupStatus": "IN_PROGRESS",
                  "WarmupPercentage": warming["warmup_percentage"],
                  "PoolName": "marketing"}, ip
    aws_fails("NotFoundException", "sesv2", "get-dedicated-ip", "--ip", "192.0.2.250",
              region="us-east-1")


@test
def sesv2_put_dedicated_ip_in_pool():
    aws("sesv2", "put-dedicated-ip-in-pool", "--ip", "198.51.100.99",
        "--destination-pool-name", "transactional", region="us-east-1")
    ip = aws("sesv2", "get-dedicated-ip", "--ip", "198.51.100.99", region="us-east-1")
    assert ip["DedicatedIp"]["PoolName"] == "transactional", ip


@test
def sesv2_pools_list_get_create():
    names = aws("sesv2", "list-dedicated-ip-pools", region="us-east-1")["DedicatedIpPools"]
    expected = [p["name"] for p in demo_account()["regions"]["us-east-1"]["pools"]]
    assert sorted(names) == sorted(expected), names
    pool = aws("sesv2", "get-dedicated-ip-pool", "--pool-name", "managed-auto",
               region="us-east-1")["DedicatedIpPool"]
    assert pool == {"PoolName": "managed-auto", "ScalingMode": "MANAGED"}, pool
    aws("sesv2", "create-dedicated-ip-pool", "--pool-name", "cli-managed",
        "--scaling-mode", "MANAGED", "--tags", "Key=team,Value=mail", region="eu-west-3")
    pool = aws("sesv2", "get-dedicated-ip-pool", "--pool-name", "cli-managed",
               region="eu-west-3")["DedicatedIpPool"]
    assert pool["ScalingMode"] == "MANAGED"
    assert aws("sesv2", "list-dedicated-ip-pools",
               region="eu-west-3")["DedicatedIpPools"] == ["cli-managed"]
    aws_fails("AlreadyExistsException", "sesv2", "create-dedicated-ip-pool",
              "--pool-name", "cli-managed", region="eu-west-3")


# ---------------------------------------------------------------- Support

@test
def support_describe_services_and_severity_levels():
    services = aws("support", "describe-services")["services"]
    by_code = {s["code"]: s for s in services}
    assert "dedicated-ips" in [c["code"] for c in
                               by_code["amazon-simple-email-service"]["categories"]]
    # Not listed: the Support API does not take limit increases.
    assert "service-limit-increase" not in by_code, sorted(by_code)
    ja = aws("support", "describe-services", "--service-code-list",
             "general-info", "--language", "ja")["services"]
    assert len(ja) == 1 and ja[0]["name"] != by_code["general-info"]["name"]
    levels = aws("support", "describe-severity-levels")["severityLevels"]
    assert [x["code"] for x in levels] == ["low", "normal", "high", "urgent"], levels


@test
def support_describe_cases_finds_seeded_cases():
    cases = aws("support", "describe-cases", "--include-resolved-cases",
                "--no-include-communications")["cases"]
    subjects = {c["subject"]: c for c in cases}
    seeded = [c["subject"] for c in demo_account()["cases"]]
    for s in seeded:
        assert s in subjects, f"{s!r} missing from {sorted(subjects)}"
    en = subjects[EN_SUBJECT]
    assert en["status"] == "pending-customer-action" and en["language"] == "en"
    assert en["ccEmailAddresses"] == ["mail-ops@example.com"]
    assert any(c["language"] == "ja" for c in cases)
    assert SHARED["review_case"] in {c["caseId"] for c in cases}
    open_only = aws("support", "describe-cases", "--no-include-communications")["cases"]
    assert all(c["status"] != "resolved" for c in open_only)
    assert len(open_only) < len(cases)
    SHARED["en_case"] = en["caseId"]


@test
def support_describe_communications_whole_thread():
    spec = next(c for c in demo_account()["cases"] if c["subject"] == EN_SUBJECT)
    comms = aws("support", "describe-communications", "--case-id",
                SHARED["en_case"])["communications"]
    assert len(comms) == len(spec["communications"]), len(comms)
    times = [c["timeCreated"] for c in comms]
    assert times == sorted(times, reverse=True), "not newest first"
    assert comms[-1]["body"] == spec["communications"][0]["body"]
    assert comms[0]["submittedBy"] in ("Amazon Web Services",) or "<" in comms[0]["submittedBy"]
    csv = comms[-1]["attachmentSet"][0]
    assert csv["fileName"] == "sending-volume.csv", csv
    SHARED["csv_attachment"] = csv["attachmentId"]
    paged = aws("support", "describe-communications", "--case-id", SHARED["en_case"],
                "--max-results", "10", "--no-paginate")
    assert len(paged["communications"]) == 10 and paged.get("nextToken")


@test
def support_describe_attachment():
    att = aws("support", "describe-attachment", "--attachment-id",
              SHARED["csv_attachment"])["attachment"]
    spec = next(c for c in demo_account()["cases"] if c["subject"] == EN_SUBJECT)
    text = spec["communications"][0]["attachments"][0]["text"]
    assert att["fileName"] == "sending-volume.csv"
    assert base64.b64decode(att["data"]).decode() == text


@test
def support_attachments_create_case_reply_resolve():
    data = base64.b64encode("release 198.51.100.99\n".encode()).decode()
    made = aws("support", "add-attachments-to-set", "--attachments",
               f"fileName=ips.txt,data={data}")
    assert made["attachmentSetId"] and made["expiryTime"]
    case_id = aws("support", "create-case", "--subject", "CLI: release dedicated IPs",
                  "--communication-body", "Please release one dedicated IP.",
                  "--service-code", "amazon-simple-email-service",
                  "--category-code", "dedicated-ips", "--severity-code", "low",
                  "--language", "en", "--issue-type", "technical",
                  "--cc-email-addresses", "cli@example.com",
                  "--attachment-set-id", made["attachmentSetId"])["caseId"]
    assert case_id.startswith("case-111111111111-"), case_id
    comm = aws("support", "describe-communications", "--case-id", case_id)["communications"]
    assert len(comm) == 1 and comm[0]["attachmentSet"][0]["fileName"] == "ips.txt"
    got = aws("support", "describe-attachment", "--attachment-id",
              comm[0]["attachmentSet"][0]["attachmentId"])["attachment"]
    assert got["data"] == data
    assert aws("support", "add-communication-to-case", "--case-id", case_id,
               "--communication-body", "Any news?")["result"] is True
    assert len(aws("support", "describe-communications",
                   "--case-id", case_id)["communications"]) == 2
    resolved = aws("support", "resolve-case", "--case-id", case_id)
    assert resolved == {"initialCaseStatus": "opened", "finalCaseStatus": "resolved"}, resolved
    case = aws("support", "describe-cases", "--case-id-list", case_id,
               "--include-resolved-cases")["cases"][0]
    assert case["status"] == "resolved" and case["ccEmailAddresses"] == ["cli@example.com"]


@test
def support_without_a_plan_says_so():
    aws_fails("SubscriptionRequiredException", "support", "describe-cases",
              profile="acme-staging")


# ---------------------------------------------------------------- Service Quotas

@test
def service_quotas_list_and_get():
    spec = demo_account()["regions"]["eu-west-1"]["quota"]
    quotas = aws("service-quotas", "list-service-quotas", "--service-code", "ses",
                 region="eu-west-1")["Quotas"]
    values = {q["QuotaCode"]: q["Value"] for q in quotas}
    assert values == {"L-804C8AE8": spec["max24"], "L-CDEF9B6B": spec["maxrate"]}, values
    one = aws("service-quotas", "get-service-quota", "--service-code", "ses",
              "--quota-code", "L-CDEF9B6B", region="eu-west-1")["Quota"]
    assert one["Value"] == spec["maxrate"] and one["Adjustable"] is True


@test
def service_quotas_history_by_quota():
    hist = aws("service-quotas", "list-requested-service-quota-change-history-by-quota",
               "--service-code", "ses", "--quota-code", "L-804C8AE8",
               region="eu-west-1")["RequestedQuotas"]
    assert [(h["Status"], h["DesiredValue"]) for h in hist] == [("CASE_OPENED", 200000.0)], hist
    assert hist[0]["CaseId"]
    older = aws("service-quotas", "list-requested-service-quota-change-history-by-quota",
                "--service-code", "ses", "--quota-code", "L-CDEF9B6B",
                region="ap-southeast-2")["RequestedQuotas"]
    assert [h["Status"] for h in older] == ["DENIED"], older


@test
def service_quotas_request_increase_and_get():
    req = aws("service-quotas", "request-service-quota-increase", "--service-code", "ses",
              "--quota-code", "L-CDEF9B6B", "--desired-value", "50",
              region="us-west-1")["RequestedQuota"]
    assert req["Status"] == "CASE_OPENED" and req["DesiredValue"] == 50.0, req
    assert req["CaseId"]
    again = aws("service-quotas", "get-requested-service-quota-change", "--request-id",
                req["Id"], region="us-west-1")["RequestedQuota"]
    assert again["Id"] == req["Id"] and again["Status"] == "CASE_OPENED"
    aws_fails("ResourceAlreadyExistsException", "service-quotas",
              "request-service-quota-increase", "--service-code", "ses",
              "--quota-code", "L-CDEF9B6B", "--desired-value", "60", region="us-west-1")
    cases = aws("support", "describe-cases", "--case-id-list", req["CaseId"])["cases"]
    assert len(cases) == 1 and "Sending rate" in cases[0]["subject"]


# ---------------------------------------------------------------- auth

@test
def region_denied_by_policy():
    aws_fails("AccessDeniedException", "sesv2", "get-account", region="eu-south-1")


@test
def wrong_secret_is_rejected_and_recorded():
    creds = json.loads(os.environ["SD_EMULATOR_JSON"])["accounts"][0]
    before = [v for v in control("GET", "/violations")["violations"]
              if v["kind"] == "signature"]
    env = {"AWS_ACCESS_KEY_ID": creds["access_key_id"],
           "AWS_SECRET_ACCESS_KEY": "wrong" + creds["secret_access_key"][5:],
           "AWS_MAX_ATTEMPTS": "1"}
    aws_fails("SignatureDoesNotMatch", "sesv2", "get-account", profile=None, env=env,
              region="eu-west-1")
    after = [v for v in control("GET", "/violations")["violations"]
             if v["kind"] == "signature"]
    assert len(after) == len(before) + 1, after
    # Deliberate: clear it so that with-emulator does not fail the run.
    control("DELETE", "/violations?kind=signature")


def _metric_queries(*specs):
    return json.dumps([{"Id": qid, "ReturnData": True,
                        "MetricStat": {"Metric": {"Namespace": ns, "MetricName": name},
                                       "Period": period, "Stat": stat}}
                       for qid, ns, name, stat, period in specs])


def _window(days=14):
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    start = (now - datetime.timedelta(days=days - 1)).replace(hour=0, minute=0, second=0)
    return start.strftime("%Y-%m-%dT%H:%M:%SZ"), \
        (now + datetime.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")


@test
def cloudwatch_get_metric_data_demo_health():
    """The demo's sending figures, as the AWS CLI sees them."""
    start, end = _window()
    out = aws("cloudwatch", "get-metric-data", "--start-time", start, "--end-time", end,
              "--scan-by", "TimestampAscending", "--metric-data-queries", _metric_queries(
                  ("send", "AWS/SES", "Send", "Sum", 86400),
                  ("bounce", "AWS/SES", "Reputation.BounceRate", "Average", 86400),
                  ("complaint", "AWS/SES", "Reputation.ComplaintRate", "Average", 86400)),
              region="us-east-2")
    results = {r["Id"]: r for r in out["MetricDataResults"]}
    region = demo_account()["regions"]["us-east-2"]["metrics"]
    assert results["send"]["Values"] == [float(v) for v in region["send"]], results["send"]
    assert abs(results["bounce"]["Values"][-1] - region["bounce_rate"][-1]) < 1e-9, results["bounce"]
    assert len(results["complaint"]["Values"]) == 14, results["complaint"]
    # us-west-1 has sent nothing: no rate at all, not 0.
    out = aws("cloudwatch", "get-metric-data", "--start-time", start, "--end-time", end,
              "--metric-data-queries", _metric_queries(
                  ("bounce", "AWS/SES", "Reputation.BounceRate", "Average", 86400)),
              region="us-west-1")
    assert out["MetricDataResults"][0]["Values"] == [], out


@test
def cloudwatch_put_metric_data_then_get():
    """Any demo user may put metrics in, here the read-only auditor."""
    aws("cloudwatch", "put-metric-data", "--namespace", "SdTest/Cli", "--metric-name", "Sends",
        "--value", "17", "--unit", "Count", profile="acme-readonly", region="eu-north-1")
    aws("cloudwatch", "put-metric-data", "--namespace", "SdTest/Cli", "--metric-name", "Sends",
        "--value", "25", "--unit", "Count", profile="acme-readonly", region="eu-north-1")
    start, end = _window(1)
    out = aws("cloudwatch", "get-metric-data", "--start-time", start, "--end-time", end,
              "--metric-data-queries", _metric_queries(("s", "SdTest/Cli", "Sends", "Sum", 3600)),
              region="eu-north-1")
    assert sum(out["MetricDataResults"][0]["Values"]) == 42.0, out
    ops = [(e["operation"], e["status"]) for e in
           control("GET", "/requests?service=cloudwatch&region=eu-north-1")["requests"]]
    assert ops == [("PutMetricData", 200), ("PutMetricData", 200), ("GetMetricData", 200)], ops


@test
def cloudwatch_denied_region_and_send_statistics():
    """ap-southeast-2 denies GetMetricData; SES v1 GetSendStatistics still has the counts."""
    start, end = _window()
    aws_fails("AccessDenied", "cloudwatch", "get-metric-data", "--start-time", start,
              "--end-time", end, "--metric-data-queries",
              _metric_queries(("send", "AWS/SES", "Send", "Sum", 86400)), region="ap-southeast-2")
    points = aws("ses", "get-send-statistics", region="ap-southeast-2")["SendDataPoints"]
    sends = demo_account()["regions"]["ap-southeast-2"]["metrics"]["send"]
    assert sorted(p["DeliveryAttempts"] for p in points) == sorted(sends), points


@test
def no_violations_recorded():
    found = control("GET", "/violations")["violations"]
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def main():
    if not os.access(AWS, os.X_OK):
        print(f"1..0 # SKIP {AWS} (AWS CLI v2, apt package awscli) is not installed")
        return 77
    if not ENDPOINT or not CONTROL:
        # Started bare: run again under a fresh emulator with the demo scenario.
        helper = os.path.join(ROOT, "tests", "aws-emulator", "with-emulator")
        me = os.path.abspath(__file__)
        os.execv(sys.executable, [sys.executable, helper, "--scenario", "demo", "--",
                                  sys.executable, me])
    print(f"1..{len(TESTS)}", flush=True)
    failed = 0
    for i, fn in enumerate(TESTS, 1):
        try:
            fn()
            print(f"ok {i} - {fn.__name__}", flush=True)
        except Exception:  # noqa: BLE001 - report and go on
            failed += 1
            print(f"not ok {i} - {fn.__name__}")
            for line in traceback.format_exc().splitlines():
                print(f"# {line}")
            sys.stdout.flush()
    print(f"# {len(TESTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
