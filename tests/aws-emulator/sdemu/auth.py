"""SigV4 verification and IAM policy evaluation for every AWS request.

moto's own check (INITIAL_NO_AUTH_ACTION_COUNT=0) fails good signatures on
REST-JSON GETs in moto 5.2.1 (it re-encodes the query into the body it
hashes), so the emulator checks every request here instead and tells moto
which account made it (x-moto-account-id). Access keys, secrets, users,
roles and policies still live in moto's IAM and STS backends, so keys made
through the IAM API or STS AssumeRole work like the scenario's own.
"""

import datetime
import fnmatch
import hashlib
import hmac
import json
import re
from urllib.parse import quote, unquote

from .errors import ApiError, MOTO_SIGNATURE_MESSAGE, MOTO_TOKEN_MESSAGE

_AUTH_RE = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<cred>[^,\s]+)\s*,\s*"
    r"SignedHeaders=(?P<sh>[^,\s]+)\s*,\s*Signature=(?P<sig>[0-9a-fA-F]+)\s*$")

MAX_SKEW = datetime.timedelta(minutes=5)


class Credential:
    """What the Authorization header says."""

    def __init__(self, access_key, date, region, service, signed_headers, signature):
        self.access_key = access_key
        self.date = date
        self.region = region
        self.service = service
        self.signed_headers = signed_headers
        self.signature = signature

    @property
    def scope(self):
        return f"{self.date}/{self.region}/{self.service}/aws4_request"


def parse_authorization(value):
    """Parse a SigV4 Authorization header; None when it is not SigV4."""
    if not value:
        return None
    m = _AUTH_RE.match(value.strip())
    if not m:
        return None
    parts = m.group("cred").split("/")
    if len(parts) != 5 or parts[4] != "aws4_request":
        return None
    return Credential(parts[0], parts[1], parts[2], parts[3],
                      m.group("sh").split(";"), m.group("sig").lower())


class Principal:
    """An IAM user or an assumed role, with its secret."""

    def __init__(self, account_id, kind, name, arn, secret, session_token=None,
                 policies=(), key=None):
        self.account_id = account_id
        self.kind = kind  # "user" | "role"
        self.name = name
        self.arn = arn
        self.secret = secret
        self.session_token = session_token
        self.policies = list(policies)
        self.key = key


def _policy_doc(policy):
    """Text of an inline (str) or managed (moto Policy) policy."""
    if isinstance(policy, str):
        return policy
    for version in getattr(policy, "versions", []):
        if getattr(version, "is_default", False):
            return version.document
    return getattr(policy, "document", "{}")


def lookup_principal(access_key_id):
    """Find the principal owning an access key in moto's IAM/STS state."""
    from moto.iam.models import iam_backends
    from moto.sts.models import sts_backends

    for account_id, account in list(iam_backends.items()):
        backend = account["aws"]
        key = backend.access_keys.get(access_key_id)
        if key is None:
            continue
        if getattr(key, "status", "Active") != "Active":
            return None
        if key.role_arn:
            for assumed in sts_backends[account_id]["aws"].assumed_roles:
                if assumed.access_key_id == access_key_id:
                    role_name = key.role_arn.split("/")[-1]
                    policies = []
                    try:
                        role = backend.get_role_by_arn(key.role_arn)
                        policies += list(role.policies.values())
                        policies += list(role.managed_policies.values())
                    except Exception:  # noqa: BLE001 - role deleted: no policies
                        pass
                    arn = (f"arn:aws:sts::{account_id}:assumed-role/"
                           f"{role_name}/{assumed.session_name}")
                    return Principal(account_id, "role", role_name, arn,
                                     assumed.secret_access_key,
                                     assumed.session_token,
                                     [_policy_doc(p) for p in policies], key)
            return None
        user = backend.get_user(key.user_name)
        policies = list(user.policies.values()) + list(user.managed_policies.values())
        for group in backend.get_groups_for_user(user.name):
            policies += list(group.policies.values())
            policies += list(group.managed_policies.values())
        return Principal(account_id, "user", user.name, user.arn,
                         key.secret_access_key, None,
                         [_policy_doc(p) for p in policies], key)
    return None


def _canonical_uri(raw_path):
    from botocore.utils import normalize_url_path
    # AWS double-encodes the path for every service but S3: the path as
    # sent (already %-encoded) is encoded once more.
    return quote(normalize_url_path(raw_path or "/"), safe="/~")


def _canonical_query(raw_query):
    pairs = []
    for item in raw_query.split("&") if raw_query else []:
        if not item:
            continue
        k, _, v = item.partition("=")
        pairs.append((quote(unquote(k), safe="-_.~"), quote(unquote(v), safe="-_.~")))
    pairs.sort()
    return "&".join(f"{k}={v}" for k, v in pairs)


def _hmac(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def signing_key(secret, date, region, service):
    k = _hmac(("AWS4" + secret).encode("utf-8"), date)
    k = _hmac(k, region)
    k = _hmac(k, service)
    return _hmac(k, "aws4_request")


def canonical_request(req, cred, payload_hash):
    lines = []
    for name in cred.signed_headers:
        value = req.header_values(name)
        if value is None:
            raise KeyError(name)
        lines.append(f"{name}:{value}")
    return "\n".join([
        req.method,
        _canonical_uri(req.raw_path),
        _canonical_query(req.raw_query),
        "\n".join(lines) + "\n",
        ";".join(cred.signed_headers),
        payload_hash,
    ])


def verify(req, cred, principal, now, native_error):
    """Check the signature of req; raise ApiError when it does not verify.

    native_error(code, message, status) builds an error in the request's
    protocol; signature mismatches use moto's shape.
    """
    if "host" not in cred.signed_headers:
        raise native_error("IncompleteSignature",
                           "'Host' or ':authority' must be a 'SignedHeader' in the "
                           "AWS Authorization.", 403)
    amz_date = req.headers.get("x-amz-date")
    if amz_date is None or "x-amz-date" not in cred.signed_headers:
        if "date" not in cred.signed_headers or "date" not in req.headers:
            raise native_error("IncompleteSignature",
                               "Authorization header requires existence of either a "
                               "'X-Amz-Date' or a 'Date' header.", 403)
        try:
            from email.utils import parsedate_to_datetime
            when = parsedate_to_datetime(req.headers["date"])
            amz_date = when.strftime("%Y%m%dT%H%M%SZ")
        except (TypeError, ValueError):
            raise native_error("IncompleteSignature", "Date header is not valid", 403)
    try:
        when = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(
            tzinfo=datetime.timezone.utc)
    except ValueError:
        raise native_error("IncompleteSignature",
                           f"Date must be in ISO-8601 'basic format'. Got '{amz_date}'.",
                           403)
    fmt = "%Y%m%dT%H%M%SZ"
    if when < now - MAX_SKEW:
        raise native_error(
            "InvalidSignatureException" if native_error.json else "SignatureDoesNotMatch",
            f"Signature expired: {amz_date} is now earlier than "
            f"{(now - MAX_SKEW).strftime(fmt)} ({now.strftime(fmt)} - 5 min.)", 403)
    if when > now + MAX_SKEW:
        raise native_error(
            "InvalidSignatureException" if native_error.json else "SignatureDoesNotMatch",
            f"Signature not yet current: {amz_date} is still later than "
            f"{(now + MAX_SKEW).strftime(fmt)} ({now.strftime(fmt)} + 5 min.)", 403)
    if cred.date != amz_date[:8]:
        raise ApiError("SignatureDoesNotMatch", MOTO_SIGNATURE_MESSAGE, 403, moto_style=True)

    token = req.headers.get("x-amz-security-token")
    if principal.session_token is not None:
        if token != principal.session_token:
            raise ApiError("InvalidClientTokenId", MOTO_TOKEN_MESSAGE, 403, moto_style=True)
    elif token is not None:
        raise ApiError("InvalidClientTokenId", MOTO_TOKEN_MESSAGE, 403, moto_style=True)

    actual = hashlib.sha256(req.body).hexdigest()
    declared = req.headers.get("x-amz-content-sha256")
    if declared is not None and declared != actual:
        raise native_error("XAmzContentSHA256Mismatch",
                           "The provided 'x-amz-content-sha256' header does not match "
                           "what was computed.", 400)
    try:
        creq = canonical_request(req, cred, actual)
    except KeyError:
        raise ApiError("SignatureDoesNotMatch", MOTO_SIGNATURE_MESSAGE, 403, moto_style=True)
    sts = "\n".join(["AWS4-HMAC-SHA256", amz_date, cred.scope,
                     hashlib.sha256(creq.encode("utf-8")).hexdigest()])
    key = signing_key(principal.secret, cred.date, cred.region, cred.service)
    expected = hmac.new(key, sts.encode("utf-8"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, cred.signature):
        raise ApiError("SignatureDoesNotMatch", MOTO_SIGNATURE_MESSAGE, 403, moto_style=True)


# ---------------------------------------------------------------- policies

def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _match(pattern, value, case=False):
    if not case:
        pattern, value = pattern.lower(), value.lower()
    # IAM wildcards: * and ? only.
    return fnmatch.fnmatchcase(value, pattern.replace("[", "[[]"))


def _condition_ok(conditions, context):
    for op, block in (conditions or {}).items():
        base = op.split(":")[-1]
        if_exists = base.endswith("IfExists")
        base = base[:-len("IfExists")] if if_exists else base
        for key, wanted in block.items():
            have = context.get(key.lower())
            wanted = [str(w) for w in _as_list(wanted)]
            if have is None:
                if if_exists or base.startswith(("StringNot", "ArnNot")):
                    continue
                return False
            if base == "StringEquals":
                ok = have in wanted
            elif base == "StringNotEquals":
                ok = have not in wanted
            elif base == "StringEqualsIgnoreCase":
                ok = have.lower() in [w.lower() for w in wanted]
            elif base == "StringNotEqualsIgnoreCase":
                ok = have.lower() not in [w.lower() for w in wanted]
            elif base in ("StringLike", "ArnLike", "ArnEquals"):
                ok = any(_match(w, have, True) for w in wanted)
            elif base in ("StringNotLike", "ArnNotLike", "ArnNotEquals"):
                ok = not any(_match(w, have, True) for w in wanted)
            elif base == "Bool":
                ok = have.lower() in [w.lower() for w in wanted]
            else:
                return False  # an operator this emulator does not know
            if not ok:
                return False
    return True


def _statement_applies(st, action, resource, context):
    if "Action" in st:
        if not any(_match(p, action) for p in _as_list(st["Action"])):
            return False
    elif "NotAction" in st:
        if any(_match(p, action) for p in _as_list(st["NotAction"])):
            return False
    else:
        return False
    if "Resource" in st:
        if not any(p == "*" or _match(p, resource, True) for p in _as_list(st["Resource"])):
            return False
    elif "NotResource" in st:
        if any(p == "*" or _match(p, resource, True) for p in _as_list(st["NotResource"])):
            return False
    return _condition_ok(st.get("Condition"), context)


def evaluate(policy_docs, action, resource, context):
    """IAM's rule: an explicit Deny wins, then any Allow, else implicit deny.

    Returns "allow", "deny" (explicit) or "implicit".
    """
    allowed = False
    for text in policy_docs:
        try:
            doc = json.loads(text) if isinstance(text, str) else text
        except ValueError:
            continue
        for st in _as_list(doc.get("Statement")):
            if not _statement_applies(st, action, resource, context):
                continue
            if st.get("Effect") == "Deny":
                return "deny"
            if st.get("Effect") == "Allow":
                allowed = True
    return "allow" if allowed else "implicit"


def authorize(principal, prefix, operation, region):
    """Whether principal may call prefix:operation in region."""
    action = f"{prefix}:{operation}"
    if action == "sts:GetCallerIdentity":
        return True  # AWS allows it whatever the policies say
    resource = f"arn:aws:{prefix}:{region}:{principal.account_id}:*"
    context = {
        "aws:requestedregion": region,
        "aws:principalaccount": principal.account_id,
        "aws:principalarn": principal.arn,
        "aws:username": principal.name,
        "aws:principaltype": "User" if principal.kind == "user" else "AssumedRole",
    }
    return evaluate(principal.policies, action, resource, context) == "allow"


def trust_allows(role, principal, context=None):
    """Whether role's trust policy lets principal assume it; context holds the
    request's condition keys (sts:externalid, sts:rolesessionname)."""
    try:
        doc = json.loads(role.assume_role_policy_document)
    except (ValueError, TypeError):
        return False
    allowed = False
    for st in _as_list(doc.get("Statement")):
        actions = _as_list(st.get("Action"))
        if not any(_match(a, "sts:AssumeRole") for a in actions):
            continue
        aws = _as_list((st.get("Principal") or {}).get("AWS")) \
            if isinstance(st.get("Principal"), dict) else _as_list(st.get("Principal"))
        hit = False
        for p in aws:
            if p == "*" or p == principal.account_id or p == principal.arn \
                    or p == f"arn:aws:iam::{principal.account_id}:root" \
                    or _match(p, principal.arn, True):
                hit = True
        if not hit:
            continue
        if not _condition_ok(st.get("Condition"), context or {}):
            continue
        if st.get("Effect") == "Deny":
            return False
        if st.get("Effect") == "Allow":
            allowed = True
    return allowed
