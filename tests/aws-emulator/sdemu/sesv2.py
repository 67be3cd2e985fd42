"""SESv2 operations moto lacks (account, dedicated IPs) and the pool
operations, replaced so that pools and IPs share one state."""

from .errors import ApiError
from .state import make_token, read_token

MAX_POOLS = 50


def _page(items, params, context, default_size=100):
    size = params.get("PageSize", default_size)
    if size is not None and size < 1:
        raise ApiError("BadRequestException", "PageSize must be greater than 0.")
    start = read_token(params.get("NextToken"), context)
    if start is None or start > len(items):
        raise ApiError("BadRequestException", "Invalid NextToken.")
    chunk = items[start:start + size]
    token = make_token(start + size, context) if start + size < len(items) else None
    return chunk, token


def _all_ips(reg):
    for pool in reg["pools"]:
        for ip in pool["ips"]:
            yield pool, ip
    for ip in reg["ips"]:
        yield None, ip


def _ip_out(pool, ip):
    out = {"Ip": ip["ip"], "WarmupStatus": ip["warmup_status"],
           "WarmupPercentage": ip["warmup_percentage"]}
    if pool is not None:
        out["PoolName"] = pool["name"]
        if pool["scaling_mode"] == "MANAGED":
            out["WarmupStatus"] = "NOT_APPLICABLE"
            out["WarmupPercentage"] = -1
    return out


def _pool(reg, name):
    for pool in reg["pools"]:
        if pool["name"] == name:
            return pool
    return None


def get_account(ctx):
    reg = ctx.reg
    q = reg["quota"]
    out = {
        "DedicatedIpAutoWarmupEnabled": reg["dedicated_ip_auto_warmup_enabled"],
        "EnforcementStatus": reg["enforcement_status"],
        "ProductionAccessEnabled": reg["production_access_enabled"],
        "SendQuota": {"Max24HourSend": q["max24"], "MaxSendRate": q["maxrate"],
                      "SentLast24Hours": q["sent"]},
        "SendingEnabled": reg["sending_enabled"],
        "SuppressionAttributes": {"SuppressedReasons": list(reg["suppressed_reasons"])},
    }
    details = reg.get("details")
    review = reg.get("review")
    if details or review:
        d = {}
        details = details or {}
        for src, dst in (("mail_type", "MailType"), ("website_url", "WebsiteURL"),
                         ("contact_language", "ContactLanguage"),
                         ("use_case_description", "UseCaseDescription"),
                         ("additional_contact_email_addresses",
                          "AdditionalContactEmailAddresses")):
            if details.get(src) is not None:
                d[dst] = details[src]
        if review:
            r = {"Status": review["status"]}
            case_id = ctx.state.case_id_for_clients(ctx.account, review.get("case_id"))
            if case_id:
                r["CaseId"] = case_id
            d["ReviewDetails"] = r
        out["Details"] = d
    if reg.get("vdm"):
        out["VdmAttributes"] = reg["vdm"]
    return out


def put_account_details(ctx):
    reg, p = ctx.reg, ctx.params
    review = reg.get("review")
    if review and review["status"] in ("PENDING", "DENIED"):
        raise ApiError("ConflictException",
                       "A review of the account details is in progress"
                       if review["status"] == "PENDING" else
                       "The request for production access was denied; open a case "
                       "with AWS Support to appeal.")
    reg["details"] = {
        "mail_type": p["MailType"],
        "website_url": p["WebsiteURL"],
        "contact_language": p.get("ContactLanguage", "EN"),
        "use_case_description": p.get("UseCaseDescription"),
        "additional_contact_email_addresses": p.get("AdditionalContactEmailAddresses"),
    }
    if p.get("ProductionAccessEnabled") and not reg["production_access_enabled"]:
        from .scenario import _review_case
        acct = ctx.state.account(ctx.account)
        review = {"status": "PENDING", "since": ctx.state.now()}
        auto = acct.get("review_auto") or ctx.state.settings.get("review_auto")
        if auto:
            review["auto"] = dict(auto)
        case = _review_case(ctx.state, acct, reg, review, ctx.region)
        review["case_id"] = case["case_id"]
        reg["review"] = review
    return {}


def get_dedicated_ips(ctx):
    reg, p = ctx.reg, ctx.params
    name = p.get("PoolName")
    if name is not None:
        pool = _pool(reg, name)
        if pool is None:
            raise ApiError("NotFoundException", f"Pool {name} does not exist.")
        items = [_ip_out(pool, ip) for ip in pool["ips"]]
    else:
        items = [_ip_out(pool, ip) for pool, ip in _all_ips(reg)]
    chunk, token = _page(items, p, f"ips:{name or ''}")
    out = {"DedicatedIps": chunk}
    if token:
        out["NextToken"] = token
    return out


def get_dedicated_ip(ctx):
    for pool, ip in _all_ips(ctx.reg):
        if ip["ip"] == ctx.params["Ip"]:
            return {"DedicatedIp": _ip_out(pool, ip)}
    raise ApiError("NotFoundException", f"Dedicated IP {ctx.params['Ip']} does not exist.")


def put_dedicated_ip_in_pool(ctx):
    reg, p = ctx.reg, ctx.params
    dest = _pool(reg, p["DestinationPoolName"])
    if dest is None:
        raise ApiError("NotFoundException",
                       f"Pool {p['DestinationPoolName']} does not exist.")
    if dest["scaling_mode"] == "MANAGED":
        raise ApiError("BadRequestException",
                       "Dedicated IPs cannot be moved into a managed pool.")
    for pool, ip in list(_all_ips(reg)):
        if ip["ip"] != p["Ip"]:
            continue
        if pool is not None and pool["scaling_mode"] == "MANAGED":
            raise ApiError("BadRequestException",
                           "Dedicated IPs of a managed pool cannot be moved.")
        (pool["ips"] if pool is not None else reg["ips"]).remove(ip)
        dest["ips"].append(ip)
        return {}
    raise ApiError("NotFoundException", f"Dedicated IP {p['Ip']} does not exist.")


def list_dedicated_ip_pools(ctx):
    names = [pool["name"] for pool in ctx.reg["pools"]]
    chunk, token = _page(names, ctx.params, "pools")
    out = {"DedicatedIpPools": chunk}
    if token:
        out["NextToken"] = token
    return out


def get_dedicated_ip_pool(ctx):
    pool = _pool(ctx.reg, ctx.params["PoolName"])
    if pool is None:
        raise ApiError("NotFoundException", f"Pool {ctx.params['PoolName']} does not exist.")
    return {"DedicatedIpPool": {"PoolName": pool["name"], "ScalingMode": pool["scaling_mode"]}}


def create_dedicated_ip_pool(ctx):
    reg, p = ctx.reg, ctx.params
    if _pool(reg, p["PoolName"]) is not None:
        raise ApiError("AlreadyExistsException", f"Pool {p['PoolName']} already exists.")
    if len(reg["pools"]) >= MAX_POOLS:
        raise ApiError("LimitExceededException",
                       f"Maximum number of dedicated IP pools ({MAX_POOLS}) reached.")
    reg["pools"].append({"name": p["PoolName"],
                         "scaling_mode": p.get("ScalingMode", "STANDARD"),
                         "tags": [dict(t) for t in p.get("Tags", [])], "ips": []})
    return {}


def delete_dedicated_ip_pool(ctx):
    reg = ctx.reg
    pool = _pool(reg, ctx.params["PoolName"])
    if pool is None:
        raise ApiError("NotFoundException", f"Pool {ctx.params['PoolName']} does not exist.")
    reg["pools"].remove(pool)
    if pool["scaling_mode"] == "STANDARD":
        reg["ips"].extend(pool["ips"])
    return {}


HANDLERS = {
    "GetAccount": get_account,
    "PutAccountDetails": put_account_details,
    "GetDedicatedIps": get_dedicated_ips,
    "GetDedicatedIp": get_dedicated_ip,
    "PutDedicatedIpInPool": put_dedicated_ip_in_pool,
    "ListDedicatedIpPools": list_dedicated_ip_pools,
    "GetDedicatedIpPool": get_dedicated_ip_pool,
    "CreateDedicatedIpPool": create_dedicated_ip_pool,
    "DeleteDedicatedIpPool": delete_dedicated_ip_pool,
}
