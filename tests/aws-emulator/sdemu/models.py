"""botocore service models: which service and operation a request is, the
request turned back into parameters (so it can be validated), and answers
serialised from Python values.

Models load lazily (a service model is a large gzip'd JSON file) and are
cached; loading is guarded by a lock because requests arrive on many threads.
"""

import base64
import binascii
import datetime
import json
import re
import threading
from urllib.parse import parse_qsl, unquote

_lock = threading.RLock()
_session = None
_models = {}
_routes = {}

# Signing names that are not also botocore service names.
_SIGNING_TO_SERVICE = {
    "servicequotas": "service-quotas",
    "email": "ses",
    "execute-api": "apigateway",
    "monitoring": "cloudwatch",
    "states": "stepfunctions",
}


class ParseFailure(Exception):
    """The request cannot be read as the model says (bad JSON, bad route)."""

    def __init__(self, code, message, status=400):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def session():
    global _session
    with _lock:
        if _session is None:
            import botocore.session
            _session = botocore.session.get_session()
        return _session


def service_model(name):
    with _lock:
        model = _models.get(name)
        if model is None:
            model = session().get_service_model(name)
            _models[name] = model
        return model


def preload(names=("sesv2", "support", "service-quotas", "sts", "ses", "iam")):
    """Load the usual models ahead of the first request (run in a thread)."""
    for name in names:
        try:
            model = service_model(name)
            if model.protocol.startswith("rest"):
                _route_table(model)
        except Exception:  # noqa: BLE001 - best effort warm-up only
            pass


def service_for(signing_name, path):
    """Map a SigV4 signing name (and the path) to a botocore service name."""
    if not signing_name:
        return None
    if signing_name == "ses":
        return "sesv2" if path.startswith("/v2/") else "ses"
    name = _SIGNING_TO_SERVICE.get(signing_name, signing_name)
    with _lock:
        available = getattr(service_for, "_available", None)
        if available is None:
            available = set(session().get_available_services())
            service_for._available = available
    return name if name in available else None


# ---------------------------------------------------------------- routing

def _uri_regex(template):
    path, _, query = template.partition("?")
    out = ""
    literal = 0
    for part in re.split(r"(\{[^}]+\})", path):
        if part.startswith("{") and part.endswith("}"):
            name = part[1:-1]
            greedy = name.endswith("+")
            name = name.rstrip("+")
            group = re.sub(r"[^A-Za-z0-9_]", "_", name)
            out += f"(?P<{group}>.+)" if greedy else f"(?P<{group}>[^/]+)"
        else:
            out += re.escape(part)
            literal += len(part)
    static_query = [kv.partition("=") for kv in query.split("&") if kv]
    return re.compile("^" + out + "/?$"), literal, static_query


def _route_table(model):
    with _lock:
        table = _routes.get(model.service_name)
        if table is None:
            table = []
            for op_name in model.operation_names:
                op = model.operation_model(op_name)
                regex, literal, static_query = _uri_regex(op.http["requestUri"])
                table.append((op.http["method"], regex, literal, static_query, op_name))
            # The most literal template wins (".../dedicated-ips/{IP}/pool"
            # before ".../dedicated-ips/{IP}").
            table.sort(key=lambda r: (-r[2], -len(r[3])))
            _routes[model.service_name] = table
        return table


def request_protocol(model, method, path, headers):
    """The protocol this request speaks, among those the model lists.

    A service with several ("protocols": CloudWatch has smithy-rpc-v2-cbor,
    json and query) is read the way the client wrote it.
    """
    supported = model.metadata.get("protocols") or [model.protocol]
    if len(supported) < 2:
        return model.protocol
    ctype = headers.get("content-type", "")
    if "smithy-rpc-v2-cbor" in supported and (
            headers.get("smithy-protocol") == "rpc-v2-cbor" or path.startswith("/service/")):
        return "smithy-rpc-v2-cbor"
    if "json" in supported and ("x-amz-target" in headers
                                or ctype.startswith("application/x-amz-json-")):
        return "json"
    if "query" in supported:
        return "query"
    return model.protocol


def find_operation(model, method, path, query_pairs, headers, body, proto=None):
    """Return (operation name, uri label dict) or raise ParseFailure."""
    proto = proto or model.protocol
    if proto == "smithy-rpc-v2-cbor":
        service = model.metadata.get("targetPrefix", "")
        m = re.match(r"^/service/([^/]+)/operation/([^/]+)$", path)
        if not m or m.group(1) != service or m.group(2) not in model.operation_names:
            raise ParseFailure("UnknownOperationException",
                               f"No operation of {model.service_name} for {method} {path}",
                               status=404)
        if method != "POST":
            raise ParseFailure("UnknownOperationException",
                               f"RPC v2 CBOR needs POST, got {method}")
        return m.group(2), {}
    if proto == "json":
        target = headers.get("x-amz-target", "")
        prefix = model.metadata.get("targetPrefix", "")
        pfx, _, op = target.rpartition(".")
        if pfx != prefix or op not in model.operation_names:
            raise ParseFailure("UnknownOperationException",
                               f"Unknown operation {target!r}")
        if method != "POST" or path != "/":
            raise ParseFailure("UnknownOperationException",
                               f"JSON protocol needs POST /, got {method} {path}")
        return op, {}
    if proto == "query" or proto == "ec2":
        params = dict(query_pairs)
        ctype = headers.get("content-type", "")
        if body and "x-www-form-urlencoded" in ctype:
            params.update(parse_qsl(body.decode("utf-8", "replace"),
                                    keep_blank_values=True))
        op = params.get("Action")
        if not op or op not in model.operation_names:
            raise ParseFailure("InvalidAction",
                               f"Could not find operation {op!r}")
        return op, {}
    # rest-json / rest-xml
    keys = {k for k, _ in query_pairs}
    for m, regex, _lit, static_query, op_name in _route_table(model):
        if m != method:
            continue
        match = regex.match(path)
        if not match:
            continue
        if any(k not in keys for k, _, _ in static_query):
            continue
        labels = {k: unquote(v) for k, v in match.groupdict().items()}
        return op_name, labels
    raise ParseFailure("UnknownOperationException",
                       f"No operation of {model.service_name} for {method} {path}",
                       status=404)


# ---------------------------------------------------------------- parsing

class _Bad:
    """A wire value that could not be converted: kept so the validator sees
    a wrong type and reports it."""

    def __init__(self, raw, why):
        self.raw = raw
        self.why = why

    def __repr__(self):
        return f"{self.raw!r} ({self.why})"


def _scalar_from_text(shape, text):
    t = shape.type_name
    try:
        if t in ("integer", "long"):
            return int(text)
        if t in ("double", "float"):
            return float(text)
        if t == "boolean":
            if text in ("true", "false"):
                return text == "true"
            return _Bad(text, "not a boolean")
        if t == "blob":
            return base64.b64decode(text, validate=True)
        if t == "timestamp":
            return text
    except (ValueError, binascii.Error):
        return _Bad(text, f"not a valid {t}")
    return text


def _from_json(shape, value):
    """Convert a JSON-decoded value into what ParamValidator expects."""
    t = shape.type_name
    if value is None:
        return None
    if t == "structure":
        if not isinstance(value, dict) or shape.is_document_type:
            return value
        out = {}
        by_wire = {m.serialization.get("name", n): n for n, m in shape.members.items()}
        for k, v in value.items():
            member = by_wire.get(k)
            if member is None:
                out[k] = v  # the validator reports it as unknown
            else:
                out[member] = _from_json(shape.members[member], v)
        return out
    if t == "list":
        if not isinstance(value, list):
            return value
        return [_from_json(shape.member, v) for v in value]
    if t == "map":
        if not isinstance(value, dict):
            return value
        return {k: _from_json(shape.value, v) for k, v in value.items()}
    if t == "blob":
        if isinstance(value, str):
            try:
                return base64.b64decode(value, validate=True)
            except (ValueError, binascii.Error):
                return _Bad(value, "not valid base64")
        return value
    if t == "timestamp":
        fmt = shape.metadata.get("timestampFormat", "unixTimestamp")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if fmt != "unixTimestamp":
                return _Bad(value, f"timestamp must be {fmt}")
            return datetime.datetime.fromtimestamp(value, datetime.timezone.utc)
        if isinstance(value, str) and fmt == "unixTimestamp":
            return _Bad(value, "timestamp must be epoch seconds in JSON")
        return value
    return value


def _query_value(shape, prefix, params, used):
    t = shape.type_name
    if t == "structure":
        out = {}
        for name, member in shape.members.items():
            key = f"{prefix}.{member.serialization.get('name', name)}" if prefix \
                else member.serialization.get("name", name)
            v = _query_value(member, key, params, used)
            if v is not None:
                out[name] = v
        return out if (out or not prefix) else None
    if t == "list":
        flat = shape.serialization.get("flattened")
        item = shape.member.serialization.get("name", "member")
        base = f"{prefix}." if flat else f"{prefix}.{item}."
        if prefix in params and params[prefix] == "":
            used.add(prefix)
            return []
        items = []
        i = 1
        while True:
            key = f"{base}{i}"
            if not any(p == key or p.startswith(key + ".") for p in params):
                break
            items.append(_query_value(shape.member, key, params, used))
            i += 1
        return items if items else None
    if t == "map":
        flat = shape.serialization.get("flattened")
        base = f"{prefix}." if flat else f"{prefix}.entry."
        kname = shape.key.serialization.get("name", "key")
        vname = shape.value.serialization.get("name", "value")
        out = {}
        i = 1
        while f"{base}{i}.{kname}" in params:
            k = _query_value(shape.key, f"{base}{i}.{kname}", params, used)
            out[k] = _query_value(shape.value, f"{base}{i}.{vname}", params, used)
            i += 1
        return out if out else None
    if prefix in params:
        used.add(prefix)
        return _scalar_from_text(shape, params[prefix])
    return None


def parse_params(model, op_name, method, query_pairs, headers, body, labels, proto=None):
    """Rebuild the operation's input parameters from the wire.

    Returns (params, extra_problems) where extra_problems lists what the
    validator cannot see (unknown query keys, a body that is not JSON...).
    """
    op = model.operation_model(op_name)
    shape = op.input_shape
    problems = []
    proto = proto or model.protocol
    if shape is None:
        return {}, problems
    if proto == "smithy-rpc-v2-cbor":
        from .cloudwatch import cbor_decode
        if headers.get("smithy-protocol") != "rpc-v2-cbor":
            problems.append("smithy-protocol header is not rpc-v2-cbor")
        try:
            doc = cbor_decode(body)
        except Exception as e:  # noqa: BLE001 - any decoding failure is the client's
            raise ParseFailure("SerializationException", f"Body is not CBOR: {e}")
        if not isinstance(doc, dict):
            raise ParseFailure("SerializationException", "Body is not a CBOR map")
        return _from_json(shape, doc), problems
    if proto == "json":
        if not body.strip():
            # botocore always sends "{}"; AWS accepts an empty body.
            return {}, problems
        try:
            doc = json.loads(body)
        except (ValueError, UnicodeDecodeError) as e:
            raise ParseFailure("SerializationException", f"Body is not JSON: {e}")
        if not isinstance(doc, dict):
            raise ParseFailure("SerializationException", "Body is not a JSON object")
        ctype = headers.get("content-type", "")
        if not ctype.startswith("application/x-amz-json-1."):
            problems.append(f"Content-Type {ctype!r} is not application/x-amz-json-1.x")
        return _from_json(shape, doc), problems
    if proto in ("query", "ec2"):
        params = dict(query_pairs)
        ctype = headers.get("content-type", "")
        if body and "x-www-form-urlencoded" in ctype:
            params.update(parse_qsl(body.decode("utf-8", "replace"),
                                    keep_blank_values=True))
        used = {"Action", "Version"}
        out = _query_value(shape, "", params, used) or {}
        for key in params:
            if key not in used:
                problems.append(f"Unknown parameter {key!r}")
        return out, problems
    # rest-json / rest-xml
    out = {}
    qdict = {}
    for k, v in query_pairs:
        qdict.setdefault(k, []).append(v)
    used_q = set()
    payload = shape.serialization.get("payload")
    body_members = {}
    for name, member in shape.members.items():
        loc = member.serialization.get("location")
        wire = member.serialization.get("name", name)
        if loc == "uri":
            group = re.sub(r"[^A-Za-z0-9_]", "_", wire)
            if group in labels:
                out[name] = _scalar_from_text(member, labels[group])
        elif loc == "querystring":
            if member.type_name == "map":
                rest = {k: v[0] for k, v in qdict.items() if k not in used_q}
                if rest:
                    out[name] = rest
                    used_q.update(rest)
            elif wire in qdict:
                used_q.add(wire)
                if member.type_name == "list":
                    out[name] = [_scalar_from_text(member.member, v) for v in qdict[wire]]
                else:
                    out[name] = _scalar_from_text(member, qdict[wire][0])
        elif loc == "header":
            if member.type_name == "map":
                pfx = wire.lower()
                found = {k[len(pfx):]: v for k, v in headers.items() if k.startswith(pfx)}
                if found:
                    out[name] = found
            elif wire.lower() in headers:
                out[name] = _scalar_from_text(member, headers[wire.lower()])
        elif loc in ("headers", "statusCode"):
            pass
        else:
            body_members[name] = member
    for k in qdict:
        if k not in used_q:
            problems.append(f"Unknown query parameter {k!r}")
    if payload:
        member = shape.members[payload]
        if member.type_name in ("blob", "string"):
            if body:
                out[payload] = body if member.type_name == "blob" else body.decode()
        elif body.strip():
            try:
                doc = json.loads(body)
            except (ValueError, UnicodeDecodeError) as e:
                raise ParseFailure("SerializationException", f"Body is not JSON: {e}")
            out[payload] = _from_json(member, doc)
        return out, problems
    if body_members or body.strip():
        if body.strip():
            if proto == "rest-xml":
                return out, problems  # not needed by this emulator
            try:
                doc = json.loads(body)
            except (ValueError, UnicodeDecodeError) as e:
                raise ParseFailure("SerializationException", f"Body is not JSON: {e}")
            if not isinstance(doc, dict):
                raise ParseFailure("SerializationException", "Body is not a JSON object")
            by_wire = {m.serialization.get("name", n): n for n, m in body_members.items()}
            for k, v in doc.items():
                member = by_wire.get(k)
                if member is None:
                    out[k] = v  # reported as unknown by the validator
                else:
                    out[member] = _from_json(body_members[member], v)
            if method in ("GET", "HEAD") and doc:
                problems.append(f"{method} request carries a JSON body")
    return out, problems


def loggable(value, limit=2048):
    """Parameters made JSON-safe for the request log (blobs summarised)."""
    if isinstance(value, dict):
        return {k: loggable(v, limit) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [loggable(v, limit) for v in value]
    if isinstance(value, (bytes, bytearray)):
        if len(value) <= limit:
            return {"base64": base64.b64encode(value).decode(), "length": len(value)}
        return {"length": len(value)}
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, _Bad):
        return repr(value)
    return value


# ---------------------------------------------------------------- answers

def to_wire_json(shape, value):
    """Serialise a Python value to what the JSON protocols put on the wire."""
    if value is None:
        return None
    t = shape.type_name
    if t == "structure":
        out = {}
        for name, member in shape.members.items():
            if name in value and value[name] is not None:
                out[member.serialization.get("name", name)] = to_wire_json(member, value[name])
        return out
    if t == "list":
        return [to_wire_json(shape.member, v) for v in value]
    if t == "map":
        return {k: to_wire_json(shape.value, v) for k, v in value.items()}
    if t == "blob":
        return base64.b64encode(value).decode()
    if t == "timestamp":
        if isinstance(value, datetime.datetime):
            return round(value.timestamp(), 3)
        return value
    if t in ("double", "float"):
        return float(value)
    return value
