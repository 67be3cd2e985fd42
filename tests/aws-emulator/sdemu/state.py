"""The emulator's own state: SES account state per account and region,
dedicated IPs and pools, Support cases with their communications and
attachments, Service Quotas requests. One lock guards it all: handlers are
short, and waiting (latency, fault delays) happens outside the lock.

Times are stored as float epoch seconds.
"""

import base64
import copy
import datetime
import json
import re
import secrets
import threading
import time

LOCK = threading.RLock()

SES_REGIONS = [
    "af-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
    "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2",
    "ap-southeast-3", "ap-southeast-5", "ca-central-1", "ca-west-1",
    "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-west-1",
    "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
    "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
]

SANDBOX_QUOTA = {"max24": 200.0, "maxrate": 1.0, "sent": 0.0}
PRODUCTION_QUOTA = {"max24": 50000.0, "maxrate": 14.0, "sent": 0.0}

QUOTA_CODES = {
    "L-804C8AE8": ("Sending quota", "max24", 200.0,
                   "The maximum number of emails that you can send in a 24-hour period."),
    "L-CDEF9B6B": ("Sending rate", "maxrate", 1.0,
                   "The maximum number of emails that you can send per second."),
}

OPEN_QUOTA_STATUSES = ("PENDING", "CASE_OPENED")


# ---------------------------------------------------------------- time

_REL = re.compile(r"^-(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")


def parse_time(value, now=None):
    """Scenario times: epoch number, ISO 8601, or relative "-3d4h" (ago)."""
    now = time.time() if now is None else now
    if value is None:
        return now
    if isinstance(value, (int, float)):
        return float(value)
    m = _REL.match(value.strip())
    if m and any(m.groups()):
        d, h, mi, s = (int(x or 0) for x in m.groups())
        return now - (d * 86400 + h * 3600 + mi * 60 + s)
    text = value.strip().replace("Z", "+00:00")
    dt = datetime.datetime.fromisoformat(text)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=datetime.timezone.utc)
    return dt.timestamp()


def iso(ts):
    """Support's timestamp strings: 2024-05-01T10:00:00.123Z."""
    dt = datetime.datetime.fromtimestamp(ts, datetime.timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def dt(ts):
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc)


# ---------------------------------------------------------------- tokens

def make_token(offset, context):
    raw = json.dumps({"o": offset, "c": context}, separators=(",", ":"))
    return base64.b64encode(raw.encode()).decode()


def read_token(token, context):
    """Offset encoded in a NextToken made by make_token, or None if bad."""
    if token is None:
        return 0
    try:
        doc = json.loads(base64.b64decode(token, validate=True))
        if doc.get("c") != context or not isinstance(doc.get("o"), int) or doc["o"] < 0:
            return None
        return doc["o"]
    except (ValueError, TypeError):
        return None


# ---------------------------------------------------------------- defaults

def default_region():
    return {
        "production_access_enabled": False,
        "sending_enabled": True,
        "enforcement_status": "HEALTHY",
        "dedicated_ip_auto_warmup_enabled": False,
        "quota": dict(SANDBOX_QUOTA),
        "details": None,
        "review": None,
        "suppressed_reasons": ["BOUNCE", "COMPLAINT"],
        "vdm": None,
        "pools": [],
        "ips": [],
        "quota_requests": [],
        "opt_in_disabled": False,
    }


def default_account(account_id):
    return {
        "account_id": account_id,
        "profile": None,
        "support_plan": "business",
        "contact_email": "ops@example.com",
        "case_id_style": "full",
        "users": [],
        "roles": [],
        "region_defaults": None,
        "regions": {},
        "cases": [],
        "attachment_sets": {},
        "attachments": {},
        "next_display_id": 17000000001,
    }


class State:
    """All accounts. Access only while holding LOCK."""

    def __init__(self):
        self.accounts = {}
        # clock_offset_s: the server's clock as clients see it (Date header,
        # signature expiry). time_offset_s: time travel for the state
        # (attachment-set expiry, auto-settling reviews and requests).
        self.settings = {"clock_offset_s": 0.0, "time_offset_s": 0.0}

    def now(self):
        return time.time() + float(self.settings.get("time_offset_s", 0.0))

    def clock(self):
        return time.time() + float(self.settings.get("clock_offset_s", 0.0))

    def account(self, account_id):
        acct = self.accounts.get(account_id)
        if acct is None:
            acct = default_account(account_id)
            self.accounts[account_id] = acct
        return acct

    def region(self, account_id, region):
        acct = self.account(account_id)
        reg = acct["regions"].get(region)
        if reg is None:
            reg = default_region()
            if acct.get("region_defaults"):
                from .scenario import apply_region  # late: avoids a cycle
                apply_region(self, acct, reg, copy.deepcopy(acct["region_defaults"]),
                             region)
            acct["regions"][region] = reg
        self.advance(account_id, region, reg)
        return reg

    # Reviews and quota requests can be set to settle on their own after a
    # while ("auto"): applied lazily whenever the region is read.
    def advance(self, account_id, region, reg):
        now = self.now()
        review = reg.get("review")
        if review and review.get("status") == "PENDING" and review.get("auto"):
            auto = review["auto"]
            if now >= review.get("since", now) + auto.get("after_s", 0):
                outcome = auto.get("outcome", "GRANTED")
                review["status"] = outcome
                review.pop("auto", None)
                if outcome == "GRANTED":
                    reg["production_access_enabled"] = True
                    reg["quota"]["max24"] = float(auto.get("max24", PRODUCTION_QUOTA["max24"]))
                    reg["quota"]["maxrate"] = float(auto.get("maxrate", PRODUCTION_QUOTA["maxrate"]))
                self._case_note(account_id, review.get("case_id"), outcome)
        for req in reg.get("quota_requests", []):
            auto = req.get("auto")
            if auto and req["status"] in OPEN_QUOTA_STATUSES \
                    and now >= req["created"] + auto.get("after_s", 0):
                req["status"] = auto.get("outcome", "APPROVED")
                req["last_updated"] = now
                req.pop("auto", None)
                if req["status"] == "APPROVED":
                    field = QUOTA_CODES[req["quota_code"]][1]
                    reg["quota"][field] = float(req["desired_value"])
                self._case_note(account_id, req.get("case_id"), req["status"])

    def _case_note(self, account_id, case_id, outcome):
        case = self.find_case(account_id, case_id) if case_id else None
        if case is None:
            return
        text = {
            "GRANTED": "Your request has been approved.",
            "APPROVED": "Your request has been approved.",
            "DENIED": "We are unable to grant your request at this time.",
        }.get(outcome, f"Your request is now {outcome}.")
        if case.get("language") == "ja":
            text = {
                "GRANTED": "ご依頼を承認いたしました。",
                "APPROVED": "ご依頼を承認いたしました。",
                "DENIED": "現時点ではご依頼を承認できません。",
            }.get(outcome, text)
        case["communications"].append({
            "body": text, "submitted_by": "Amazon Web Services",
            "time_created": self.now(), "attachments": []})
        case["status"] = "resolved" if outcome in ("GRANTED", "APPROVED") \
            else "pending-customer-action"

    # ------------------------------------------------------------ cases

    def find_case(self, account_id, case_id):
        for case in self.account(account_id)["cases"]:
            if case["case_id"] == case_id or case.get("display_id") == case_id:
                return case
        return None

    def new_case_id(self, account_id, when=None):
        year = dt(when or self.now()).year
        return f"case-{account_id}-{year}-{secrets.token_hex(8)}"

    def new_display_id(self, account_id):
        acct = self.account(account_id)
        value = acct["next_display_id"]
        acct["next_display_id"] = value + 1
        return str(value)

    def add_case(self, account_id, subject, body, submitted_by, language="en",
                 service_code="general-info", category_code="using-aws",
                 severity_code="low", cc=None, issue_type="technical",
                 attachments=None, when=None, status="opened", case_id=None,
                 display_id=None):
        when = self.now() if when is None else when
        case = {
            "case_id": case_id or self.new_case_id(account_id, when),
            "display_id": display_id or self.new_display_id(account_id),
            "subject": subject,
            "status": status,
            "service_code": service_code,
            "category_code": category_code,
            "severity_code": severity_code,
            "submitted_by": submitted_by,
            "time_created": when,
            "cc_email_addresses": list(cc or []),
            "language": language,
            "issue_type": issue_type,
            "communications": [{
                "body": body, "submitted_by": submitted_by, "time_created": when,
                "attachments": list(attachments or [])}],
        }
        self.account(account_id)["cases"].append(case)
        return case

    def store_attachment(self, account_id, file_name, data):
        att_id = "attachment-" + secrets.token_hex(16)
        self.account(account_id)["attachments"][att_id] = {
            "file_name": file_name, "data": data}
        return {"attachment_id": att_id, "file_name": file_name}

    def case_id_for_clients(self, account_id, case_id):
        """How SES and Service Quotas show a case (full id or display id)."""
        if case_id is None:
            return None
        if self.account(account_id).get("case_id_style") == "display":
            case = self.find_case(account_id, case_id)
            if case is not None:
                return case["display_id"]
        return case_id

    # ------------------------------------------------------------ dump

    def dump(self):
        out = {"settings": dict(self.settings), "accounts": []}
        for acct in self.accounts.values():
            a = copy.deepcopy({k: v for k, v in acct.items()
                               if k not in ("attachments", "attachment_sets")})
            for reg in a["regions"].values():
                if reg.get("review") and "since" in reg["review"]:
                    reg["review"]["since"] = iso(reg["review"]["since"])
                for req in reg.get("quota_requests", []):
                    req["created"] = iso(req["created"])
                    req["last_updated"] = iso(req["last_updated"])
            for case in a["cases"]:
                case["time_created"] = iso(case["time_created"])
                for comm in case["communications"]:
                    comm["time_created"] = iso(comm["time_created"])
            a["attachments"] = {
                k: {"file_name": v["file_name"], "length": len(v["data"])}
                for k, v in acct["attachments"].items()}
            a["attachment_sets"] = {
                k: {"expiry": iso(v["expiry"]), "attachments": v["attachments"],
                    "used": v.get("used", False)}
                for k, v in acct["attachment_sets"].items()}
            out["accounts"].append(a)
        return out
