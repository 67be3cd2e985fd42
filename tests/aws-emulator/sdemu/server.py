"""HTTP front of the emulator.

Every AWS request is signature-checked, authorised by the caller's IAM
policies, validated against the botocore model, logged, possibly faulted,
then answered by this package's handlers (SESv2 account/IPs/pools, Support,
Service Quotas for SES, SES v1 quota) or passed to moto in-process.
/_sd/* is the unsigned control endpoint.
"""

import argparse
import datetime
import io
import json
import os
import signal
import socket
import ssl
import sys
import threading
import time
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote_to_bytes
from xml.sax.saxutils import escape

from . import auth, cloudwatch, errors, faults, models, scenario, validate
from . import organizations, quotas, sesv1, sesv2, support
from .errors import ApiError
from .state import LOCK, State

HANDLERS = {
    "sesv2": sesv2.HANDLERS,
    "support": support.HANDLERS,
    "service-quotas": quotas.HANDLERS,
    "ses": sesv1.HANDLERS,
    "organizations": organizations.HANDLERS,
}

# IAM action prefixes, where they differ from the signing name.
_IAM_PREFIX = {"sesv2": "ses", "ses": "ses", "service-quotas": "servicequotas",
               "cloudwatch": "cloudwatch"}

MAX_LOG = 20000
SUPPORT_SIGNING_REGIONS = ("us-east-1", "cn-north-1", "us-gov-west-1")
ORGANIZATIONS_SIGNING_REGIONS = ("us-east-1", "cn-northwest-1", "us-gov-west-1")


class Request:
    def __init__(self, method, target, header_items, body):
        self.method = method
        path, _, query = target.partition("?")
        self.raw_path = path
        self.raw_query = query
        self.header_items = header_items
        self._multi = {}
        for k, v in header_items:
            self._multi.setdefault(k.lower(), []).append(v)
        self.headers = {k: ",".join(v) for k, v in self._multi.items()}
        self.body = body

    @property
    def path(self):
        return unquote_to_bytes(self.raw_path).decode("utf-8", "replace")

    @property
    def query_pairs(self):
        return parse_qsl(self.raw_query, keep_blank_values=True)

    def header_values(self, name):
        values = self._multi.get(name)
        if values is None:
            return None
        return ",".join(" ".join(v.strip().split()) for v in values)


class Response:
    def __init__(self, status, headers, body, action=None):
        self.status = status
        self.headers = list(headers)
        self.body = body if isinstance(body, bytes) else body.encode("utf-8")
        self.action = action  # None | "drop" | "truncate"

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


class Ctx:
    """What a handler gets: state, who, where, and the parameters."""

    def __init__(self, state, account, region, params, principal):
        self.state = state
        self.account = account
        self.region = region
        self.params = params
        self.principal = principal
        self._reg = None

    @property
    def reg(self):
        if self._reg is None:
            self._reg = self.state.region(self.account, self.region)
        return self._reg


class _NativeError:
    """Builds ApiErrors in the request's protocol (for auth.verify)."""

    def __init__(self, protocol):
        self.json = protocol in ("json", "rest-json")

    def __call__(self, code, message, status):
        if self.json and not code.endswith("Exception") and code not in (
                "SignatureDoesNotMatch",):
            code = code + "Exception"
        return ApiError(code, message, status)


def _new_connection_stats():
    # Connections accepted on the endpoint's listener, TLS handshakes done
    # (resumed: an abbreviated one, reusing an earlier session) and failed,
    # and AWS requests answered: requests / connections is the reuse.
    return {"connections": 0, "tls_handshakes": 0, "tls_resumed": 0, "tls_failures": 0,
            "requests": 0}


def _json_response(doc, status=200):
    body = json.dumps(doc, indent=1, ensure_ascii=False, default=str)
    return Response(status, [("Content-Type", "application/json")], body)


def _xml_value(shape, value):
    t = shape.type_name
    if t == "structure":
        return "".join(f"<{n}>{_xml_value(m, value[n])}</{n}>"
                       for n, m in shape.members.items() if value.get(n) is not None)
    if t == "list":
        return "".join(f"<member>{_xml_value(shape.member, v)}</member>" for v in value)
    if t == "boolean":
        return "true" if value else "false"
    if t == "timestamp":
        return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ") if hasattr(value, "strftime") else value
    return escape(str(value))


class Emulator:
    def __init__(self, latency_ms=0, verbose=False):
        self.state = State()
        self.faults = faults.Faults()
        self.latency_ms = latency_ms
        self.verbose = verbose
        self._log_lock = threading.Lock()
        self.requests = []
        self.violations = []
        self._next_id = 1
        self.credentials = {"accounts": [], "roles": []}
        self.scenario_name = None
        self.endpoint = None
        self.control_base = None           # plain HTTP beside a TLS endpoint, else endpoint
        self.ca_bundle = None              # the test CA's PEM file under --tls
        # Guards the counters; notified when a TLS handshake in progress
        # ends, so that a read waits until the counts are settled.
        self._conn_lock = threading.Condition()
        self._handshakes_pending = 0
        self.connections = _new_connection_stats()
        self._moto_app = None
        self._moto_lock = threading.Lock()

    # ------------------------------------------------------------ scenario

    def load_scenario(self, doc, name=None):
        self.credentials = scenario.load(self.state, doc)
        self.scenario_name = name
        return self.summary()

    def summary(self):
        out = {"endpoint": self.endpoint,
               "control": f"{self.control_base or self.endpoint}/_sd",
               "scenario": self.scenario_name,
               "accounts": self.credentials["accounts"],
               "roles": self.credentials["roles"],
               "organizations": self.credentials.get("organizations", [])}
        if self.ca_bundle is not None:
            out["ca_bundle"] = self.ca_bundle
        return out

    def count_connection(self, key, n=1):
        with self._conn_lock:
            self.connections[key] += n

    def handshake_started(self):
        with self._conn_lock:
            self._handshakes_pending += 1

    def handshake_ended(self, outcome):
        """Counts @outcome ("tls_handshakes" or "tls_failures") of a handshake
        handshake_started() announced."""
        with self._conn_lock:
            self.connections[outcome] += 1
            self._handshakes_pending -= 1
            self._conn_lock.notify_all()

    # ------------------------------------------------------------ records

    def _record(self, entry):
        with self._log_lock:
            entry["id"] = self._next_id
            self._next_id += 1
            self.requests.append(entry)
            if len(self.requests) > MAX_LOG:
                del self.requests[: len(self.requests) - MAX_LOG]

    def _violate(self, kind, entry, problems):
        v = {"kind": kind, "time": entry.get("time"), "service": entry.get("service"),
             "operation": entry.get("operation"), "region": entry.get("region"),
             "account": entry.get("account"), "method": entry.get("method"),
             "path": entry.get("path"), "request_id": entry.get("request_id"),
             "body_length": entry.get("body_length"), "problems": list(problems)}
        with self._log_lock:
            self.violations.append(v)
        if self.verbose:
            print(f"sd-emulator: VIOLATION {json.dumps(v)}", file=sys.stderr, flush=True)

    # ------------------------------------------------------------ dispatch

    def handle(self, req):
        if req.raw_path == "/_sd" or req.raw_path.startswith("/_sd/"):
            try:
                return self.control(req)
            except (ValueError, KeyError, TypeError) as e:
                return _json_response({"error": f"{type(e).__name__}: {e}"}, 400)
        started = time.time()
        rid = str(uuid.uuid4())
        entry = {"time": datetime.datetime.now(datetime.timezone.utc).isoformat(),
                 "method": req.method, "path": req.path, "service": None,
                 "operation": None, "region": None, "account": None,
                 "status": None, "error": None, "fault": None, "request_id": rid,
                 "body_length": len(req.body)}
        try:
            resp = self._aws(req, rid, entry)
        except Exception as e:  # noqa: BLE001 - an emulator bug must not kill the server
            tb = traceback.format_exc()
            print(f"sd-emulator: internal error\n{tb}", file=sys.stderr, flush=True)
            self._violate("emulator", entry, [f"{type(e).__name__}: {e}"])
            resp = Response(500, [("x-amzn-RequestId", rid),
                                  ("Content-Type", "application/json")],
                            json.dumps({"__type": "InternalFailure", "message": str(e)}))
        if resp.header("x-amzn-RequestId") is None:
            resp.headers.append(("x-amzn-RequestId", rid))
        entry["status"] = resp.status if resp.action != "drop" else None
        entry["duration_ms"] = round((time.time() - started) * 1000, 1)
        self._record(entry)
        return resp

    def incomplete(self, req, received, expected):
        """A request whose client went away before its body was whole.

        A client killed while sending (kill -9 between libsoup's write of
        the headers and of the body, say) leaves a request that was never
        made: it is neither checked nor answered, and not a violation. It
        is logged, with what could be told from the headers alone."""
        if req.raw_path == "/_sd" or req.raw_path.startswith("/_sd/"):
            return
        cred = auth.parse_authorization(req.headers.get("authorization"))
        service = models.service_for(cred.service, req.path) if cred else None
        operation = None
        model = models.service_model(service) if service else None
        if model is not None and model.protocol == "json":
            try:
                operation = models.find_operation(model, req.method, req.raw_path,
                                                  req.query_pairs, req.headers, b"")[0]
            except models.ParseFailure:
                pass
        entry = {"time": datetime.datetime.now(datetime.timezone.utc).isoformat(),
                 "method": req.method, "path": req.path,
                 "service": service or (cred.service if cred else None),
                 "operation": operation, "region": cred.region if cred else None,
                 "account": None, "status": None, "fault": None,
                 "error": "(incomplete: the client closed the connection after "
                          f"{received} of {expected} body bytes)",
                 "request_id": str(uuid.uuid4()), "body_length": received,
                 "duration_ms": 0.0}
        self._record(entry)
        if self.verbose:
            print(f"sd-emulator: INCOMPLETE {json.dumps(entry)}", file=sys.stderr, flush=True)

    def _error(self, protocol, model, exc, rid, entry):
        status = exc.status or errors.status_for(model, exc.code)
        entry["error"] = exc.code
        if exc.moto_style and self.state.settings.get("auth_errors") == "aws":
            # What AWS itself answers for the same failures.
            if protocol in ("json", "rest-json"):
                exc = ApiError({"SignatureDoesNotMatch": "InvalidSignatureException",
                                "InvalidClientTokenId": "UnrecognizedClientException"}
                               .get(exc.code, exc.code), exc.message, status)
            else:
                exc = ApiError(exc.code, exc.message, status)
            entry["error"] = exc.code
        if exc.moto_style:
            s, h, b = errors.render_moto_style(exc.code, exc.message, status, rid)
        else:
            ns = model.metadata.get("xmlNamespace") if model is not None else None
            decorate = None
            if self.state.settings.get("decorate_error_types") and model is not None:
                decorate = model.endpoint_prefix
            s, h, b = errors.render(protocol, exc.code, exc.message, status, rid, ns,
                                    decorate)
        return Response(s, h, b)

    def _aws(self, req, rid, entry):
        if self.latency_ms:
            time.sleep(self.latency_ms / 1000.0)
        cred = auth.parse_authorization(req.headers.get("authorization"))
        path = req.path
        service = models.service_for(cred.service, path) if cred else None
        model = models.service_model(service) if service else None
        if model is not None:
            protocol = models.request_protocol(model, req.method, path, req.headers)
        elif "x-amz-target" in req.headers:
            protocol = "json"
        elif path.startswith("/v2/"):
            protocol = "rest-json"
        else:
            protocol = "query"
        entry["service"] = service or (cred.service if cred else None)
        if cred is None:
            code = "MissingAuthenticationToken" + ("Exception" if protocol != "query" else "")
            self._violate("signature", entry, ["request is not signed with SigV4"])
            return self._error(protocol, model,
                               ApiError(code, "Missing Authentication Token", 403), rid, entry)
        entry["region"] = cred.region
        entry["access_key_id"] = cred.access_key

        # Which operation, and its parameters (reported after auth, as AWS does).
        op_name, params, problems, parse_fail = None, {}, [], None
        if model is not None:
            try:
                # Labels are matched on the path as sent and decoded once.
                op_name, labels = models.find_operation(
                    model, req.method, req.raw_path, req.query_pairs, req.headers,
                    req.body, protocol)
                entry["operation"] = op_name
                params, problems = models.parse_params(
                    model, op_name, req.method, req.query_pairs, req.headers,
                    req.body, labels, protocol)
                problems = problems + validate.check(
                    params, model.operation_model(op_name).input_shape)
            except models.ParseFailure as e:
                parse_fail = e
        entry["params"] = models.loggable(params)

        with LOCK:
            principal = auth.lookup_principal(cred.access_key)
        if principal is None:
            self._violate("signature", entry, [f"unknown access key {cred.access_key}"])
            return self._error(protocol, model, ApiError(
                "InvalidClientTokenId", errors.MOTO_TOKEN_MESSAGE, 403, moto_style=True),
                rid, entry)
        entry["account"] = principal.account_id
        entry["principal"] = principal.arn
        try:
            now = datetime.datetime.fromtimestamp(self.state.clock(), datetime.timezone.utc)
            auth.verify(req, cred, principal, now, _NativeError(protocol))
        except ApiError as e:
            if "Signature expired" in e.message or "not yet current" in e.message:
                entry["clock_skew"] = True
            else:
                self._violate("signature", entry, [f"{e.code}: {e.message}"])
            return self._error(protocol, model, e, rid, entry)

        if service == "support" and cred.region not in SUPPORT_SIGNING_REGIONS:
            # Support has one endpoint per partition, signed for its region.
            e = ApiError("InvalidSignatureException",
                         f"Credential should be scoped to a valid region, not "
                         f"'{cred.region}'. ", 403)
            self._violate("signature", entry, [f"{e.code}: {e.message}"])
            return self._error(protocol, model, e, rid, entry)
        if service == "organizations" and cred.region not in ORGANIZATIONS_SIGNING_REGIONS:
            # Organizations has one endpoint per partition too (docs/aws.md).
            e = ApiError("InvalidSignatureException",
                         f"Credential should be scoped to a valid region, not "
                         f"'{cred.region}'. ", 403)
            self._violate("signature", entry, [f"{e.code}: {e.message}"])
            return self._error(protocol, model, e, rid, entry)
        if model is None:
            # A service without a botocore model here: moto answers unchecked.
            return self._moto(req, principal.account_id)
        if parse_fail is not None:
            self._violate("validation", entry, [f"{parse_fail.code}: {parse_fail.message}"])
            return self._error(protocol, model, ApiError(
                parse_fail.code, parse_fail.message, parse_fail.status), rid, entry)

        region = cred.region
        account = principal.account_id
        with LOCK:
            reg = self.state.region(account, region)
            opt_in_disabled = reg.get("opt_in_disabled")
        if opt_in_disabled:
            code = "UnrecognizedClientException" if protocol != "query" else "InvalidClientTokenId"
            return self._error(protocol, model, ApiError(
                code, "The security token included in the request is invalid.", 403),
                rid, entry)

        prefix = _IAM_PREFIX.get(service, model.signing_name or service)
        denied_by_trust = False
        with LOCK:
            allowed = auth.authorize(principal, prefix, op_name, region)
            if allowed and service == "sts" and op_name == "AssumeRole":
                denied_by_trust = not self._trust_ok(principal, params)
                allowed = not denied_by_trust
        if not allowed:
            code = "AccessDenied" if protocol == "query" else "AccessDeniedException"
            if denied_by_trust:
                # AWS says the same whether the role is missing or does not
                # trust the caller (STS AssumeRole, Errors).
                message = (f"User: {principal.arn} is not authorized to perform: "
                           f"sts:AssumeRole on resource: {params.get('RoleArn', '')}")
            else:
                message = (f"User: {principal.arn} is not authorized to perform: "
                           f"{prefix}:{op_name} because no identity-based policy allows "
                           f"the {prefix}:{op_name} action")
            return self._error(protocol, model, ApiError(code, message, 403), rid, entry)

        if problems:
            self._violate("validation", entry, problems)
            code = "ValidationError" if protocol == "query" else "ValidationException"
            return self._error(protocol, model, ApiError(
                code, "; ".join(problems)[:2000], 400), rid, entry)

        fault = self.faults.take(service, op_name, region, account)
        if fault:
            entry["fault"] = faults.describe(fault)
            if not fault.get("after_apply"):
                if fault.get("delay_ms"):
                    time.sleep(fault["delay_ms"] / 1000.0)
                early = self._fault_response(fault, protocol, model, rid, entry)
                if early is not None:
                    return early

        resp = self._dispatch(req, model, service, op_name, params, principal,
                              account, region, protocol, rid, entry)

        if fault:
            if fault.get("after_apply"):
                if fault.get("delay_ms"):
                    time.sleep(fault["delay_ms"] / 1000.0)
                late = self._fault_response(fault, protocol, model, rid, entry)
                if late is not None:
                    return late
            if fault.get("truncate"):
                resp.action = "truncate"
            if fault.get("malformed"):
                resp.body = (b'{"malformed": [1, 2' if protocol in ("json", "rest-json")
                             else b"<Malformed><Unclosed>")
                resp.headers = [(k, v) for k, v in resp.headers
                                if k.lower() != "content-length"]
            if (fault.get("junk_elements") and protocol in ("json", "rest-json")
                    and 200 <= resp.status < 300 and resp.body):
                try:
                    doc = json.loads(resp.body)
                except ValueError:
                    doc = None
                if doc is not None:
                    resp.body = json.dumps(faults.add_junk(doc)).encode()
                    resp.headers = [(k, v) for k, v in resp.headers
                                    if k.lower() != "content-length"]
        return resp

    def _trust_ok(self, principal, params):
        from moto.iam.models import iam_backends
        role_arn = params.get("RoleArn", "")
        context = {"sts:rolesessionname": params.get("RoleSessionName")}
        if params.get("ExternalId") is not None:
            context["sts:externalid"] = params["ExternalId"]
        try:
            role_account = role_arn.split(":")[4]
            role = iam_backends[role_account]["aws"].get_role_by_arn(role_arn)
        except Exception:  # noqa: BLE001 - no such role
            return False
        return auth.trust_allows(role, principal, context)

    def _fault_response(self, fault, protocol, model, rid, entry):
        if fault.get("drop"):
            entry["error"] = "(dropped)"
            return Response(0, [], b"", action="drop")
        if fault.get("status"):
            status = int(fault["status"])
            code = fault.get("code") or faults.default_code(protocol, status)
            message = fault.get("message") or f"Injected fault {code}"
            resp = self._error(protocol, model, ApiError(code, message, status), rid, entry)
            if fault.get("type_header"):
                resp.headers = [(k, v) for k, v in resp.headers
                                if k.lower() != "x-amzn-errortype"]
                resp.headers.append(("x-amzn-ErrorType", fault["type_header"]))
            if fault.get("truncate"):
                resp.action = "truncate"
            return resp
        return None

    def _dispatch(self, req, model, service, op_name, params, principal, account,
                  region, protocol, rid, entry):
        handler = HANDLERS.get(service, {}).get(op_name)
        if handler is None and protocol == "smithy-rpc-v2-cbor":
            return self._moto_cbor(req, model, op_name, params, account)
        if handler is None:
            return self._moto(req, account)
        ctx = Ctx(self.state, account, region, params, principal)
        try:
            with LOCK:
                result = handler(ctx)
        except ApiError as e:
            return self._error(protocol, model, e, rid, entry)
        if result is quotas.PASS:
            return self._moto(req, account)
        op = model.operation_model(op_name)
        out_problems = validate.check(result, op.output_shape)
        if out_problems:
            self._violate("emulator", entry, ["response: " + p for p in out_problems])
        headers = [("x-amzn-RequestId", rid)]
        if protocol == "smithy-rpc-v2-cbor":
            headers += [("Content-Type", "application/cbor"), ("smithy-protocol", "rpc-v2-cbor")]
            return Response(200, headers, cloudwatch.cbor_encode(result, op.output_shape)
                            if op.output_shape else cloudwatch.cbor_error_free_empty())
        if protocol == "json":
            headers.append(("Content-Type", "application/x-amz-json-1.1"))
            body = json.dumps(models.to_wire_json(op.output_shape, result)
                              if op.output_shape else {}, ensure_ascii=False)
        elif protocol == "rest-json":
            headers.append(("Content-Type", "application/json"))
            body = json.dumps(models.to_wire_json(op.output_shape, result)
                              if op.output_shape else {}, ensure_ascii=False)
        else:
            ns = model.metadata.get("xmlNamespace", "")
            wrapper = op.output_shape.serialization.get("resultWrapper") \
                if op.output_shape else None
            inner = _xml_value(op.output_shape, result) if op.output_shape else ""
            if wrapper:
                inner = f"<{wrapper}>{inner}</{wrapper}>"
            body = (f'<{op_name}Response xmlns="{ns}">{inner}<ResponseMetadata>'
                    f"<RequestId>{rid}</RequestId></ResponseMetadata></{op_name}Response>")
            headers.append(("Content-Type", "text/xml"))
        return Response(200, headers, body)

    # ------------------------------------------------------------ moto

    def _moto_cbor(self, req, model, op_name, params, account):
        """moto reads JSON, not CBOR: ask it in awsJson1_0 and answer in CBOR."""
        op = model.operation_model(op_name)
        body = json.dumps(models.to_wire_json(op.input_shape, params)
                          if op.input_shape else {}).encode("utf-8")
        headers = [(k, v) for k, v in req.headers.items()
                   if k not in ("content-type", "content-length", "smithy-protocol",
                                "x-amz-target")]
        headers += [("content-type", "application/x-amz-json-1.0"),
                    ("x-amz-target", f"{model.metadata['targetPrefix']}.{op_name}")]
        inner = self._moto(Request("POST", "/", headers, body), account)
        out = cloudwatch.cbor_answer_from_json(op, inner.status, inner.body)
        return Response(inner.status, [("Content-Type", "application/cbor"),
                                       ("smithy-protocol", "rpc-v2-cbor")], out)

    def warm_moto(self):
        """Loads moto's CloudWatch (1.4 s on its first request) before a client
        needs it: every dashboard refresh asks it once a region."""
        headers = [("content-type", "application/x-amz-json-1.0"),
                   ("x-amz-target", "GraniteServiceVersion20100801.ListMetrics"),
                   ("host", "monitoring.us-east-1.amazonaws.com"),
                   ("authorization", "AWS4-HMAC-SHA256 Credential=AKIAWARMUP/20260101/"
                                     "us-east-1/monitoring/aws4_request, "
                                     "SignedHeaders=host, Signature=0")]
        self._moto(Request("POST", "/", headers, b"{}"), "000000000000")

    def _moto(self, req, account):
        with self._moto_lock:
            if self._moto_app is None:
                from moto.moto_server.werkzeug_app import (DomainDispatcherApplication,
                                                           create_backend_app)
                self._moto_app = DomainDispatcherApplication(create_backend_app)
        environ = {
            "REQUEST_METHOD": req.method,
            "SCRIPT_NAME": "",
            "PATH_INFO": unquote_to_bytes(req.raw_path).decode("latin-1"),
            "QUERY_STRING": req.raw_query,
            "RAW_URI": req.raw_path + ("?" + req.raw_query if req.raw_query else ""),
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(req.body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "CONTENT_LENGTH": str(len(req.body)),
        }
        environ["REQUEST_URI"] = environ["RAW_URI"]
        for k, v in req.headers.items():
            if k == "content-type":
                environ["CONTENT_TYPE"] = v
            elif k == "content-length":
                continue
            else:
                environ["HTTP_" + k.upper().replace("-", "_")] = v
        environ["HTTP_X_MOTO_ACCOUNT_ID"] = account
        captured = {}

        def start_response(status, headers, exc_info=None):
            captured["status"] = int(status.split()[0])
            captured["headers"] = headers
            return lambda data: None

        result = self._moto_app(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        headers = [(k, v) for k, v in captured["headers"]
                   if k.lower() not in ("content-length", "connection", "date", "server",
                                        "status", "access-control-allow-origin")]
        return Response(captured["status"], headers, body)

    # ------------------------------------------------------------ control

    def control(self, req):
        route = req.raw_path.rstrip("/")
        q = dict(req.query_pairs)
        m = req.method

        def body():
            return json.loads(req.body or b"{}")

        if route in ("/_sd", "/_sd/health"):
            return _json_response({"ok": True, **self.summary()})
        if route == "/_sd/credentials":
            return _json_response(self.summary())
        if route == "/_sd/connections":
            with self._conn_lock:
                # A client can see its handshake fail before the server's
                # side of it has ended: the counts are read once no
                # handshake is in progress (or after 5 s).
                self._conn_lock.wait_for(lambda: self._handshakes_pending == 0, timeout=5)
                out = dict(self.connections)
                if m == "DELETE":
                    self.connections = _new_connection_stats()
            return _json_response(out)
        if route == "/_sd/faults":
            if m == "POST":
                try:
                    added = self.faults.add(body())
                except faults.FaultError as e:
                    return _json_response({"error": str(e)}, 400)
                return _json_response({"added": added})
            if m == "DELETE":
                self.faults.clear()
                return _json_response({"cleared": True})
            return _json_response({"faults": self.faults.list()})
        if route == "/_sd/requests":
            if m == "DELETE":
                with self._log_lock:
                    self.requests.clear()
                return _json_response({"cleared": True})
            with self._log_lock:
                items = list(self.requests)
            for key in ("service", "operation", "region", "account"):
                if key in q:
                    items = [r for r in items if r.get(key) == q[key]]
            if "since_id" in q:
                items = [r for r in items if r["id"] > int(q["since_id"])]
            return _json_response({"requests": items})
        if route == "/_sd/violations":
            with self._log_lock:
                if m == "DELETE":
                    kind = q.get("kind")
                    removed = [v for v in self.violations if kind in (None, v["kind"])]
                    self.violations = [v for v in self.violations
                                       if kind not in (None, v["kind"])]
                    return _json_response({"cleared": len(removed)})
                return _json_response({"violations": list(self.violations)})
        if route == "/_sd/scenario" and m == "POST":
            doc = body()
            name = None
            if set(doc) <= {"name", "file"} and doc:
                name = doc.get("name") or doc.get("file")
                doc = scenario.read(name)
            try:
                return _json_response(self.load_scenario(doc, name))
            except scenario.ScenarioError as e:
                return _json_response({"error": str(e)}, 400)
        if route == "/_sd/state":
            if m == "POST":
                return self._patch_state(body())
            with LOCK:
                dump = self.state.dump()
            if "account" in q:
                dump["accounts"] = [a for a in dump["accounts"]
                                    if a["account_id"] == q["account"]]
            return _json_response(dump)
        if route == "/_sd/settings":
            if m == "POST":
                doc = body()
                if "latency_ms" in doc:
                    self.latency_ms = float(doc.pop("latency_ms"))
                with LOCK:
                    self.state.settings.update(doc)
            with LOCK:
                out = dict(self.state.settings)
            out["latency_ms"] = self.latency_ms
            return _json_response(out)
        return _json_response({"error": f"no control route {m} {route}"}, 404)

    def _patch_state(self, doc):
        account = str(doc["account"])
        with LOCK:
            if account not in self.state.accounts:
                return _json_response({"error": f"unknown account {account}"}, 400)
            acct = self.state.account(account)
            out = {"ok": True}
            try:
                for key in ("support_plan", "contact_email", "case_id_style",
                            "review_auto", "quota_auto"):
                    if key in doc:
                        acct[key] = doc[key]
                if "account_state" in doc:
                    region = doc["region"]
                    reg = self.state.region(account, region)
                    scenario.apply_region(self.state, acct, reg, doc["account_state"], region)
                if "quota_request" in doc:
                    region = doc["region"]
                    reg = self.state.region(account, region)
                    spec = doc["quota_request"]
                    existing = next((r for r in reg["quota_requests"]
                                     if r["id"] == spec.get("id")), None)
                    if existing is None:
                        out["quota_request"] = scenario.add_quota_request(
                            self.state, acct, reg, spec, region)["id"]
                    else:
                        for k in ("status", "desired_value", "case_id"):
                            if k in spec:
                                existing[k] = spec[k]
                        existing["last_updated"] = self.state.now()
                        if spec.get("status") == "APPROVED":
                            from .state import QUOTA_CODES
                            field = QUOTA_CODES[existing["quota_code"]][1]
                            reg["quota"][field] = float(existing["desired_value"])
                        out["quota_request"] = existing["id"]
                if "case" in doc:
                    out["case_id"] = scenario.add_case(self.state, acct, doc["case"])["case_id"]
                if "case_status" in doc:
                    spec = doc["case_status"]
                    case = self.state.find_case(account, spec["case_id"])
                    if case is None:
                        return _json_response({"error": "no such case"}, 400)
                    case["status"] = spec["status"]
                if "communication" in doc:
                    case = scenario.add_communication(self.state, account, doc["communication"])
                    out["case_id"] = case["case_id"]
            except scenario.ScenarioError as e:
                return _json_response({"error": str(e)}, 400)
        return _json_response(out)


# ---------------------------------------------------------------- HTTP

class _Incomplete(Exception):
    """The connection ended before the request's body did."""

    def __init__(self, received, expected):
        super().__init__(f"{received} of {expected} body bytes")
        self.received = received
        self.expected = expected


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "SesDeskEmulator"
    sys_version = ""
    emulator = None
    timeout = 120  # idle keep-alive connections give their thread back

    def handle(self):
        try:
            super().handle()
        except ConnectionError:
            # The client went away (killed, or gave up waiting) while we
            # read its next request or wrote our answer: nobody to tell.
            self.close_connection = True

    def log_message(self, fmt, *args):
        if self.emulator.verbose:
            sys.stderr.write("sd-emulator: %s\n" % (fmt % args))

    def _read_body(self):
        """The whole body, or _Incomplete when the connection ends first."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            received = 0
            while True:
                line = self.rfile.readline()
                if not line.endswith(b"\n"):
                    raise _Incomplete(received, "chunked")
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while True:
                        trailer = self.rfile.readline()
                        if trailer in (b"\r\n", b"\n"):
                            break
                        if not trailer.endswith(b"\n"):
                            raise _Incomplete(received, "chunked")
                    break
                chunk = self.rfile.read(size)
                received += len(chunk)
                chunks.append(chunk)
                if len(chunk) < size or not self.rfile.readline().endswith(b"\n"):
                    raise _Incomplete(received, "chunked")
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        if length <= 0:
            return b""
        body = self.rfile.read(length)
        # read() returns less only at the end of the stream: the client is gone.
        if len(body) < length:
            raise _Incomplete(len(body), length)
        return body

    def _any(self):
        try:
            body = self._read_body()
        except (_Incomplete, ConnectionError) as e:
            # Not a request: never checked against the model or the
            # signature, never answered.
            received, expected = (e.received, e.expected) if isinstance(e, _Incomplete) \
                else (0, self.headers.get("Content-Length") or "chunked")
            self.close_connection = True
            self.emulator.incomplete(
                Request(self.command, self.path, list(self.headers.items()), b""),
                received, expected)
            return
        req = Request(self.command, self.path, list(self.headers.items()), body)
        if self.server.counted and not (self.path == "/_sd" or self.path.startswith("/_sd/")):
            self.emulator.count_connection("requests")
        resp = self.emulator.handle(req)
        if resp.action == "drop":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        payload = resp.body if self.command != "HEAD" else b""
        self.send_response_only(resp.status)
        self.send_header("Date", self.date_time_string(self.emulator.state.clock()))
        self.send_header("Server", self.server_version)
        for k, v in resp.headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(resp.body)))
        if resp.action == "truncate":
            self.send_header("Connection", "close")
        self.end_headers()
        if resp.action == "truncate":
            self.wfile.write(payload[: max(1, len(payload) // 2)])
            self.wfile.flush()
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.wfile.write(payload)
        self.wfile.flush()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = _any


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    tls = None          # ssl.SSLContext under --tls
    counted = False     # the endpoint's listener: counts connections
    emulator = None

    def get_request(self):
        sock, addr = super().get_request()
        if self.tls is not None:
            # The handshake runs on the connection's own thread (below), so
            # that a slow or failing client does not hold up accept().
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, addr

    def finish_request(self, request, client_address):
        if self.counted:
            self.emulator.count_connection("connections")
        if self.tls is not None:
            request.settimeout(30)
            self.emulator.handshake_started()
            try:
                request.do_handshake()
            except (ssl.SSLError, OSError) as e:
                self.emulator.handshake_ended("tls_failures")
                if self.emulator.verbose:
                    sys.stderr.write(f"sd-emulator: TLS handshake with {client_address[0]} "
                                     f"failed: {e}\n")
                return
            self.emulator.handshake_ended("tls_handshakes")
            if request.session_reused:
                self.emulator.count_connection("tls_resumed")
        super().finish_request(request, client_address)


def _listen(emulator, host, port, tls=None, counted=False):
    handler = type("Handler", (_Handler,), {"emulator": emulator})
    attrs = {"tls": tls, "counted": counted, "emulator": emulator}
    if ":" in host:
        attrs["address_family"] = socket.AF_INET6
    server = type("Server", (_Server,), attrs)((host, port), handler)
    h, p = server.server_address[:2]
    shown = f"[{h}]" if ":" in h else h
    return server, f"{'https' if tls is not None else 'http'}://{shown}:{p}"


def make_server(emulator, host, port, tls=None):
    """The endpoint's listener; with @tls (an SSLContext) also a plain one for /_sd.

    Returns the list of servers to run, the endpoint's first."""
    server, emulator.endpoint = _listen(emulator, host, port, tls, counted=True)
    if tls is None:
        return [server]
    # The control endpoint stays plain HTTP on a port of its own, so that
    # test code needs no CA to seed and inspect; it answers AWS requests too.
    try:
        control, emulator.control_base = _listen(emulator, host, 0)
    except OSError:
        server.server_close()
        raise
    return [server, control]


# ---------------------------------------------------------------- main

def _print_human(summary, out):
    print(f"SES Desk AWS emulator listening on {summary['endpoint']}", file=out)
    print(f"Control endpoint (unsigned): {summary['control']}", file=out)
    if summary.get("scenario"):
        print(f"Scenario: {summary['scenario']}", file=out)
    print("Accepted credentials (signature checking is on):", file=out)
    for a in summary["accounts"]:
        print(f"  account {a['account_id']}  profile {a['profile']}  user {a['user']}"
              f"{'' if a['active'] else '  (inactive key)'}", file=out)
        print(f"    aws_access_key_id     = {a['access_key_id']}", file=out)
        print(f"    aws_secret_access_key = {a['secret_access_key']}", file=out)
    for r in summary.get("roles", []):
        print(f"  role profile {r['profile']}: role_arn = {r['role_arn']}, "
              f"source_profile = {r['source_profile']}", file=out)
    print(f"Use: AWS_ENDPOINT_URL={summary['endpoint']} (region: any SES region)", file=out)
    if summary.get("ca_bundle"):
        print(f"     AWS_CA_BUNDLE={summary['ca_bundle']} (the test CA, made at start)",
              file=out)
    print("Stop with Ctrl-C.", file=out)
    out.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="serve", description="Local AWS emulator for SES Desk (moto + extensions).")
    parser.add_argument("--port", type=int, default=4566, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--scenario", default="minimal",
                        help="a scenario name from scenarios/ or a JSON file")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON line with endpoint and credentials")
    parser.add_argument("--latency-ms", type=float, default=0,
                        help="delay every AWS request by this many ms")
    parser.add_argument("--verbose", action="store_true", help="log requests to stderr")
    parser.add_argument("--tls", action="store_true",
                        help="serve HTTPS with a test CA made at start (control: plain HTTP)")
    parser.add_argument("--die-with-parent", action="store_true",
                        help="exit when the parent process goes away")
    args = parser.parse_args(argv)

    # moto's own IAM check stays off: auth.py checks every request (see there).
    os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "inf"
    os.environ.setdefault("MOTO_ALLOW_NONEXISTENT_REGION", "true")

    emulator = Emulator(latency_ms=args.latency_ms, verbose=args.verbose)
    context = None
    if args.tls:
        from . import tls
        context, emulator.ca_bundle = tls.server_context()
    try:
        servers = make_server(emulator, args.host, args.port, context)
    except OSError as e:
        print(f"serve: cannot listen on {args.host}:{args.port}: {e}", file=sys.stderr)
        return 1
    try:
        doc = scenario.read(args.scenario)
        summary = emulator.load_scenario(doc, args.scenario)
    except (scenario.ScenarioError, ValueError, KeyError) as e:
        print(f"serve: bad scenario {args.scenario}: {e}", file=sys.stderr)
        return 1

    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    for server in servers:
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                         daemon=True).start()
    if args.json:
        sys.stdout.write(json.dumps(summary, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    else:
        _print_human(summary, sys.stdout)
    threading.Thread(target=models.preload, daemon=True).start()
    threading.Thread(target=emulator.warm_moto, daemon=True).start()

    parent = os.getppid()
    while not stop.wait(0.5):
        if args.die_with_parent and os.getppid() != parent:
            break
    for server in servers:
        server.shutdown()
        server.server_close()
    return 0
