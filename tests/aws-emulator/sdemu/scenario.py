"""Scenario files (README.md describes the format) loaded into the state
and into moto's IAM (users, roles, inline policies, access keys)."""

import base64
import copy
import json
import os
import secrets

from .state import (LOCK, PRODUCTION_QUOTA, QUOTA_CODES, SANDBOX_QUOTA,
                    default_account, parse_time)

SCENARIO_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                            "scenarios")

POLICIES = {
    "allow-all": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
    "ses-desk": [{"Effect": "Allow",
                  "Action": ["ses:*", "support:*", "servicequotas:*", "sts:*",
                             "cloudwatch:GetMetricData"],
                  "Resource": "*"}],
    "read-only": [{"Effect": "Allow",
                   "Action": ["ses:Get*", "ses:List*", "support:Describe*",
                              "servicequotas:Get*", "servicequotas:List*",
                              "sts:GetCallerIdentity", "cloudwatch:GetMetricData"],
                   "Resource": "*"}],
    "none": [],
}
# A management account's profile: SES Desk's own calls plus reading the organization.
POLICIES["ses-desk-organization"] = POLICIES["ses-desk"] + [
    {"Effect": "Allow",
     "Action": ["organizations:ListAccounts", "organizations:DescribeOrganization"],
     "Resource": "*"}]

ORGANIZATION_DEFAULT_ROLE = "OrganizationAccountAccessRole"
MEMBER_STATES = ("ACTIVE", "SUSPENDED", "PENDING_CLOSURE", "CLOSED", "PENDING_ACTIVATION")
# ListAccounts' MaxResults is 1-20 (the botocore model): AWS's pages hold 20 at most.
ORGANIZATION_PAGE_MAX = 20

_DETAIL_KEYS = {
    "MailType": "mail_type", "WebsiteURL": "website_url",
    "ContactLanguage": "contact_language", "UseCaseDescription": "use_case_description",
    "AdditionalContactEmailAddresses": "additional_contact_email_addresses",
}


class ScenarioError(ValueError):
    pass


def resolve(name_or_path):
    """A scenario file path from a path or a bare name ("demo")."""
    if os.path.isfile(name_or_path):
        return name_or_path
    candidate = os.path.join(SCENARIO_DIR, name_or_path)
    for path in (candidate, candidate + ".json"):
        if os.path.isfile(path):
            return path
    raise ScenarioError(f"no scenario {name_or_path!r} (looked in {SCENARIO_DIR})")


def read(name_or_path):
    with open(resolve(name_or_path), encoding="utf-8") as f:
        return json.load(f)


def policy_document(user_spec):
    policy = user_spec.get("policy", "ses-desk")
    if isinstance(policy, str):
        if policy not in POLICIES:
            raise ScenarioError(f"unknown policy shorthand {policy!r}")
        statements = copy.deepcopy(POLICIES[policy])
    elif isinstance(policy, dict):
        statements = copy.deepcopy(policy.get("Statement", []))
        if isinstance(statements, dict):
            statements = [statements]
    else:
        raise ScenarioError("policy must be a shorthand name or a policy document")
    # Every scenario user may put metrics in, so that scripts and the AWS CLI
    # can change what SES Desk shows (tests/aws-emulator/README.md, Metrics).
    statements.append({"Effect": "Allow", "Action": "cloudwatch:PutMetricData",
                       "Resource": "*"})
    for deny in user_spec.get("deny", []):
        st = {"Effect": "Deny", "Action": deny.get("actions", "*"), "Resource": "*"}
        if deny.get("regions"):
            st["Condition"] = {"StringEquals": {"aws:RequestedRegion": deny["regions"]}}
        statements.append(st)
    return {"Version": "2012-10-17", "Statement": statements}


# ---------------------------------------------------------------- regions

def _review_case(state, acct, reg, review, region):
    """Open the Support case an SES production-access review refers to."""
    details = reg.get("details") or {}
    lang = (details.get("contact_language") or "EN").lower()
    if lang == "ja":
        subject = f"サービス上限の緩和: SES 本番稼働アクセス ({region})"
        body = (f"リージョン: {region}\nメールタイプ: {details.get('mail_type', 'TRANSACTIONAL')}\n"
                f"ウェブサイト URL: {details.get('website_url', 'https://example.com')}\n\n"
                f"{details.get('use_case_description') or 'SES の本番稼働アクセスを申請します。'}")
    else:
        subject = f"Limit Increase: SES Production Access ({region})"
        body = (f"Region: {region}\nMail type: {details.get('mail_type', 'TRANSACTIONAL')}\n"
                f"Website URL: {details.get('website_url', 'https://example.com')}\n\n"
                f"{details.get('use_case_description') or 'Please move this account out of the sandbox.'}")
    case = state.add_case(acct["account_id"], subject, body,
                          submitted_by=f"SES (Service) <{acct['contact_email']}>",
                          language="ja" if lang == "ja" else "en",
                          service_code="service-limit-increase",
                          category_code="service-code-ses", severity_code="low",
                          when=review.get("since"))
    return case


def apply_region(state, acct, reg, spec, region):
    """Patch a region's state with a scenario region entry."""
    spec = dict(spec)
    status = spec.pop("status", None)
    now = state.now()
    if status is not None:
        status = status.lower()
        if status not in ("sandbox", "production", "pending", "denied", "failed", "granted"):
            raise ScenarioError(f"{region}: unknown status {status!r}")
        production = status in ("production", "granted")
        reg["production_access_enabled"] = production
        if "quota" not in spec:
            reg["quota"] = dict(PRODUCTION_QUOTA if production else SANDBOX_QUOTA)
        if status == "sandbox":
            reg["review"] = None
        elif status == "production" and "review" not in spec:
            reg["review"] = None
        else:
            review = dict(spec.pop("review", None) or {})
            review["status"] = {"granted": "GRANTED", "production": "GRANTED",
                                "pending": "PENDING", "denied": "DENIED",
                                "failed": "FAILED"}[status]
            spec["review"] = review
        if status != "sandbox" and not reg.get("details") and "details" not in spec:
            spec["details"] = {"mail_type": "TRANSACTIONAL",
                               "website_url": "https://example.com",
                               "contact_language": "EN",
                               "use_case_description": "Order confirmations and receipts."}
    for key in ("production_access_enabled", "sending_enabled",
                "dedicated_ip_auto_warmup_enabled", "opt_in_disabled"):
        if key in spec:
            reg[key] = bool(spec.pop(key))
    if "enforcement_status" in spec:
        reg["enforcement_status"] = spec.pop("enforcement_status")
    if "quota" in spec:
        q = spec.pop("quota")
        for k in ("max24", "maxrate", "sent"):
            if k in q:
                reg["quota"][k] = float(q[k])
    if "details" in spec:
        d = spec.pop("details")
        reg["details"] = None if d is None else {_DETAIL_KEYS.get(k, k): v for k, v in d.items()}
    if "suppressed_reasons" in spec:
        reg["suppressed_reasons"] = list(spec.pop("suppressed_reasons"))
    if "vdm" in spec:
        reg["vdm"] = spec.pop("vdm")
    if "review" in spec:
        review = spec.pop("review")
        if review is None:
            reg["review"] = None
        else:
            review = dict(review)
            review["status"] = review.get("status", "PENDING").upper()
            review["since"] = parse_time(review.get("since", "-1d"), now)
            if not review.get("case_id"):
                review["case_id"] = _review_case(state, acct, reg, review, region)["case_id"]
            reg["review"] = review
    if "pools" in spec:
        reg["pools"] = []
        for p in spec.pop("pools"):
            mode = p.get("scaling_mode", "STANDARD")
            pool = {"name": p["name"], "scaling_mode": mode,
                    "tags": list(p.get("tags", [])), "ips": []}
            for ip in p.get("ips", []):
                pool["ips"].append(_ip(ip, mode))
            reg["pools"].append(pool)
    if "ips" in spec:
        reg["ips"] = [_ip(ip, "STANDARD") for ip in spec.pop("ips")]
    if "quota_requests" in spec:
        reg["quota_requests"] = []
        for q in spec.pop("quota_requests"):
            add_quota_request(state, acct, reg, q, region)
    if "metrics" in spec:
        from .cloudwatch import seed
        reg["metrics"] = spec.pop("metrics") or {}
        seed(acct["account_id"], region, reg["metrics"], now)
    if spec:
        raise ScenarioError(f"{region}: unknown keys {sorted(spec)}")


def _ip(spec, mode):
    if isinstance(spec, str):
        spec = {"ip": spec}
    if mode == "MANAGED":
        return {"ip": spec["ip"], "warmup_status": "NOT_APPLICABLE",
                "warmup_percentage": -1}
    status = spec.get("warmup_status", "DONE")
    pct = spec.get("warmup_percentage", 100 if status == "DONE" else 0)
    return {"ip": spec["ip"], "warmup_status": status, "warmup_percentage": int(pct)}


def add_quota_request(state, acct, reg, q, region):
    now = state.now()
    code = q.get("quota_code", "L-804C8AE8")
    if code not in QUOTA_CODES:
        raise ScenarioError(f"{region}: unknown quota code {code!r}")
    status = q.get("status", "CASE_OPENED")
    created = parse_time(q.get("created", "-1d"), now)
    req = {
        "id": q.get("id") or secrets.token_hex(16),
        "service_code": "ses",
        "quota_code": code,
        "desired_value": float(q.get("desired_value", 1000)),
        "status": status,
        "case_id": q.get("case_id"),
        "created": created,
        "last_updated": parse_time(q.get("last_updated", created), now),
        "requester": q.get("requester") or
        f"arn:aws:iam::{acct['account_id']}:user/sesdesk",
    }
    if q.get("auto"):
        req["auto"] = dict(q["auto"])
    if not req["case_id"] and status not in ("PENDING", "INVALID_REQUEST") \
            and q.get("open_case", True):
        name = QUOTA_CODES[code][0]
        case = state.add_case(
            acct["account_id"],
            f"Service Quota Increase: Amazon Simple Email Service (SES) - {name} ({region})",
            f"Service: ses\nQuota: {name} ({code})\nRegion: {region}\n"
            f"Requested value: {req['desired_value']:g}",
            submitted_by=f"Service Quotas (Service) <{acct['contact_email']}>",
            service_code="service-limit-increase", category_code="service-code-ses",
            when=created, status="resolved" if status in ("APPROVED", "DENIED",
                                                          "CASE_CLOSED") else "opened")
        req["case_id"] = case["case_id"]
    reg["quota_requests"].append(req)
    return req


# ---------------------------------------------------------------- cases

def _attachments(state, account_id, specs):
    out = []
    for a in specs or []:
        if "data_base64" in a:
            data = base64.b64decode(a["data_base64"])
        elif "text" in a:
            data = a["text"].encode("utf-8")
        elif "generate_bytes" in a:
            n = int(a["generate_bytes"])
            line = b"SES Desk emulator generated attachment line.\n"
            data = (line * (n // len(line) + 1))[:n]
        else:
            raise ScenarioError(f"attachment {a.get('file_name')!r} has no data")
        out.append(state.store_attachment(account_id, a["file_name"], data))
    return out


def add_case(state, acct, c):
    now = state.now()
    account_id = acct["account_id"]
    customer = c.get("submitted_by") or f"sesdesk (IAM user) <{acct['contact_email']}>"
    comms = c.get("communications") or [{"body": c.get("body", "(no text)")}]
    when = parse_time(c.get("time_created", comms[0].get("time", "-2d")), now)
    case = state.add_case(account_id, c["subject"], "x", customer,
                          language=c.get("language", "en"),
                          service_code=c.get("service_code", "general-info"),
                          category_code=c.get("category_code", "using-aws"),
                          severity_code=c.get("severity_code", "low"),
                          cc=c.get("cc", []), issue_type=c.get("issue_type", "technical"),
                          when=when, status=c.get("status", "opened"),
                          case_id=c.get("case_id"), display_id=c.get("display_id"))
    case["communications"] = []
    for i, m in enumerate(comms):
        who = m.get("from", "customer" if i == 0 else "aws")
        submitted = m.get("submitted_by") or (
            "Amazon Web Services" if who == "aws" else customer)
        case["communications"].append({
            "body": m["body"], "submitted_by": submitted,
            "time_created": parse_time(m.get("time"), now) if m.get("time") is not None
            else when + i * 3600,
            "attachments": _attachments(state, account_id, m.get("attachments"))})
    return case


def add_communication(state, account_id, spec):
    """POST /_sd/state {"communication": ...}: a new message on a case."""
    case = state.find_case(account_id, spec["case_id"])
    if case is None:
        raise ScenarioError(f"no case {spec['case_id']!r} in {account_id}")
    who = spec.get("from", "aws")
    case["communications"].append({
        "body": spec["body"],
        "submitted_by": spec.get("submitted_by") or (
            "Amazon Web Services" if who == "aws" else case["submitted_by"]),
        "time_created": parse_time(spec.get("time"), state.now()),
        "attachments": _attachments(state, account_id, spec.get("attachments"))})
    if "status" in spec:
        case["status"] = spec["status"]
    elif who == "aws" and case["status"] != "resolved":
        case["status"] = "pending-customer-action"
    return case


# ---------------------------------------------------------------- IAM

def _iam(account_id):
    from moto.iam.models import iam_backends
    return iam_backends[account_id]["aws"]


def _ensure_user(account_id, spec):
    backend = _iam(account_id)
    name = spec.get("name", "sesdesk")
    try:
        user = backend.get_user(name)
    except Exception:  # noqa: BLE001 - moto's NoSuchEntity
        user = backend.create_user(region_name="us-east-1", user_name=name, path="/")
    for pname in list(user.policies):
        backend.delete_user_policy(name, pname)
    doc = policy_document(spec)
    if doc["Statement"]:
        backend.put_user_policy(name, "ses-desk-emulator", json.dumps(doc))
    keys = backend.list_access_keys(name)
    key = keys[0] if keys else backend.create_access_key(name)
    if spec.get("access_key_id") and key.access_key_id != spec["access_key_id"]:
        backend.access_keys.pop(key.access_key_id, None)
        key.access_key_id = spec["access_key_id"]
        backend.access_keys[key.access_key_id] = key
    if spec.get("secret_access_key"):
        key.secret_access_key = spec["secret_access_key"]
    key.status = "Inactive" if spec.get("inactive") else "Active"
    return user, key, doc


def _ensure_role(account_id, spec):
    backend = _iam(account_id)
    name = spec["name"]
    trust = spec.get("trust") or {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                       "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"}}]}
    try:
        role = backend.get_role(name)
        role.assume_role_policy_document = json.dumps(trust)
    except Exception:  # noqa: BLE001 - moto's NoSuchEntity
        role = backend.create_role(
            role_name=name, assume_role_policy_document=json.dumps(trust), path="/",
            permissions_boundary=None, description="", tags=[], max_session_duration="3600",
            linked_service=None)
    for pname in list(role.policies):
        backend.delete_role_policy(name, pname)
    doc = policy_document(spec)
    if doc["Statement"]:
        backend.put_role_policy(name, "ses-desk-emulator", json.dumps(doc))
    return role, doc


# ---------------------------------------------------------------- load

def load(state, doc):
    """Replace the state with a scenario; return the credentials summary."""
    with LOCK:
        old_accounts, old_settings = state.accounts, state.settings
        state.accounts = {}
        state.settings = {"clock_offset_s": 0.0, "time_offset_s": 0.0}
        try:
            return _load(state, doc)
        except Exception:
            # A bad scenario leaves the previous one in place.
            state.accounts, state.settings = old_accounts, old_settings
            raise


def _load(state, doc):
    """load() proper: fill the (empty) state from doc."""
    state.settings.update(doc.get("settings", {}))
    creds = {"accounts": [], "roles": []}
    accounts = doc.get("accounts") or [{"account_id": "111111111111",
                                        "profile": "default"}]
    creds["organizations"] = []
    for a in accounts:
        account_id = str(a["account_id"])
        if len(account_id) != 12 or not account_id.isdigit():
            raise ScenarioError(f"account id {account_id!r} is not 12 digits")
        acct = state.accounts[account_id] = default_account(account_id)
        acct["profile"] = a.get("profile", f"acct-{account_id}")
        for key in ("support_plan", "contact_email", "case_id_style",
                    "review_auto", "quota_auto"):
            if key in a:
                acct[key] = a[key]
        default_policy = "ses-desk-organization" if a.get("organization") else "ses-desk"
        users = a.get("users") or [{"name": "sesdesk", "policy": default_policy}]
        for i, u in enumerate(users):
            user, key, policy = _ensure_user(account_id, u)
            profile = u.get("profile") or (acct["profile"] if i == 0
                                           else f"{acct['profile']}-{user.name}")
            acct["users"].append({"name": user.name, "profile": profile})
            creds["accounts"].append({
                "account_id": account_id, "profile": profile, "user": user.name,
                "access_key_id": key.access_key_id,
                "secret_access_key": key.secret_access_key,
                "active": key.status == "Active", "policy": policy})
        for r in a.get("roles", []):
            role, policy = _ensure_role(account_id, r)
            acct["roles"].append({"name": role.name})
            if r.get("profile"):
                creds["roles"].append({
                    "account_id": account_id, "profile": r["profile"],
                    "role_arn": role.arn,
                    "source_profile": r.get("source_profile", acct["users"][0]["profile"]),
                    "policy": policy})
        _fill_account(state, acct, a)
    for a in accounts:
        if a.get("organization"):
            creds["organizations"].append(
                _load_organization(state, state.accounts[str(a["account_id"])],
                                   a["organization"]))
    return creds


def _fill_account(state, acct, a):
    """An account's cases and regions (a scenario account or an organization's member)."""
    for c in a.get("cases", []):
        add_case(state, acct, c)
    regions = dict(a.get("regions", {}))
    if "*" in regions:
        acct["region_defaults"] = regions.pop("*")
    for region, spec in regions.items():
        reg = state.region(acct["account_id"], region)
        apply_region(state, acct, reg, spec, region)


def _load_organization(state, mgmt, spec):
    """An organization whose management account is mgmt (README.md, Organizations).

    Each member becomes an account of the state (regions, cases) reached by
    AssumeRole of role_name, which trusts the management account; a member
    with "role": false has no such role, so AssumeRole is denied as at AWS."""
    spec = dict(spec)
    role_name = spec.pop("role_name", ORGANIZATION_DEFAULT_ROLE)
    external_id = spec.pop("external_id", None)
    page_size = int(spec.pop("page_size", ORGANIZATION_PAGE_MAX))
    if not 1 <= page_size <= ORGANIZATION_PAGE_MAX:
        raise ScenarioError(f"organization page_size {page_size} is not 1-{ORGANIZATION_PAGE_MAX}")
    mgmt_id = mgmt["account_id"]
    org = {"id": spec.pop("id", "o-" + secrets.token_hex(5)),
           "management_account_id": mgmt_id, "role_name": role_name,
           "page_size": page_size, "accounts": []}
    mgmt_name = spec.pop("name", f"{mgmt['profile']} (management)")
    org["accounts"].append(_org_account(mgmt_id, mgmt_name,
                                        spec.pop("email", mgmt["contact_email"]), "ACTIVE"))
    members = spec.pop("members", [])
    if spec:
        raise ScenarioError(f"organization: unknown keys {sorted(spec)}")
    for m in members:
        m = dict(m)
        account_id = str(m.get("account_id", ""))
        if len(account_id) != 12 or not account_id.isdigit():
            raise ScenarioError(f"member account id {account_id!r} is not 12 digits")
        if account_id in state.accounts:
            raise ScenarioError(f"member account {account_id} is already an account")
        status = m.get("status", "ACTIVE").upper()
        if status not in MEMBER_STATES:
            raise ScenarioError(f"member {account_id}: unknown status {status!r}")
        unknown = set(m) - {"account_id", "name", "email", "status", "role", "role_policy",
                            "regions", "cases", "support_plan", "contact_email"}
        if unknown:
            raise ScenarioError(f"member {account_id}: unknown keys {sorted(unknown)}")
        acct = state.accounts[account_id] = default_account(account_id)
        acct["member_of"] = mgmt_id
        for key in ("support_plan", "contact_email"):
            if key in m:
                acct[key] = m[key]
        has_role = bool(m.get("role", True))
        if has_role:
            statement = {"Effect": "Allow", "Action": "sts:AssumeRole",
                         "Principal": {"AWS": f"arn:aws:iam::{mgmt_id}:root"}}
            if external_id is not None:
                # The confused-deputy guard: AssumeRole must name it.
                statement["Condition"] = {"StringEquals": {"sts:ExternalId": external_id}}
            trust = {"Version": "2012-10-17", "Statement": [statement]}
            role, _policy = _ensure_role(account_id, {
                "name": role_name, "trust": trust, "policy": m.get("role_policy", "ses-desk")})
            acct["roles"].append({"name": role.name})
        _fill_account(state, acct, m)
        entry = _org_account(account_id, m.get("name", f"member-{account_id}"),
                             m.get("email", f"aws+{account_id}@example.com"), status)
        entry["role"] = has_role
        org["accounts"].append(entry)
    mgmt["organization"] = org
    return {"profile": mgmt["profile"], "role_name": role_name, "id": org["id"],
            "management_account_id": mgmt_id,
            "accounts": [{"account_id": e["Id"], "name": e["Name"], "status": e["State"],
                          "role": e.get("role", e["Id"] == mgmt_id)}
                         for e in org["accounts"]]}


def _org_account(account_id, name, email, status):
    return {"Id": account_id, "Name": name, "Email": email, "State": status}
