"""AWS Support: cases, communications and attachments in one state.

moto's CreateCase/DescribeCases/ResolveCase are replaced so that the cases
SES and Service Quotas open, the scenario's cases and the client's own all
live together. Trusted Advisor operations still go to moto.
"""

import datetime
import secrets

from .errors import ApiError
from .state import iso, make_token, read_token

LANGUAGES = ("en", "ja", "zh", "ko")
MAX_ATTACHMENTS_PER_SET = 3
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
SET_LIFETIME_S = 3600
API_PLANS = ("business", "enterprise-on-ramp", "enterprise")

# (code, English name, Japanese name, [(category code, en, ja)])
SERVICES = [
    ("amazon-simple-email-service", "Simple Email Service (SES)",
     "Simple Email Service (SES)",
     [("general-guidance", "General Guidance", "一般的なガイダンス"),
      ("dedicated-ips", "Dedicated IPs", "専用 IP アドレス"),
      ("deliverability", "Deliverability", "到達性"),
      ("other", "Other", "その他")]),
    ("service-limit-increase", "Service Limit Increase", "サービスの制限緩和",
     [("service-code-ses", "SES Sending Limits", "SES 送信制限"),
      ("ses-production-access", "SES Production Access", "SES 本番稼働アクセス"),
      ("service-code-other", "Other", "その他")]),
    ("general-info", "General Info and Getting Started", "一般情報と開始方法",
     [("using-aws", "Using AWS & Services", "AWS とサービスの利用"),
      ("other", "Other", "その他")]),
    ("customer-account", "Account", "アカウント",
     [("other-account-issues", "Other Account Issues", "その他のアカウントの問題")]),
    ("billing", "Billing", "請求",
     [("general-billing-question", "General Billing Question", "請求に関する一般的な質問")]),
]

SEVERITIES = [
    ("low", "General guidance"),
    ("normal", "System impaired"),
    ("high", "Production system impaired"),
    ("urgent", "Production system down"),
    ("critical", "Business-critical system down"),
]
_PLAN_SEVERITIES = {
    "developer": 2, "business": 4, "enterprise-on-ramp": 5, "enterprise": 5,
}


def check_plan(ctx):
    plan = ctx.state.account(ctx.account).get("support_plan", "business")
    if plan not in API_PLANS:
        raise ApiError("SubscriptionRequiredException",
                       "AWS Premium Support Subscription is required to use this service.")


# AWS's CreateCase reference: "The Support API doesn't support requesting
# service limit increases." Such cases are made in the Support Center.
LIMIT_INCREASE = "service-limit-increase"
LIMIT_INCREASE_REFUSED = ("The Support API doesn't support requesting service limit increases. Submit it from "
                          "the Support Center Create Case page, or with the Service Quotas "
                          "RequestServiceQuotaIncrease operation.")


def _catalog(ctx):
    custom = ctx.state.settings.get("support_services")
    if custom:
        return [(s["code"], s["name"], s.get("name_ja", s["name"]),
                 [(c["code"], c["name"], c.get("name_ja", c["name"]))
                  for c in s.get("categories", [])]) for s in custom]
    # Listed only when the setting asks for it: whether AWS lists it is unconfirmed.
    if ctx.state.settings.get("list_limit_increase_service"):
        return SERVICES
    return [s for s in SERVICES if s[0] != LIMIT_INCREASE]


def _severities(ctx):
    plan = ctx.state.account(ctx.account).get("support_plan", "business")
    return SEVERITIES[:_PLAN_SEVERITIES.get(plan, 4)]


def _time_param(ctx, name):
    value = ctx.params.get(name)
    if value is None:
        return None
    try:
        text = value.strip().replace("Z", "+00:00")
        dt = datetime.datetime.fromisoformat(text)
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=datetime.timezone.utc)
        return dt.timestamp()
    except ValueError:
        raise ApiError("InvalidParameterValueException",
                       f"Invalid {name}: {value!r} is not an ISO 8601 date.")


def _case(ctx, case_id):
    case = ctx.state.find_case(ctx.account, case_id) if case_id else None
    if case is None or case["case_id"] != case_id:
        raise ApiError("CaseIdNotFound", f"Case {case_id} not found.")
    return case


def _comm_out(case, comm):
    return {"caseId": case["case_id"], "body": comm["body"],
            "submittedBy": comm["submitted_by"],
            "timeCreated": iso(comm["time_created"]),
            "attachmentSet": [{"attachmentId": a["attachment_id"],
                               "fileName": a["file_name"]}
                              for a in comm["attachments"]]}


def _comms_newest_first(case):
    return sorted(case["communications"], key=lambda c: c["time_created"], reverse=True)


def _submitter(ctx):
    p = ctx.principal
    email = ctx.state.account(ctx.account)["contact_email"]
    kind = "Role" if p.kind == "role" else "IAM user"
    return f"{p.name} ({kind}) <{email}>"


def _take_set(ctx, set_id):
    """Attachments of a set, which is used up by the case or message."""
    if set_id is None:
        return []
    sets = ctx.state.account(ctx.account)["attachment_sets"]
    s = sets.get(set_id)
    if s is None or s.get("used"):
        raise ApiError("AttachmentSetIdNotFound",
                       f"Attachment set {set_id} was not found.")
    if ctx.state.now() > s["expiry"]:
        raise ApiError("AttachmentSetExpired", f"Attachment set {set_id} has expired.")
    s["used"] = True
    return list(s["attachments"])


def create_case(ctx):
    check_plan(ctx)
    p = ctx.params
    state = ctx.state
    language = p.get("language", "en")
    if language not in LANGUAGES:
        raise ApiError("InvalidParameterValueException",
                       f"Invalid language {language!r}; use one of {', '.join(LANGUAGES)}.")
    issue_type = p.get("issueType", "technical")
    if issue_type not in ("technical", "customer-service"):
        raise ApiError("InvalidParameterValueException", f"Invalid issueType {issue_type!r}.")
    catalog = _catalog(ctx)
    service_code = p.get("serviceCode")
    category_code = p.get("categoryCode")
    if service_code == LIMIT_INCREASE:
        raise ApiError("InvalidParameterValueException", LIMIT_INCREASE_REFUSED)
    if service_code is not None:
        svc = next((s for s in catalog if s[0] == service_code), None)
        if svc is None:
            raise ApiError("InvalidParameterValueException",
                           f"Invalid service code {service_code!r}.")
        if category_code is not None and category_code not in [c[0] for c in svc[3]]:
            raise ApiError("InvalidParameterValueException",
                           f"Invalid category code {category_code!r} for {service_code}.")
    elif category_code is not None:
        raise ApiError("InvalidParameterValueException",
                       "categoryCode needs a serviceCode.")
    severity = p.get("severityCode", "low")
    if severity not in [s[0] for s in _severities(ctx)]:
        raise ApiError("InvalidParameterValueException",
                       f"Invalid severity code {severity!r} for this support plan.")
    limit = state.settings.get("case_creation_limit_per_hour")
    if limit is not None:
        hour_ago = state.now() - 3600
        recent = [c for c in state.account(ctx.account)["cases"]
                  if c["time_created"] > hour_ago and c.get("created_by_api")]
        if len(recent) >= limit:
            raise ApiError("CaseCreationLimitExceeded",
                           "The case creation limit for the account has been exceeded.")
    attachments = _take_set(ctx, p.get("attachmentSetId"))
    case = state.add_case(ctx.account, p["subject"], p["communicationBody"], _submitter(ctx),
                          language=language,
                          service_code=service_code or "general-info",
                          category_code=category_code or "other",
                          severity_code=severity, cc=p.get("ccEmailAddresses", []),
                          issue_type=issue_type, attachments=attachments)
    case["created_by_api"] = True
    return {"caseId": case["case_id"]}


def describe_cases(ctx):
    check_plan(ctx)
    p = ctx.params
    cases = list(ctx.state.account(ctx.account)["cases"])
    if p.get("caseIdList"):
        known = {c["case_id"] for c in cases}
        for cid in p["caseIdList"]:
            if cid not in known:
                raise ApiError("CaseIdNotFound", f"Case {cid} not found.")
        cases = [c for c in cases if c["case_id"] in p["caseIdList"]]
    if p.get("displayId") is not None:
        cases = [c for c in cases if c["display_id"] == p["displayId"]]
    after = _time_param(ctx, "afterTime")
    before = _time_param(ctx, "beforeTime")
    if after is not None:
        cases = [c for c in cases if c["time_created"] >= after]
    if before is not None:
        cases = [c for c in cases if c["time_created"] <= before]
    if not p.get("includeResolvedCases", False):
        cases = [c for c in cases if c["status"] != "resolved"]
    # Since mid-2025 AWS returns every language unless one is asked for.
    if p.get("language") is not None:
        cases = [c for c in cases if c["language"] == p["language"]]
    cases.sort(key=lambda c: c["time_created"], reverse=True)
    size = p.get("maxResults", 100)
    context = "cases"
    start = read_token(p.get("nextToken"), context)
    if start is None or start > len(cases):
        raise ApiError("InvalidParameterValueException", "Invalid nextToken.")
    page = cases[start:start + size]
    include_comms = p.get("includeCommunications", True)
    out_cases = []
    for c in page:
        item = {
            "caseId": c["case_id"], "displayId": c["display_id"], "subject": c["subject"],
            "status": c["status"], "serviceCode": c["service_code"],
            "categoryCode": c["category_code"], "severityCode": c["severity_code"],
            "submittedBy": c["submitted_by"], "timeCreated": iso(c["time_created"]),
            "ccEmailAddresses": list(c["cc_email_addresses"]), "language": c["language"],
        }
        if include_comms:
            comms = _comms_newest_first(c)
            rc = {"communications": [_comm_out(c, m) for m in comms[:5]]}
            if len(comms) > 5:
                rc["nextToken"] = make_token(5, f"comm:{c['case_id']}")
            item["recentCommunications"] = rc
        out_cases.append(item)
    out = {"cases": out_cases}
    if start + size < len(cases):
        out["nextToken"] = make_token(start + size, context)
    return out


def describe_communications(ctx):
    check_plan(ctx)
    p = ctx.params
    case = _case(ctx, p["caseId"])
    comms = _comms_newest_first(case)
    after = _time_param(ctx, "afterTime")
    before = _time_param(ctx, "beforeTime")
    if after is not None:
        comms = [m for m in comms if m["time_created"] >= after]
    if before is not None:
        comms = [m for m in comms if m["time_created"] <= before]
    size = p.get("maxResults", 100)
    context = f"comm:{case['case_id']}"
    start = read_token(p.get("nextToken"), context)
    if start is None or start > len(comms):
        raise ApiError("InvalidParameterValueException", "Invalid nextToken.")
    out = {"communications": [_comm_out(case, m) for m in comms[start:start + size]]}
    if start + size < len(comms):
        out["nextToken"] = make_token(start + size, context)
    return out


def add_communication_to_case(ctx):
    check_plan(ctx)
    p = ctx.params
    case = _case(ctx, p.get("caseId"))
    attachments = _take_set(ctx, p.get("attachmentSetId"))
    case["communications"].append({
        "body": p["communicationBody"], "submitted_by": _submitter(ctx),
        "time_created": ctx.state.now(), "attachments": attachments})
    if p.get("ccEmailAddresses"):
        for addr in p["ccEmailAddresses"]:
            if addr not in case["cc_email_addresses"]:
                case["cc_email_addresses"].append(addr)
    if case["status"] == "resolved":
        case["status"] = "reopened"
    elif case["status"] == "pending-customer-action":
        case["status"] = "customer-action-completed"
    return {"result": True}


def resolve_case(ctx):
    check_plan(ctx)
    case = _case(ctx, ctx.params.get("caseId"))
    initial = case["status"]
    case["status"] = "resolved"
    return {"initialCaseStatus": initial, "finalCaseStatus": "resolved"}


def describe_services(ctx):
    check_plan(ctx)
    p = ctx.params
    ja = p.get("language") == "ja"
    wanted = p.get("serviceCodeList")
    out = []
    for code, name, name_ja, cats in _catalog(ctx):
        if wanted and code not in wanted:
            continue
        out.append({"code": code, "name": name_ja if ja else name,
                    "categories": [{"code": c, "name": cj if ja else cn}
                                   for c, cn, cj in cats]})
    return {"services": out}


def describe_severity_levels(ctx):
    check_plan(ctx)
    return {"severityLevels": [{"code": c, "name": n} for c, n in _severities(ctx)]}


def add_attachments_to_set(ctx):
    check_plan(ctx)
    p = ctx.params
    state = ctx.state
    sets = state.account(ctx.account)["attachment_sets"]
    set_id = p.get("attachmentSetId")
    now = state.now()
    if set_id is None:
        set_id = secrets.token_hex(24)
        s = {"expiry": now + SET_LIFETIME_S, "attachments": []}
        new = True
    else:
        s = sets.get(set_id)
        if s is None or s.get("used"):
            raise ApiError("AttachmentSetIdNotFound",
                           f"Attachment set {set_id} was not found.")
        if now > s["expiry"]:
            raise ApiError("AttachmentSetExpired", f"Attachment set {set_id} has expired.")
        new = False
    items = p["attachments"]
    if len(s["attachments"]) + len(items) > MAX_ATTACHMENTS_PER_SET:
        raise ApiError("AttachmentSetSizeLimitExceeded",
                       "An attachment set holds at most 3 attachments.")
    for a in items:
        if len(a.get("data", b"")) > MAX_ATTACHMENT_BYTES:
            raise ApiError("AttachmentSetSizeLimitExceeded",
                           f"Attachment {a.get('fileName')!r} is larger than 5 MB.")
    for a in items:
        s["attachments"].append(state.store_attachment(
            ctx.account, a.get("fileName", "attachment"), bytes(a.get("data", b""))))
    if new:
        sets[set_id] = s
    return {"attachmentSetId": set_id, "expiryTime": iso(s["expiry"])}


def describe_attachment(ctx):
    check_plan(ctx)
    att_id = ctx.params["attachmentId"]
    att = ctx.state.account(ctx.account)["attachments"].get(att_id)
    if att is None:
        raise ApiError("AttachmentIdNotFound", f"Attachment {att_id} was not found.")
    return {"attachment": {"fileName": att["file_name"], "data": att["data"]}}


HANDLERS = {
    "CreateCase": create_case,
    "DescribeCases": describe_cases,
    "DescribeCommunications": describe_communications,
    "AddCommunicationToCase": add_communication_to_case,
    "ResolveCase": resolve_case,
    "DescribeServices": describe_services,
    "DescribeSeverityLevels": describe_severity_levels,
    "AddAttachmentsToSet": add_attachments_to_set,
    "DescribeAttachment": describe_attachment,
}
