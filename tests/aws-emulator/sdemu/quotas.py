"""Service Quotas for SES: the two sending quotas, increase requests and
their history. Other services' quotas go to moto (PASS)."""

import secrets

from .errors import ApiError
from .state import OPEN_QUOTA_STATUSES, QUOTA_CODES, dt, make_token, read_token

PASS = object()  # "let moto answer"
SERVICE_NAME = "Amazon Simple Email Service(Amazon SES)"


def _arn(ctx, code):
    return f"arn:aws:servicequotas:{ctx.region}:{ctx.account}:ses/{code}"


def _quota_out(ctx, code, value):
    name, _field, _default, description = QUOTA_CODES[code]
    return {
        "ServiceCode": "ses", "ServiceName": SERVICE_NAME,
        "QuotaArn": _arn(ctx, code), "QuotaCode": code, "QuotaName": name,
        "Value": float(value), "Unit": "None", "Adjustable": True,
        "GlobalQuota": False, "QuotaAppliedAtLevel": "ACCOUNT",
        "Description": description,
    }


def _request_out(ctx, req):
    name = QUOTA_CODES[req["quota_code"]][0]
    out = {
        "Id": req["id"], "ServiceCode": "ses", "ServiceName": SERVICE_NAME,
        "QuotaCode": req["quota_code"], "QuotaName": name,
        "DesiredValue": float(req["desired_value"]), "Status": req["status"],
        "Created": dt(req["created"]), "LastUpdated": dt(req["last_updated"]),
        "Requester": req["requester"], "QuotaArn": _arn(ctx, req["quota_code"]),
        "GlobalQuota": False, "Unit": "None", "QuotaRequestedAtLevel": "ACCOUNT",
    }
    case_id = ctx.state.case_id_for_clients(ctx.account, req.get("case_id"))
    if case_id:
        out["CaseId"] = case_id
    return out


def _code(ctx):
    code = ctx.params["QuotaCode"]
    if code not in QUOTA_CODES:
        raise ApiError("NoSuchResourceException",
                       f"The request failed because the specified quota {code} "
                       "does not exist for the service ses.")
    return code


def _page(items, params, context, default_size=100):
    size = params.get("MaxResults", default_size)
    start = read_token(params.get("NextToken"), context)
    if start is None or start > len(items):
        raise ApiError("InvalidPaginationTokenException", "Invalid pagination token.")
    token = make_token(start + size, context) if start + size < len(items) else None
    return items[start:start + size], token


def get_service_quota(ctx):
    if ctx.params["ServiceCode"] != "ses":
        return PASS
    code = _code(ctx)
    value = ctx.reg["quota"][QUOTA_CODES[code][1]]
    return {"Quota": _quota_out(ctx, code, value)}


def list_service_quotas(ctx):
    if ctx.params["ServiceCode"] != "ses":
        return PASS
    items = []
    for code, (_n, field, _d, _desc) in QUOTA_CODES.items():
        if ctx.params.get("QuotaCode") not in (None, code):
            continue
        items.append(_quota_out(ctx, code, ctx.reg["quota"][field]))
    chunk, token = _page(items, ctx.params, "quotas")
    out = {"Quotas": chunk}
    if token:
        out["NextToken"] = token
    return out


def get_default_quota(ctx):
    if ctx.params["ServiceCode"] != "ses":
        return PASS
    code = _code(ctx)
    return {"Quota": _quota_out(ctx, code, QUOTA_CODES[code][2])}


def list_default_quotas(ctx):
    if ctx.params["ServiceCode"] != "ses":
        return PASS
    items = [_quota_out(ctx, code, q[2]) for code, q in QUOTA_CODES.items()]
    chunk, token = _page(items, ctx.params, "default-quotas")
    out = {"Quotas": chunk}
    if token:
        out["NextToken"] = token
    return out


def request_increase(ctx):
    p = ctx.params
    if p["ServiceCode"] != "ses":
        raise ApiError("NoSuchResourceException",
                       f"The request failed because the specified service "
                       f"{p['ServiceCode']} does not exist.")
    code = _code(ctx)
    reg = ctx.reg
    for req in reg["quota_requests"]:
        if req["quota_code"] == code and req["status"] in OPEN_QUOTA_STATUSES:
            raise ApiError("ResourceAlreadyExistsException",
                           "Only one open service quota increase request is allowed "
                           "per quota.")
    current = reg["quota"][QUOTA_CODES[code][1]]
    if current >= 0 and p["DesiredValue"] <= current:
        raise ApiError("IllegalArgumentException",
                       f"The requested value {p['DesiredValue']:g} must be greater than "
                       f"the current value {current:g}.")
    now = ctx.state.now()
    acct = ctx.state.account(ctx.account)
    req = {
        "id": secrets.token_hex(16), "service_code": "ses", "quota_code": code,
        "desired_value": float(p["DesiredValue"]), "status": "PENDING",
        "case_id": None, "created": now, "last_updated": now,
        "requester": ctx.principal.arn,
    }
    auto = acct.get("quota_auto") or ctx.state.settings.get("quota_auto")
    if auto:
        req["auto"] = dict(auto)
    if p.get("SupportCaseAllowed", True):
        name = QUOTA_CODES[code][0]
        case = ctx.state.add_case(
            ctx.account,
            f"Service Quota Increase: Amazon Simple Email Service (SES) - {name} "
            f"({ctx.region})",
            f"Service: ses\nQuota: {name} ({code})\nRegion: {ctx.region}\n"
            f"Requested value: {req['desired_value']:g}",
            submitted_by=f"Service Quotas (Service) <{acct['contact_email']}>",
            service_code="service-limit-increase", category_code="service-code-ses")
        req["case_id"] = case["case_id"]
        req["status"] = "CASE_OPENED"
    reg["quota_requests"].append(req)
    return {"RequestedQuota": _request_out(ctx, req)}


def get_requested_change(ctx):
    for req in ctx.reg["quota_requests"]:
        if req["id"] == ctx.params["RequestId"]:
            return {"RequestedQuota": _request_out(ctx, req)}
    raise ApiError("NoSuchResourceException",
                   f"The request {ctx.params['RequestId']} does not exist.")


def _history(ctx, code=None):
    p = ctx.params
    reqs = [r for r in ctx.reg["quota_requests"]
            if (code is None or r["quota_code"] == code)
            and p.get("Status") in (None, r["status"])]
    reqs.sort(key=lambda r: r["created"], reverse=True)
    chunk, token = _page([_request_out(ctx, r) for r in reqs], p,
                         f"history:{code or '*'}:{p.get('Status') or ''}")
    out = {"RequestedQuotas": chunk}
    if token:
        out["NextToken"] = token
    return out


def history_by_quota(ctx):
    if ctx.params["ServiceCode"] != "ses":
        return {"RequestedQuotas": []}
    return _history(ctx, _code(ctx))


def history(ctx):
    if ctx.params.get("ServiceCode") not in (None, "ses"):
        return {"RequestedQuotas": []}
    return _history(ctx)


HANDLERS = {
    "GetServiceQuota": get_service_quota,
    "ListServiceQuotas": list_service_quotas,
    "GetAWSDefaultServiceQuota": get_default_quota,
    "ListAWSDefaultServiceQuotas": list_default_quotas,
    "RequestServiceQuotaIncrease": request_increase,
    "GetRequestedServiceQuotaChange": get_requested_change,
    "ListRequestedServiceQuotaChangeHistoryByQuota": history_by_quota,
    "ListRequestedServiceQuotaChangeHistory": history,
}
