"""AWS Organizations: ListAccounts and DescribeOrganization of the scenario's
organizations (README.md, Organizations), answered from the state rather
than moto's backend, whose pages go by JoinedTimestamp and lose accounts
that joined in the same instant."""

from .errors import ApiError
from .state import make_token, read_token

# What AWS answers (Organizations API reference, Common errors).
NOT_IN_USE = ("AWSOrganizationsNotInUseException",
              "Your account is not a member of an organization.")
NOT_ADMIN = ("AccessDeniedException", "You don't have permissions to access this resource.")

# The older Status for each State (Status has no CLOSED or PENDING_ACTIVATION).
_STATUS = {"ACTIVE": "ACTIVE", "SUSPENDED": "SUSPENDED", "PENDING_CLOSURE": "PENDING_CLOSURE",
           "CLOSED": "SUSPENDED"}


def _organization(ctx):
    """The organization the caller's account manages; AWS's errors otherwise."""
    acct = ctx.state.accounts.get(ctx.account) or {}
    if acct.get("organization"):
        return acct["organization"]
    if acct.get("member_of"):
        raise ApiError(NOT_ADMIN[0], NOT_ADMIN[1], 400)
    raise ApiError(NOT_IN_USE[0], NOT_IN_USE[1], 400)


def _account_out(org, entry, joined):
    out = {"Id": entry["Id"], "Name": entry["Name"], "Email": entry["Email"],
           "Arn": (f"arn:aws:organizations::{org['management_account_id']}:account/"
                   f"{org['id']}/{entry['Id']}"),
           "State": entry["State"],
           "JoinedMethod": "INVITED" if entry["Id"] != org["management_account_id"] else "CREATED",
           "JoinedTimestamp": joined}
    if entry["State"] in _STATUS:
        out["Status"] = _STATUS[entry["State"]]
    return out


def list_accounts(ctx):
    import datetime
    org = _organization(ctx)
    size = min(int(ctx.params.get("MaxResults", org["page_size"])), org["page_size"])
    context = f"ListAccounts:{org['id']}"
    start = read_token(ctx.params.get("NextToken"), context)
    items = org["accounts"]
    if start is None or start > len(items):
        raise ApiError("InvalidInputException", "You provided an invalid NextToken value.", 400)
    joined = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    out = {"Accounts": [_account_out(org, e, joined) for e in items[start:start + size]]}
    if start + size < len(items):
        out["NextToken"] = make_token(start + size, context)
    return out


def describe_organization(ctx):
    org = _organization(ctx)
    mgmt = org["management_account_id"]
    return {"Organization": {
        "Id": org["id"], "Arn": f"arn:aws:organizations::{mgmt}:organization/{org['id']}",
        "FeatureSet": "ALL", "MasterAccountId": mgmt,
        "MasterAccountArn": f"arn:aws:organizations::{mgmt}:account/{org['id']}/{mgmt}",
        "MasterAccountEmail": org["accounts"][0]["Email"]}}


HANDLERS = {
    "ListAccounts": list_accounts,
    "DescribeOrganization": describe_organization,
}
