"""Injected faults (POST /_sd/faults)."""

import threading

_SERVICE_ALIASES = {
    "ses": ("ses", "sesv2"), "email": ("ses", "sesv2"), "sesv2": ("sesv2",),
    "servicequotas": ("service-quotas",), "service-quotas": ("service-quotas",),
}

# Default error code per status when a fault only gives a status.
_DEFAULT_CODES = {
    "rest-json": {429: "TooManyRequestsException", 500: "InternalFailure",
                  503: "ServiceUnavailable", 400: "BadRequestException",
                  403: "AccessDeniedException", 404: "NotFoundException",
                  409: "ConflictException"},
    "json": {400: "ThrottlingException", 429: "ThrottlingException",
             500: "InternalServerError", 503: "ServiceUnavailable",
             403: "AccessDeniedException"},
    "query": {400: "Throttling", 429: "Throttling", 500: "InternalFailure",
              503: "ServiceUnavailable", 403: "AccessDenied"},
}

KNOWN_KEYS = {"service", "operation", "region", "account", "count", "skip", "status",
              "code", "message", "delay_ms", "drop", "truncate", "malformed",
              "junk_elements", "after_apply", "type_header"}


class FaultError(ValueError):
    pass


class Faults:
    def __init__(self):
        self._lock = threading.Lock()
        self._faults = []

    def add(self, spec):
        specs = spec if isinstance(spec, list) else [spec]
        added = []
        for s in specs:
            if not isinstance(s, dict):
                raise FaultError("a fault is a JSON object")
            unknown = set(s) - KNOWN_KEYS
            if unknown:
                raise FaultError(f"unknown fault keys {sorted(unknown)}")
            f = dict(s)
            f.setdefault("count", 1)
            f.setdefault("skip", 0)
            f["hits"] = 0
            if not any(f.get(k) for k in ("status", "code", "drop", "truncate",
                                             "malformed", "junk_elements", "delay_ms")):
                raise FaultError("a fault needs status/code, drop, truncate, "
                                 "malformed, junk_elements or delay_ms")
            if f.get("code") and not f.get("status"):
                f["status"] = 400
            added.append(f)
        with self._lock:
            self._faults.extend(added)
        return added

    def clear(self):
        with self._lock:
            self._faults.clear()

    def list(self):
        with self._lock:
            return [dict(f) for f in self._faults]

    @staticmethod
    def _matches(f, service, operation, region, account):
        if f.get("service"):
            names = _SERVICE_ALIASES.get(f["service"], (f["service"],))
            if service not in names:
                return False
        if f.get("operation") and f["operation"] != operation:
            return False
        if f.get("region") and f["region"] != region:
            return False
        if f.get("account") and str(f["account"]) != account:
            return False
        return True

    def take(self, service, operation, region, account):
        """The fault this request gets, if any (consumes one use)."""
        with self._lock:
            for f in self._faults:
                if f["count"] == 0 or not self._matches(f, service, operation,
                                                        region, account):
                    continue
                f["hits"] += 1
                if f["hits"] <= f["skip"]:
                    continue
                if f["count"] > 0:
                    f["count"] -= 1
                return dict(f)
        return None


def default_code(protocol, status):
    table = _DEFAULT_CODES.get(protocol if protocol in _DEFAULT_CODES else "query", {})
    return table.get(status, "InternalFailure" if status >= 500 else "BadRequest")


def describe(f):
    parts = []
    for k in ("status", "code", "drop", "truncate", "malformed", "junk_elements", "delay_ms",
              "after_apply"):
        if f.get(k):
            parts.append(f"{k}={f[k]}" if not isinstance(f[k], bool) else k)
    return " ".join(parts)


JUNK = [1, None, "junk", [], True]


def add_junk(doc):
    """@doc with every array (at any depth) starting with elements of the
    wrong type: a number, a null, a string, an array, a boolean."""
    if isinstance(doc, dict):
        return {k: add_junk(v) for k, v in doc.items()}
    if isinstance(doc, list):
        return list(JUNK) + [add_junk(v) for v in doc]
    return doc
