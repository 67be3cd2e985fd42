#!/usr/bin/env python3
"""Self-test of the AWS emulator with boto3 (TAP output).

Starts its own emulator (./serve --port 0 --json), loads an inline scenario
and checks signature rejection, IAM denials, model validation, fault
injection (incl. after_apply and drop), pagination, the SES/Support/Service
Quotas state rules and request concurrency. Deliberate violations are
checked and cleared; the last test requires none to be left.
"""

import concurrent.futures
import datetime
import json
import os
import subprocess
import sys
import time
import traceback
import urllib.parse
import urllib.request

import boto3
import botocore.exceptions
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

HERE = os.path.dirname(os.path.abspath(__file__))
A = "111111111111"
B = "222222222222"


def _ip(i, status="DONE", pct=100):
    return {"ip": f"198.51.100.{i}", "warmup_status": status, "warmup_percentage": pct}


SCENARIO = {
    "accounts": [
        {"account_id": A, "profile": "one",
         "users": [
             {"name": "sesdesk", "policy": "ses-desk",
              "deny": [{"actions": ["ses:GetAccount"], "regions": ["eu-south-1"]},
                       {"actions": ["cloudwatch:GetMetricData"], "regions": ["ca-central-1"]}]},
             {"name": "ro", "profile": "one-ro", "policy": "read-only"}],
         "roles": [{"name": "Admin", "profile": "one-admin", "policy": "ses-desk"}],
         "regions": {
             "eu-west-1": {
                 "status": "production", "quota": {"max24": 50000, "maxrate": 14, "sent": 7},
                 "pools": [{"name": "std", "ips": [_ip(1), _ip(2), _ip(3, "IN_PROGRESS", 40)]},
                           {"name": "managed", "scaling_mode": "MANAGED",
                            "ips": ["203.0.113.1"]},
                           {"name": "empty"}],
                 "ips": [_ip(9)],
                 "quota_requests": [
                     {"quota_code": "L-CDEF9B6B", "desired_value": v, "status": "DENIED",
                      "created": f"-{v}d"} for v in range(20, 32)]},
             "us-east-1": {"status": "sandbox"},
             "me-central-1": {"opt_in_disabled": True},
         },
         "cases": [
             {"subject": "Long thread", "language": "en",
              "communications": [{"body": f"message {i}", "time": f"-{20 - i}h"}
                                 for i in range(12)]}] + [
             {"subject": f"Case {i}", "time_created": f"-{i + 30}h"} for i in range(11)]},
        {"account_id": B, "profile": "two", "support_plan": "basic"},
    ]
}


class Emu:
    def __init__(self):
        t0 = time.time()
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "serve"), "--port", "0", "--json",
             "--scenario", "minimal", "--die-with-parent"],
            stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        self.startup_s = time.time() - t0
        self.info = json.loads(line)
        self.endpoint = self.info["endpoint"]
        self.control = self.info["control"]

    def ctl(self, method, path, doc=None):
        data = None if doc is None else json.dumps(doc).encode()
        req = urllib.request.Request(self.control + path, data=data, method=method)
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.load(r)

    def load(self, doc):
        self.info = self.ctl("POST", "/scenario", doc)
        self.creds = {a["profile"]: a for a in self.info["accounts"]}
        return self.info

    def client(self, service, region="eu-west-1", profile="one", attempts=1,
               secret=None, key=None, token=None, validate=True):
        c = self.creds.get(profile, {})
        return boto3.client(
            service, endpoint_url=self.endpoint, region_name=region,
            aws_access_key_id=key or c["access_key_id"],
            aws_secret_access_key=secret or c["secret_access_key"],
            aws_session_token=token,
            config=Config(retries={"total_max_attempts": attempts, "mode": "standard"},
                          parameter_validation=validate, connect_timeout=5,
                          read_timeout=10))

    def raw(self, method, path, region, service, body=b"", headers=None,
            profile="one", secret=None):
        """A hand-signed request; returns (status, headers, body)."""
        c = self.creds[profile]
        req = AWSRequest(method=method, url=self.endpoint + path, data=body,
                         headers=dict(headers or {}))
        SigV4Auth(Credentials(c["access_key_id"], secret or c["secret_access_key"]),
                  service, region).add_auth(req)
        prepared = req.prepare()
        r = urllib.request.Request(prepared.url, data=prepared.body or None,
                                   method=method, headers=dict(prepared.headers))
        try:
            with urllib.request.urlopen(r, timeout=10) as resp:
                return resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def violations(self):
        return self.ctl("GET", "/violations")["violations"]

    def clear_violations(self, kind=None):
        return self.ctl("DELETE", "/violations" + (f"?kind={kind}" if kind else ""))

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


EMU = None
TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def expect_error(call, code, status=None):
    try:
        call()
    except botocore.exceptions.ClientError as e:
        got = e.response["Error"]["Code"]
        assert got == code, f"expected {code}, got {got}: {e}"
        if status is not None:
            s = e.response["ResponseMetadata"]["HTTPStatusCode"]
            assert s == status, f"expected HTTP {status}, got {s}"
        assert e.response["ResponseMetadata"].get("RequestId") or \
            e.response["ResponseMetadata"]["HTTPHeaders"].get("x-amzn-requestid"), \
            "error answer without a request id"
        return e
    raise AssertionError(f"expected {code}, the call succeeded")


def take_violations(kind, count, contains=None):
    found = [v for v in EMU.violations() if v["kind"] == kind]
    assert len(found) == count, f"expected {count} {kind} violation(s), got {found}"
    if contains:
        text = json.dumps(found)
        assert contains in text, f"{contains!r} not in {text}"
    EMU.clear_violations(kind)


# ---------------------------------------------------------------- tests

@test
def startup_is_reported():
    # How long it takes is a figure, not a test (a loaded machine doubles it):
    # printed here; the tests only need it up within with-emulator's 30 s.
    print(f"# startup took {EMU.startup_s:.2f} s")
    assert 0 < EMU.startup_s < 30.0, f"startup took {EMU.startup_s:.2f} s"


@test
def request_id_on_every_answer():
    r = EMU.client("sesv2").get_account()
    assert r["ResponseMetadata"]["HTTPHeaders"].get("x-amzn-requestid")
    status, headers, _ = EMU.raw("GET", "/v2/email/dedicated-ip-pools/nope", "eu-west-1", "ses")
    assert status == 404, status
    assert headers.get("x-amzn-RequestId"), headers


@test
def bad_signature_on_extension_ops_is_rejected():
    expect_error(lambda: EMU.client("sesv2", secret="x" * 40).get_account(),
                 "SignatureDoesNotMatch", 403)
    # moto's shape is XML even for JSON 1.1: botocore finds no code in it.
    e = expect_error(lambda: EMU.client("support", "us-east-1", secret="y" * 40)
                     .describe_severity_levels(), "403", 403)
    assert "<Code>SignatureDoesNotMatch</Code>" in e.response["Error"]["Message"]
    status, headers, body = EMU.raw("GET", "/v2/email/dedicated-ips", "eu-west-1", "ses",
                                    secret="z" * 40)
    assert status == 403 and b"SignatureDoesNotMatch" in body, (status, body)
    take_violations("signature", 3, "SignatureDoesNotMatch")
    EMU.ctl("POST", "/settings", {"auth_errors": "aws"})
    try:
        expect_error(lambda: EMU.client("support", "us-east-1", secret="y" * 40)
                     .describe_severity_levels(), "InvalidSignatureException", 403)
        expect_error(lambda: EMU.client("sesv2", secret="y" * 40).get_account(),
                     "InvalidSignatureException", 403)
        expect_error(lambda: EMU.client("sts", "us-east-1", secret="y" * 40)
                     .get_caller_identity(), "SignatureDoesNotMatch", 403)
        expect_error(lambda: EMU.client("support", "us-east-1", key="AKIANOPE000000000000")
                     .describe_severity_levels(), "UnrecognizedClientException", 403)
    finally:
        EMU.ctl("POST", "/settings", {"auth_errors": "moto"})
    take_violations("signature", 4)


@test
def tampered_body_is_rejected():
    c = EMU.creds["one"]
    req = AWSRequest(method="POST", url=EMU.endpoint + "/", data=b'{"language":"en"}',
                     headers={"X-Amz-Target": "AWSSupport_20130415.DescribeServices",
                              "Content-Type": "application/x-amz-json-1.1"})
    SigV4Auth(Credentials(c["access_key_id"], c["secret_access_key"]),
              "support", "us-east-1").add_auth(req)
    p = req.prepare()
    r = urllib.request.Request(p.url, data=b'{"language":"ja"}', method="POST",
                               headers=dict(p.headers))
    try:
        urllib.request.urlopen(r, timeout=10)
        raise AssertionError("tampered request accepted")
    except urllib.error.HTTPError as e:
        assert e.code == 403, e.code
    take_violations("signature", 1)


@test
def unknown_key_is_rejected():
    expect_error(lambda: EMU.client("sesv2", key="AKIAUNKNOWN000000000").get_account(),
                 "InvalidClientTokenId", 403)
    take_violations("signature", 1, "unknown access key")


@test
def assumed_role_credentials_work():
    sts = EMU.client("sts", "us-east-1")
    role_arn = f"arn:aws:iam::{A}:role/Admin"
    got = sts.assume_role(RoleArn=role_arn, RoleSessionName="selftest")["Credentials"]
    c = EMU.client("sesv2", key=got["AccessKeyId"], secret=got["SecretAccessKey"],
                   token=got["SessionToken"])
    assert c.get_account()["SendQuota"]["Max24HourSend"] == 50000
    ident = EMU.client("sts", "us-east-1", key=got["AccessKeyId"],
                       secret=got["SecretAccessKey"], token=got["SessionToken"])
    arn = ident.get_caller_identity()["Arn"]
    assert arn.startswith(f"arn:aws:sts::{A}:assumed-role/Admin/"), arn
    expect_error(lambda: EMU.client("sesv2", key=got["AccessKeyId"],
                                    secret=got["SecretAccessKey"],
                                    token="wrong-token").get_account(),
                 "InvalidClientTokenId", 403)
    take_violations("signature", 1)
    # Account two's user is not trusted by account one's role.
    expect_error(lambda: EMU.client("sts", "us-east-1", profile="two").assume_role(
        RoleArn=role_arn, RoleSessionName="intruder"), "AccessDenied", 403)


@test
def policy_denies_one_region_only():
    e = expect_error(lambda: EMU.client("sesv2", "eu-south-1").get_account(),
                     "AccessDeniedException", 403)
    assert "ses:GetAccount" in e.response["Error"]["Message"]
    assert EMU.client("sesv2", "eu-west-1").get_account()["ProductionAccessEnabled"]
    # Other SES operations stay allowed in that region.
    EMU.client("sesv2", "eu-south-1").get_dedicated_ips()
    expect_error(lambda: EMU.client("support", "us-east-1", profile="one-ro").create_case(
        subject="x", communicationBody="y"), "AccessDeniedException", 403)
    assert not EMU.violations()


@test
def opt_in_region_not_enabled():
    expect_error(lambda: EMU.client("sesv2", "me-central-1").get_account(),
                 "UnrecognizedClientException", 403)


@test
def model_violations_are_answered_and_recorded():
    c = EMU.client("sesv2", validate=False)
    expect_error(lambda: c.put_account_details(MailType="BOGUS",
                                               WebsiteURL="https://x.example"),
                 "ValidationException", 400)
    take_violations("validation", 1, "MailType")
    expect_error(lambda: c.put_account_details(MailType="MARKETING",
                                               WebsiteURL="h" * 1001),
                 "ValidationException", 400)
    take_violations("validation", 1, "valid max length: 1000")
    s = EMU.client("support", "us-east-1", validate=False)
    expect_error(lambda: s.describe_cases(maxResults=5), "ValidationException", 400)
    take_violations("validation", 1, "maxResults")
    expect_error(lambda: s.create_case(subject="s"), "ValidationException", 400)
    take_violations("validation", 1, "communicationBody")
    body = json.dumps({"MailType": "MARKETING", "WebsiteURL": "https://x.example",
                       "Unknown": 1}).encode()
    status, _, _ = EMU.raw("POST", "/v2/email/account/details", "eu-west-1", "ses", body,
                           {"Content-Type": "application/json"})
    assert status == 400, status
    take_violations("validation", 1, "Unknown")
    status, _, _ = EMU.raw("GET", "/v2/email/dedicated-ips?PageSize=abc", "eu-west-1", "ses")
    assert status == 400, status
    take_violations("validation", 1, "PageSize")
    # A request moto answers is checked too (RoleSessionName min length 2).
    sts = EMU.client("sts", "us-east-1", validate=False)
    expect_error(lambda: sts.assume_role(RoleArn=f"arn:aws:iam::{A}:role/Admin",
                                         RoleSessionName="a"), "ValidationError", 400)
    take_violations("validation", 1, "RoleSessionName")
    status, _, _ = EMU.raw("POST", "/", "us-east-1", "support", b"{}",
                           {"X-Amz-Target": "AWSSupport_20130415.NoSuchOperation",
                            "Content-Type": "application/x-amz-json-1.1"})
    assert status == 400, status
    take_violations("validation", 1, "NoSuchOperation")


@test
def support_needs_its_signing_region():
    expect_error(lambda: EMU.client("support", "eu-west-1").describe_severity_levels(),
                 "InvalidSignatureException", 403)
    take_violations("signature", 1, "scoped to a valid region")


@test
def clock_skew_is_rejected_with_server_date():
    EMU.ctl("POST", "/settings", {"clock_offset_s": 900})
    try:
        e = expect_error(lambda: EMU.client("support", "us-east-1")
                         .describe_severity_levels(), "InvalidSignatureException", 403)
        assert "Signature expired" in e.response["Error"]["Message"]
        date = e.response["ResponseMetadata"]["HTTPHeaders"]["date"]
        from email.utils import parsedate_to_datetime
        skew = parsedate_to_datetime(date).timestamp() - time.time()
        assert 880 < skew < 920, f"Date header is {skew:.0f} s off, expected 900"
    finally:
        EMU.ctl("POST", "/settings", {"clock_offset_s": 0})
    assert not EMU.violations(), "clock skew must not count as a violation"


@test
def throttling_fault_then_retry_succeeds():
    EMU.ctl("DELETE", "/requests")
    EMU.ctl("POST", "/faults", {"service": "sesv2", "operation": "GetAccount",
                                "region": "eu-west-1", "status": 429, "count": 2})
    EMU.client("sesv2", "us-east-1").get_account()  # other region: no fault
    r = EMU.client("sesv2", attempts=3).get_account()
    assert r["ResponseMetadata"]["RetryAttempts"] == 2, r["ResponseMetadata"]
    log = [x for x in EMU.ctl("GET", "/requests?operation=GetAccount")["requests"]]
    assert [x["status"] for x in log] == [200, 429, 429, 200], log
    assert log[1]["fault"] and log[1]["error"] == "TooManyRequestsException", log[1]
    EMU.ctl("POST", "/faults", {"service": "support", "status": 400,
                                "code": "ThrottlingException", "message": "Rate exceeded"})
    e = expect_error(lambda: EMU.client("support", "us-east-1").describe_cases(),
                     "ThrottlingException", 400)
    assert e.response["Error"]["Message"] == "Rate exceeded"


@test
def after_apply_fault_applies_the_write():
    EMU.ctl("POST", "/faults", {"service": "support", "operation": "CreateCase",
                                "status": 500, "code": "InternalServerError",
                                "after_apply": True})
    s = EMU.client("support", "us-east-1")
    expect_error(lambda: s.create_case(subject="Ambiguous write", communicationBody="b"),
                 "InternalServerError", 500)
    cases = s.describe_cases(includeCommunications=False)["cases"]
    cases += s.describe_cases(includeCommunications=False,
                              nextToken=s.describe_cases()["nextToken"])["cases"] \
        if "nextToken" in s.describe_cases() else []
    assert [c["subject"] for c in cases].count("Ambiguous write") == 1, cases


@test
def drop_truncate_malformed_and_delay():
    c = EMU.client("sesv2")
    EMU.ctl("POST", "/faults", {"service": "sesv2", "operation": "GetAccount", "drop": True})
    try:
        c.get_account()
        raise AssertionError("dropped request succeeded")
    except (botocore.exceptions.ConnectionClosedError,
            botocore.exceptions.EndpointConnectionError) as e:
        print(f"# drop -> {type(e).__name__}")
    EMU.ctl("POST", "/faults", {"service": "sesv2", "operation": "GetAccount",
                                "truncate": True})
    try:
        c.get_account()
        raise AssertionError("truncated answer parsed")
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as e:
        print(f"# truncate -> {type(e).__name__}")
    EMU.ctl("POST", "/faults", {"service": "sesv2", "operation": "GetAccount",
                                "malformed": True})
    status, _, body = EMU.raw("GET", "/v2/email/account", "eu-west-1", "ses")
    assert status == 200, status
    try:
        json.loads(body)
        raise AssertionError(f"malformed answer is valid JSON: {body!r}")
    except ValueError:
        pass
    # botocore shrugs at a body that is not JSON: the answer is just empty.
    EMU.ctl("POST", "/faults", {"service": "sesv2", "operation": "GetAccount",
                                "malformed": True})
    assert "SendQuota" not in c.get_account()
    EMU.ctl("POST", "/faults", {"service": "sesv2", "operation": "GetDedicatedIps",
                                "junk_elements": True})
    status, _, body = EMU.raw("GET", "/v2/email/dedicated-ips", "eu-west-1", "ses")
    assert status == 200, status
    ips = json.loads(body)["DedicatedIps"]
    assert ips[:5] == [1, None, "junk", [], True], ips
    EMU.ctl("POST", "/faults", {"service": "sesv2", "operation": "GetAccount",
                                "delay_ms": 300})
    t0 = time.time()
    c.get_account()
    assert time.time() - t0 >= 0.3
    drop_write = {"service": "sesv2", "operation": "CreateDedicatedIpPool", "drop": True,
                  "after_apply": True}
    EMU.ctl("POST", "/faults", drop_write)
    try:
        c.create_dedicated_ip_pool(PoolName="dropped-but-made")
        raise AssertionError("dropped request succeeded")
    except (botocore.exceptions.ConnectionClosedError,
            botocore.exceptions.EndpointConnectionError):
        pass
    assert c.get_dedicated_ip_pool(PoolName="dropped-but-made")["DedicatedIpPool"]
    assert EMU.ctl("GET", "/faults")["faults"][-1]["count"] == 0


def _send_cut(method, path, service, region, body, keep, chunked=False):
    """Send a signed request whose body ends after @keep bytes, then close the
    connection (a client killed while sending): returns what came back."""
    import socket
    c = EMU.creds["one"]
    headers = {"Content-Type": "application/json"}
    if service == "support":
        headers = {"Content-Type": "application/x-amz-json-1.1",
                   "X-Amz-Target": "AWSSupport_20130415.CreateCase"}
    req = AWSRequest(method=method, url=EMU.endpoint + path, data=body, headers=headers)
    SigV4Auth(Credentials(c["access_key_id"], c["secret_access_key"]),
              service, region).add_auth(req)
    host, port = EMU.endpoint.split("//")[1].rsplit(":", 1)
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
    head += "Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {len(body)}\r\n"
    for k, v in req.headers.items():
        if k.lower() not in ("host", "content-length"):
            head += f"{k}: {v}\r\n"
    sent = body[:keep]
    if chunked:
        sent = f"{len(body):x}\r\n".encode() + sent
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(head.encode() + b"\r\n" + sent)
        s.shutdown(socket.SHUT_WR)
        return s.recv(4096)


@test
def body_cut_off_by_the_client_is_not_a_request():
    # A client killed between writing its headers and (all of) its body: the
    # request never was; it is not checked, answered or applied, and is no
    # violation (it is logged as incomplete).
    EMU.ctl("DELETE", "/requests")
    body = json.dumps({"PoolName": "cut-off"}).encode()
    cases_before = len(EMU.ctl("GET", f"/state?account={A}")["accounts"][0]["cases"])
    case = json.dumps({"subject": "Cut off [SD-CUT234]", "communicationBody": "x" * 2000,
                       "language": "en"}).encode()
    for method, path, service, region, data, keep, chunked in (
            ("POST", "/v2/email/dedicated-ip-pools", "ses", "eu-west-1", body, 0, False),
            ("POST", "/v2/email/dedicated-ip-pools", "ses", "eu-west-1", body, 7, False),
            ("POST", "/v2/email/dedicated-ip-pools", "ses", "eu-west-1", body, 7, True),
            ("POST", "/", "support", "us-east-1", case, 0, False),
            ("POST", "/", "support", "us-east-1", case, 1000, False)):
        answer = _send_cut(method, path, service, region, data, keep, chunked)
        assert answer == b"", answer
    time.sleep(0.2)
    log = EMU.ctl("GET", "/requests")["requests"]
    assert len(log) == 5, log
    assert all(e["status"] is None and e["error"].startswith("(incomplete") for e in log), log
    assert [e["operation"] for e in log][3:] == ["CreateCase", "CreateCase"], log
    assert "after 1000 of" in log[4]["error"], log[4]
    assert not EMU.violations(), EMU.violations()
    expect_error(lambda: EMU.client("sesv2").get_dedicated_ip_pool(PoolName="cut-off"),
                 "NotFoundException", 404)
    assert len(EMU.ctl("GET", f"/state?account={A}")["accounts"][0]["cases"]) == cases_before
    # The whole body, then the client goes before the answer: made and applied.
    answer = _send_cut("POST", "/v2/email/dedicated-ip-pools", "ses", "eu-west-1",
                       body, len(body))
    assert answer.startswith(b"HTTP/1.1 200"), answer
    assert EMU.client("sesv2").get_dedicated_ip_pool(PoolName="cut-off")["DedicatedIpPool"]
    assert not EMU.violations(), EMU.violations()


@test
def fault_skip_and_filters():
    EMU.ctl("DELETE", "/faults")
    EMU.ctl("POST", "/faults", {"service": "ses", "operation": "GetDedicatedIps",
                                "account": A, "skip": 1, "count": 1, "status": 503})
    c = EMU.client("sesv2")
    c.get_dedicated_ips()
    expect_error(c.get_dedicated_ips, "ServiceUnavailable", 503)
    c.get_dedicated_ips()
    EMU.ctl("POST", "/faults", {"status": 500, "account": B})
    c.get_dedicated_ips()  # account one is not affected
    EMU.ctl("DELETE", "/faults")
    try:
        EMU.ctl("POST", "/faults", {"bogus": 1})
        raise AssertionError("bad fault accepted")
    except urllib.error.HTTPError as e:
        assert e.code == 400


@test
def body_that_is_not_json_is_a_violation():
    status, _, body = EMU.raw("POST", "/", "us-east-1", "support", b"[]",
                              {"X-Amz-Target": "AWSSupport_20130415.DescribeCases",
                               "Content-Type": "application/x-amz-json-1.1"})
    assert status == 400 and b"SerializationException" in body, (status, body)
    take_violations("validation", 1, "SerializationException")


@test
def dedicated_ip_pagination_and_pools():
    c = EMU.client("sesv2")
    seen, token, pages = [], None, 0
    while True:
        kw = {"PageSize": 2}
        if token:
            kw["NextToken"] = token
        r = c.get_dedicated_ips(**kw)
        pages += 1
        seen += r["DedicatedIps"]
        token = r.get("NextToken")
        if not token:
            break
    assert pages == 3 and len(seen) == 5, (pages, seen)
    by_ip = {x["Ip"]: x for x in seen}
    assert by_ip["203.0.113.1"]["WarmupStatus"] == "NOT_APPLICABLE"
    assert by_ip["203.0.113.1"]["WarmupPercentage"] == -1
    assert by_ip["198.51.100.3"]["WarmupStatus"] == "IN_PROGRESS"
    assert "PoolName" not in by_ip["198.51.100.9"]
    std = c.get_dedicated_ips(PoolName="std")["DedicatedIps"]
    assert [x["Ip"] for x in std] == ["198.51.100.1", "198.51.100.2", "198.51.100.3"]
    expect_error(lambda: c.get_dedicated_ips(NextToken="bm90IGEgdG9rZW4="),
                 "BadRequestException", 400)
    expect_error(lambda: c.get_dedicated_ips(PoolName="nope"), "NotFoundException", 404)
    c.put_dedicated_ip_in_pool(Ip="198.51.100.9", DestinationPoolName="empty")
    assert c.get_dedicated_ip(Ip="198.51.100.9")["DedicatedIp"]["PoolName"] == "empty"
    expect_error(lambda: c.put_dedicated_ip_in_pool(Ip="198.51.100.1",
                                                    DestinationPoolName="managed"),
                 "BadRequestException", 400)
    c.create_dedicated_ip_pool(PoolName="auto", ScalingMode="MANAGED")
    assert c.get_dedicated_ip_pool(PoolName="auto")["DedicatedIpPool"]["ScalingMode"] == "MANAGED"
    expect_error(lambda: c.create_dedicated_ip_pool(PoolName="auto"),
                 "AlreadyExistsException", 400)
    names = c.list_dedicated_ip_pools(PageSize=2)
    assert len(names["DedicatedIpPools"]) == 2 and names.get("NextToken")
    rest = c.list_dedicated_ip_pools(PageSize=10, NextToken=names["NextToken"])
    assert "auto" in rest["DedicatedIpPools"] and "NextToken" not in rest


@test
def support_pagination():
    s = EMU.client("support", "us-east-1")
    first = s.describe_cases(maxResults=10)
    assert len(first["cases"]) == 10 and first.get("nextToken")
    second = s.describe_cases(maxResults=10, nextToken=first["nextToken"])
    subjects = [c["subject"] for c in first["cases"] + second["cases"]]
    assert "Long thread" in subjects and "Case 10" in subjects, subjects
    assert len(set(subjects)) == len(subjects)
    times = [c["timeCreated"] for c in first["cases"] + second["cases"]]
    assert times == sorted(times, reverse=True), "cases are not newest first"
    long = next(c for c in first["cases"] + second["cases"] if c["subject"] == "Long thread")
    recent = long["recentCommunications"]
    assert len(recent["communications"]) == 5 and recent.get("nextToken")
    assert recent["communications"][0]["body"] == "message 11"
    p1 = s.describe_communications(caseId=long["caseId"], maxResults=10)
    p2 = s.describe_communications(caseId=long["caseId"], maxResults=10,
                                   nextToken=p1["nextToken"])
    bodies = [m["body"] for m in p1["communications"] + p2["communications"]]
    assert bodies == [f"message {i}" for i in range(11, -1, -1)], bodies
    assert "nextToken" not in p2
    expect_error(lambda: s.describe_communications(caseId="case-nope"), "CaseIdNotFound")


@test
def quota_history_pagination_and_one_open_request():
    q = EMU.client("service-quotas")
    got, token = [], None
    while True:
        kw = {"ServiceCode": "ses", "QuotaCode": "L-CDEF9B6B", "MaxResults": 5}
        if token:
            kw["NextToken"] = token
        r = q.list_requested_service_quota_change_history_by_quota(**kw)
        got += r["RequestedQuotas"]
        token = r.get("NextToken")
        if not token:
            break
    assert len(got) == 12, len(got)
    r = q.request_service_quota_increase(ServiceCode="ses", QuotaCode="L-CDEF9B6B",
                                         DesiredValue=50)["RequestedQuota"]
    assert r["Status"] == "CASE_OPENED" and r["CaseId"].startswith("case-"), r
    expect_error(lambda: q.request_service_quota_increase(
        ServiceCode="ses", QuotaCode="L-CDEF9B6B", DesiredValue=60),
        "ResourceAlreadyExistsException")
    assert q.get_requested_service_quota_change(RequestId=r["Id"])["RequestedQuota"][
        "DesiredValue"] == 50
    expect_error(lambda: q.request_service_quota_increase(
        ServiceCode="ses", QuotaCode="L-804C8AE8", DesiredValue=10),
        "IllegalArgumentException")
    case = EMU.client("support", "us-east-1").describe_cases(caseIdList=[r["CaseId"]])
    assert len(case["cases"]) == 1
    quotas = {x["QuotaCode"]: x["Value"]
              for x in q.list_service_quotas(ServiceCode="ses")["Quotas"]}
    assert quotas == {"L-804C8AE8": 50000.0, "L-CDEF9B6B": 14.0}, quotas


@test
def leaving_the_sandbox_opens_a_review_case():
    c = EMU.client("sesv2", "us-east-1")
    c.put_account_details(MailType="TRANSACTIONAL", WebsiteURL="https://shop.example.jp",
                          ContactLanguage="JA", UseCaseDescription="注文確認",
                          ProductionAccessEnabled=True)
    review = c.get_account()["Details"]["ReviewDetails"]
    assert review["Status"] == "PENDING" and review["CaseId"], review
    expect_error(lambda: c.put_account_details(MailType="TRANSACTIONAL",
                                               WebsiteURL="https://x.example",
                                               ProductionAccessEnabled=True),
                 "ConflictException", 409)
    s = EMU.client("support", "us-east-1")
    case = s.describe_cases(caseIdList=[review["CaseId"]])["cases"][0]
    assert case["language"] == "ja" and "注文確認" in \
        case["recentCommunications"]["communications"][0]["body"]


@test
def attachments_limits_and_expiry():
    s = EMU.client("support", "us-east-1")
    one = {"fileName": "a.txt", "data": b"a"}
    r = s.add_attachments_to_set(attachments=[one, one])
    s.add_attachments_to_set(attachmentSetId=r["attachmentSetId"], attachments=[one])
    expect_error(lambda: s.add_attachments_to_set(attachmentSetId=r["attachmentSetId"],
                                                  attachments=[one]),
                 "AttachmentSetSizeLimitExceeded")
    expect_error(lambda: s.add_attachments_to_set(
        attachments=[{"fileName": "big.bin", "data": b"x" * (5 * 1024 * 1024 + 1)}]),
        "AttachmentSetSizeLimitExceeded")
    case = s.create_case(subject="With files", communicationBody="see files",
                         attachmentSetId=r["attachmentSetId"])["caseId"]
    comm = s.describe_communications(caseId=case)["communications"][0]
    assert len(comm["attachmentSet"]) == 3
    got = s.describe_attachment(attachmentId=comm["attachmentSet"][0]["attachmentId"])
    assert got["attachment"]["data"] == b"a"
    expect_error(lambda: s.create_case(subject="again", communicationBody="b",
                                       attachmentSetId=r["attachmentSetId"]),
                 "AttachmentSetIdNotFound")
    late = s.add_attachments_to_set(attachments=[one])["attachmentSetId"]
    EMU.ctl("POST", "/settings", {"time_offset_s": 3700})
    try:
        expect_error(lambda: s.add_communication_to_case(
            caseId=case, communicationBody="late", attachmentSetId=late),
            "AttachmentSetExpired")
    finally:
        EMU.ctl("POST", "/settings", {"time_offset_s": 0})
    expect_error(lambda: s.describe_attachment(attachmentId="attachment-nope"),
                 "AttachmentIdNotFound")


@test
def case_lifecycle_and_subscription():
    s = EMU.client("support", "us-east-1")
    case = s.create_case(subject="Lifecycle", communicationBody="hi", language="ja",
                         serviceCode="amazon-simple-email-service",
                         categoryCode="dedicated-ips", severityCode="normal")["caseId"]
    EMU.ctl("POST", "/state", {"account": A, "communication": {
        "case_id": case, "body": "AWS からの返信です。"}})
    got = s.describe_cases(caseIdList=[case])["cases"][0]
    assert got["status"] == "pending-customer-action", got["status"]
    assert got["recentCommunications"]["communications"][0]["submittedBy"] == \
        "Amazon Web Services"
    assert s.add_communication_to_case(caseId=case, communicationBody="ok")["result"]
    assert s.describe_cases(caseIdList=[case])["cases"][0]["status"] == \
        "customer-action-completed"
    r = s.resolve_case(caseId=case)
    assert r == {**r, "initialCaseStatus": "customer-action-completed",
                 "finalCaseStatus": "resolved"}, r
    assert s.describe_cases(caseIdList=[case])["cases"] == []
    assert len(s.describe_cases(caseIdList=[case], includeResolvedCases=True)["cases"]) == 1
    ja = s.describe_cases(language="ja", includeResolvedCases=True)["cases"]
    assert ja and all(c["language"] == "ja" for c in ja)
    expect_error(lambda: s.create_case(subject="x", communicationBody="y",
                                       serviceCode="no-such-service"),
                 "InvalidParameterValueException")
    # AWS's CreateCase reference: the Support API does not take limit increases.
    codes = [x["code"] for x in s.describe_services()["services"]]
    assert "service-limit-increase" not in codes and "amazon-simple-email-service" in codes, codes
    EMU.ctl("POST", "/settings", {"list_limit_increase_service": True})
    try:
        codes = [x["code"] for x in s.describe_services()["services"]]
        assert "service-limit-increase" in codes, codes
        expect_error(lambda: s.create_case(subject="x", communicationBody="y",
                                           serviceCode="service-limit-increase",
                                           categoryCode="service-code-ses"),
                     "InvalidParameterValueException")
    finally:
        EMU.ctl("POST", "/settings", {"list_limit_increase_service": False})
    assert [x["code"] for x in s.describe_severity_levels()["severityLevels"]] == \
        ["low", "normal", "high", "urgent"]
    expect_error(lambda: EMU.client("support", "us-east-1", profile="two")
                 .describe_cases(), "SubscriptionRequiredException")


@test
def state_patch_is_visible():
    EMU.ctl("POST", "/state", {"account": A, "region": "ap-south-1",
                               "account_state": {"status": "denied"}})
    acct = EMU.client("sesv2", "ap-south-1").get_account()
    assert acct["Details"]["ReviewDetails"]["Status"] == "DENIED"
    assert EMU.client("ses", "ap-south-1").get_send_quota()["Max24HourSend"] == 200


@test
def concurrent_requests_are_not_serialised():
    EMU.ctl("POST", "/settings", {"latency_ms": 100})
    clients = [EMU.client("sesv2", r) for r in ("eu-west-1", "us-east-1", "ap-south-1")]
    try:
        for c in clients:
            c.get_account()  # warm the connection pools
        t0 = time.time()
        with concurrent.futures.ThreadPoolExecutor(27) as pool:
            list(pool.map(lambda i: clients[i % 3].get_account(), range(27)))
        took = time.time() - t0
    finally:
        EMU.ctl("POST", "/settings", {"latency_ms": 0})
    print(f"# 27 concurrent requests with 100 ms latency took {took * 1000:.0f} ms")
    # Serialised, they would take 2.7 s.
    assert took < 1.2, f"took {took:.2f} s"


@test
def demo_scenario_loads_and_keys_survive_reload():
    before = dict(EMU.creds)
    info = EMU.load({"name": "demo"})
    state = EMU.ctl("GET", "/state")
    # The three accounts of every region; the organizations' accounts have a few regions each.
    plain = [a for a in state["accounts"] if not a.get("member_of") and not a.get("organization")]
    assert len(plain) == 3, [a["account_id"] for a in plain]
    for acct in plain:
        assert len(acct["regions"]) >= 27, len(acct["regions"])
    statuses = set()
    for a in plain:
        for reg in a["regions"].values():
            r = reg.get("review") or {}
            statuses.add(r.get("status") or
                         ("production" if reg["production_access_enabled"] else "sandbox"))
    assert {"sandbox", "GRANTED", "production", "PENDING", "DENIED", "FAILED"} <= statuses
    s = EMU.client("support", "us-east-1", profile="acme-prod")
    langs = {c["language"] for c in s.describe_cases(includeResolvedCases=True)["cases"]}
    assert langs == {"en", "ja"}, langs
    expect_error(lambda: EMU.client("sesv2", "eu-south-1", profile="acme-prod")
                 .get_account(), "AccessDeniedException")
    EMU.load(SCENARIO)
    assert EMU.creds["one"]["access_key_id"] == before["one"]["access_key_id"]
    assert info["accounts"]


_BAD_SIGNATURE = """
import json, os, boto3
info = json.loads(os.environ["SD_EMULATOR_JSON"])
a = info["accounts"][0]
c = boto3.client("sesv2", endpoint_url=info["endpoint"], region_name="eu-west-1",
                 aws_access_key_id=a["access_key_id"], aws_secret_access_key="x" * 40)
try:
    c.get_account()
except Exception as e:
    print("request id", e.response["ResponseMetadata"]["RequestId"], flush=True)
"""


@test
def with_emulator_names_each_violation():
    # A test that fails on violations says which request and why.
    run = subprocess.run([sys.executable, os.path.join(HERE, "with-emulator"), "--",
                          sys.executable, "-c", _BAD_SIGNATURE],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 3, (run.returncode, run.stdout, run.stderr)
    rid = run.stdout.split("request id ", 1)[1].split()[0]
    lines = [x for x in run.stdout.splitlines() if x.startswith("# emulator ")]
    assert len(lines) == 1, run.stdout
    for text in ("signature violation", "sesv2 GetAccount", "eu-west-1",
                 f"request id {rid}", "SignatureDoesNotMatch"):
        assert text in lines[0], (text, lines[0])
    assert "Bail out!" in run.stdout, run.stdout
    assert f'"request_id": "{rid}"' in run.stderr, run.stderr
    assert "logged request:" in run.stderr, run.stderr


def _metric_query(namespace, name, stat="Sum", period=3600, qid="m"):
    return {"Id": qid, "ReturnData": True,
            "MetricStat": {"Metric": {"Namespace": namespace, "MetricName": name},
                           "Period": period, "Stat": stat}}


def _cloudwatch_operations(since_id):
    log = EMU.ctl("GET", f"/requests?service=cloudwatch&since_id={since_id}")["requests"]
    return [(e["operation"], e["status"]) for e in log]


def _last_request_id():
    log = EMU.ctl("GET", "/requests")["requests"]
    return log[-1]["id"] if log else 0


@test
def cloudwatch_through_boto3():
    """boto3 speaks Smithy RPC v2 CBOR to CloudWatch: routed to the right
    operation, checked against the model, answered by moto. Any scenario
    user may put metrics in (here the read-only one)."""
    since = _last_request_id()
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    writer = EMU.client("cloudwatch", "eu-west-1", profile="one-ro")
    writer.put_metric_data(Namespace="SdTest/Health", MetricData=[
        {"MetricName": "Sends", "Value": 42.0, "Unit": "Count",
         "Timestamp": now - datetime.timedelta(minutes=5)},
        {"MetricName": "Sends", "Value": 8.0, "Unit": "Count",
         "Timestamp": now - datetime.timedelta(minutes=4)}])
    reader = EMU.client("cloudwatch", "eu-west-1")
    out = reader.get_metric_data(
        MetricDataQueries=[_metric_query("SdTest/Health", "Sends", qid="sends")],
        StartTime=now - datetime.timedelta(hours=2), EndTime=now + datetime.timedelta(minutes=1))
    result = out["MetricDataResults"][0]
    assert result["Id"] == "sends" and sum(result["Values"]) == 50.0, result
    assert all(isinstance(t, datetime.datetime) for t in result["Timestamps"]), result
    # Metrics are per region.
    other = EMU.client("cloudwatch", "us-east-1").get_metric_data(
        MetricDataQueries=[_metric_query("SdTest/Health", "Sends")],
        StartTime=now - datetime.timedelta(hours=2), EndTime=now + datetime.timedelta(minutes=1))
    assert other["MetricDataResults"][0]["Values"] == [], other
    assert _cloudwatch_operations(since) == [("PutMetricData", 200), ("GetMetricData", 200),
                                             ("GetMetricData", 200)], _cloudwatch_operations(since)
    # A model violation is still caught in CBOR: Period is at least 1.
    expect_error(lambda: EMU.client("cloudwatch", "eu-west-1", validate=False).get_metric_data(
        MetricDataQueries=[_metric_query("SdTest/Health", "Sends", period=0)],
        StartTime=now - datetime.timedelta(hours=1), EndTime=now), "ValidationException", 400)
    take_violations("validation", 1, "Period")


@test
def cloudwatch_denied_in_one_region():
    now = datetime.datetime.now(datetime.timezone.utc)
    call = lambda: EMU.client("cloudwatch", "ca-central-1").get_metric_data(  # noqa: E731
        MetricDataQueries=[_metric_query("AWS/SES", "Send")],
        StartTime=now - datetime.timedelta(days=1), EndTime=now)
    # JSON and CBOR answers name it AccessDeniedException (Query: AccessDenied).
    e = expect_error(call, "AccessDeniedException", 403)
    assert "cloudwatch:GetMetricData" in str(e), e
    # PutMetricData stays allowed there: every scenario user may put metrics in.
    EMU.client("cloudwatch", "ca-central-1").put_metric_data(
        Namespace="SdTest/Health", MetricData=[{"MetricName": "Sends", "Value": 1.0}])


@test
def cloudwatch_json_and_query_protocols():
    """The same GetMetricData in awsJson1_0 (SES Desk's) and in the Query protocol."""
    now = int(time.time())
    EMU.client("cloudwatch", "eu-west-3").put_metric_data(
        Namespace="SdTest/Health", MetricData=[
            {"MetricName": "Rejects", "Value": 7.0,
             "Timestamp": datetime.datetime.fromtimestamp(now - 300, datetime.timezone.utc)}])
    body = json.dumps({"MetricDataQueries": [_metric_query("SdTest/Health", "Rejects", qid="r")],
                       "StartTime": now - 3600, "EndTime": now + 60}).encode()
    status, headers, data = EMU.raw(
        "POST", "/", "eu-west-3", "monitoring", body,
        {"Content-Type": "application/x-amz-json-1.0",
         "X-Amz-Target": "GraniteServiceVersion20100801.GetMetricData"})
    assert status == 200, (status, data)
    result = json.loads(data)["MetricDataResults"][0]
    assert result["Id"] == "r" and result["Values"] == [7.0], result
    iso = lambda t: datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime(  # noqa: E731
        "%Y-%m-%dT%H:%M:%SZ")
    form = urllib.parse.urlencode({
        "Action": "GetMetricData", "Version": "2010-08-01",
        "MetricDataQueries.member.1.Id": "r",
        "MetricDataQueries.member.1.MetricStat.Metric.Namespace": "SdTest/Health",
        "MetricDataQueries.member.1.MetricStat.Metric.MetricName": "Rejects",
        "MetricDataQueries.member.1.MetricStat.Period": "3600",
        "MetricDataQueries.member.1.MetricStat.Stat": "Sum",
        "StartTime": iso(now - 3600), "EndTime": iso(now + 60)}).encode()
    status, headers, data = EMU.raw(
        "POST", "/", "eu-west-3", "monitoring", form,
        {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    assert status == 200, (status, data)
    assert b"<Id>r</Id>" in data and b"<member>7.0</member>" in data, data
    ops = [e["operation"] for e in EMU.ctl("GET", "/requests?service=cloudwatch&region=eu-west-3")
           ["requests"]]
    assert ops[-2:] == ["GetMetricData", "GetMetricData"], ops


@test
def scenario_metrics_seed_cloudwatch_and_send_statistics():
    EMU.ctl("POST", "/state", {"account": A, "region": "eu-west-2", "account_state": {"metrics": {
        "bounce_rate": 0.031, "send": list(range(1, 15)), "bounce": 2}}})
    now = datetime.datetime.now(datetime.timezone.utc)
    start = (now - datetime.timedelta(days=13)).replace(hour=0, minute=0, second=0, microsecond=0)
    out = EMU.client("cloudwatch", "eu-west-2").get_metric_data(
        MetricDataQueries=[_metric_query("AWS/SES", "Send", period=86400, qid="send"),
                           _metric_query("AWS/SES", "Reputation.BounceRate", "Average",
                                         86400, qid="rate"),
                           _metric_query("AWS/SES", "Reputation.ComplaintRate", "Average",
                                         86400, qid="complaint")],
        StartTime=start, EndTime=now, ScanBy="TimestampAscending")
    results = {r["Id"]: r for r in out["MetricDataResults"]}
    assert results["send"]["Values"] == [float(i) for i in range(1, 15)], results["send"]
    assert results["rate"]["Values"] and all(abs(v - 0.031) < 1e-12
                                             for v in results["rate"]["Values"]), results["rate"]
    # A rate the scenario does not give is no data: no point at all.
    assert results["complaint"]["Values"] == [], results["complaint"]
    points = EMU.client("ses", "eu-west-2").get_send_statistics()["SendDataPoints"]
    assert sorted(p["DeliveryAttempts"] for p in points) == list(range(1, 15)), points
    assert all(p["Bounces"] == 2 for p in points), points


ORG = "444455556666"


def _org_scenario():
    members = [{"account_id": f"7000000000{i:02d}", "name": f"member-{i:02d}"}
               for i in range(1, 13)]
    members[0]["regions"] = {"eu-west-1": {"status": "production"}}
    members[10]["role"] = False
    members[11]["status"] = "SUSPENDED"
    return {"accounts": [
        {"account_id": ORG, "profile": "org",
         "organization": {"name": "org-management", "page_size": 4, "members": members}},
        {"account_id": "555566667777", "profile": "org-no-permission",
         "users": [{"name": "sesdesk", "policy": "ses-desk"}],
         "organization": {"members": [{"account_id": "700000000099"}]}},
        {"account_id": "666677778888", "profile": "lonely",
         "users": [{"name": "sesdesk", "policy": "ses-desk-organization"}]}]}


@test
def organization_through_boto3():
    """The scenario's organization block: ListAccounts pages, AssumeRole into
    the members (denied where the role is missing, as AWS does), AWS's errors
    for a profile without the permission and an account in no organization,
    and serve's "organizations" summary."""
    try:
        info = EMU.load(_org_scenario())
        summary = {o["profile"]: o for o in info["organizations"]}
        assert sorted(summary) == ["org", "org-no-permission"], summary
        assert summary["org"]["role_name"] == "OrganizationAccountAccessRole", summary["org"]
        listed = {a["account_id"]: a for a in summary["org"]["accounts"]}
        assert len(listed) == 13 and listed["700000000011"]["role"] is False \
            and listed["700000000012"]["status"] == "SUSPENDED", listed

        org = EMU.client("organizations", "us-east-1", profile="org")
        pages = list(org.get_paginator("list_accounts").paginate())
        # The scenario's page_size caps AWS's pages: 13 accounts are 4 pages.
        assert [len(p["Accounts"]) for p in pages] == [4, 4, 4, 1], pages
        accounts = [a for p in pages for a in p["Accounts"]]
        assert [a["Id"] for a in accounts] == [ORG] + [f"7000000000{i:02d}" for i in range(1, 13)]
        assert accounts[0]["Name"] == "org-management" and accounts[0]["State"] == "ACTIVE"
        assert accounts[12]["State"] == "SUSPENDED" and accounts[12]["Status"] == "SUSPENDED"
        small = org.list_accounts(MaxResults=2)
        assert len(small["Accounts"]) == 2 and small["NextToken"], small
        expect_error(lambda: org.list_accounts(NextToken="bogus"), "InvalidInputException")
        assert org.describe_organization()["Organization"]["MasterAccountId"] == ORG

        # Signed for another region than the partition's one: refused, as Support.
        expect_error(lambda: EMU.client("organizations", "eu-west-1", profile="org").list_accounts(),
                     "InvalidSignatureException", 403)
        take_violations("signature", 1, "InvalidSignatureException")

        sts = EMU.client("sts", "us-east-1", profile="org")
        role = "arn:aws:iam::700000000001:role/OrganizationAccountAccessRole"
        creds = sts.assume_role(RoleArn=role, RoleSessionName="ses-desk")["Credentials"]
        member = dict(key=creds["AccessKeyId"], secret=creds["SecretAccessKey"],
                      token=creds["SessionToken"])
        who = EMU.client("sts", "us-east-1", **member).get_caller_identity()
        assert who["Arn"] == ("arn:aws:sts::700000000001:assumed-role/"
                              "OrganizationAccountAccessRole/ses-desk"), who
        assert EMU.client("sesv2", "eu-west-1", **member).get_account()["ProductionAccessEnabled"]

        e = expect_error(lambda: sts.assume_role(
            RoleArn="arn:aws:iam::700000000011:role/OrganizationAccountAccessRole",
            RoleSessionName="ses-desk"), "AccessDenied", 403)
        assert "not authorized to perform: sts:AssumeRole on resource: " \
            "arn:aws:iam::700000000011:role/OrganizationAccountAccessRole" in str(e), e
        # Another account's principal is not trusted by the member's role either.
        expect_error(lambda: EMU.client("sts", "us-east-1", profile="lonely").assume_role(
            RoleArn=role, RoleSessionName="ses-desk"), "AccessDenied", 403)

        expect_error(lambda: EMU.client("organizations", "us-east-1",
                                        profile="org-no-permission").list_accounts(),
                     "AccessDeniedException", 403)
        expect_error(lambda: EMU.client("organizations", "us-east-1",
                                        profile="lonely").list_accounts(),
                     "AWSOrganizationsNotInUseException", 400)
        # A member itself (through its role) is not the management account.
        expect_error(lambda: EMU.client("organizations", "us-east-1", **member).list_accounts(),
                     "AccessDeniedException")
    finally:
        EMU.load(SCENARIO)


@test
def demo_organizations_in_summary():
    """The demo's organizations, as `serve --json` lists them for scripts."""
    try:
        path = os.path.join(HERE, "scenarios", "demo.json")
        info = EMU.load(json.load(open(path, encoding="utf-8")))
        orgs = {o["profile"]: o for o in info["organizations"]}
        acme = orgs["acme-org"]["accounts"]
        assert len(acme) == 13, acme
        assert sum(1 for a in acme if not a["role"]) == 1, acme
        assert [a["status"] for a in acme].count("SUSPENDED") == 1, acme
        expect_error(lambda: EMU.client("organizations", "us-east-1", profile="initech-org")
                     .list_accounts(), "AccessDeniedException", 403)
        assert len(EMU.client("organizations", "us-east-1", profile="acme-org")
                   .list_accounts()["Accounts"]) == 13
    finally:
        EMU.load(SCENARIO)


@test
def no_violations_left():
    left = EMU.violations()
    assert not left, json.dumps(left, indent=1)


def main():
    global EMU
    EMU = Emu()
    failed = 0
    try:
        EMU.load(SCENARIO)
        print(f"1..{len(TESTS)}", flush=True)
        for i, fn in enumerate(TESTS, 1):
            EMU.ctl("DELETE", "/faults")
            try:
                fn()
                print(f"ok {i} - {fn.__name__}", flush=True)
            except Exception:  # noqa: BLE001 - report and go on
                failed += 1
                print(f"not ok {i} - {fn.__name__}")
                for line in traceback.format_exc().splitlines():
                    print(f"# {line}")
                sys.stdout.flush()
    finally:
        EMU.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
