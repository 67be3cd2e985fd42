"""Error answers in each protocol's wire shape."""

import json
from xml.sax.saxutils import escape


class ApiError(Exception):
    """An AWS error answer. status None: taken from the model's error shape."""

    def __init__(self, code, message, status=None, moto_style=False):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.moto_style = moto_style


def status_for(model, code, default=400):
    if model is None:
        return default
    name = code.split("#")[-1].split(":")[0]
    try:
        shape = model.shape_for(name)
    except Exception:  # noqa: BLE001 - unknown shape name
        return default
    err = shape.metadata.get("error") or {}
    return err.get("httpStatusCode", default)


def render(protocol, code, message, status, request_id, xml_namespace=None,
           decorate=None):
    """Return (status, headers, body) for an error in the given protocol.

    decorate: a service name to dress the code the way some AWS front ends
    do ("Code:http://internal..." header, "com.amazonaws.svc#Code" type),
    which clients must strip.
    """
    headers = [("x-amzn-RequestId", request_id)]
    if protocol == "rest-json":
        header = code
        if decorate:
            header = f"{code}:http://internal.amazon.com/coral/com.amazon.coral.service/"
        headers += [("x-amzn-ErrorType", header),
                    ("Content-Type", "application/json")]
        body = json.dumps({"message": message})
    elif protocol == "smithy-rpc-v2-cbor":
        from .cloudwatch import cbor_error
        headers += [("Content-Type", "application/cbor"), ("smithy-protocol", "rpc-v2-cbor")]
        return status, headers, cbor_error(code, message)
    elif protocol == "json":
        headers += [("Content-Type", "application/x-amz-json-1.1")]
        typ = f"com.amazonaws.{decorate}#{code}" if decorate and "#" not in code else code
        body = json.dumps({"__type": typ, "message": message})
    else:
        ns = f' xmlns="{escape(xml_namespace)}"' if xml_namespace else ""
        headers += [("Content-Type", "text/xml")]
        body = (f"<ErrorResponse{ns}><Error><Type>Sender</Type>"
                f"<Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
                f"</Error><RequestId>{escape(request_id)}</RequestId></ErrorResponse>")
    return status, headers, body.encode("utf-8")


_MOTO_MESSAGES = {
    "SignatureDoesNotMatch": (
        "The request signature we calculated does not match the signature you "
        "provided. Check your AWS Secret Access Key and signing method. Consult "
        "the service documentation for details."),
    "InvalidClientTokenId": "The security token included in the request is invalid.",
}


def render_moto_style(code, message, status, request_id):
    """The shape moto's own IAM access control answers with (XML, 403).

    Built from moto's exception classes so both stay identical.
    """
    try:
        from moto.core.exceptions import (InvalidClientTokenIdError,
                                          SignatureDoesNotMatchError)
        if code == "SignatureDoesNotMatch" and message == _MOTO_MESSAGES[code]:
            exc = SignatureDoesNotMatchError()
        elif code == "InvalidClientTokenId" and message == _MOTO_MESSAGES[code]:
            exc = InvalidClientTokenIdError()
        else:
            raise LookupError
        body = exc.get_body()
        headers = list(exc.get_headers())
    except (ImportError, LookupError):
        body = ('<?xml version="1.0" encoding="utf-8"?>\n<ErrorResponse><Errors><Error>'
                f"<Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
                "<Type>Sender</Type></Error></Errors></ErrorResponse>")
        headers = [("X-Amzn-ErrorType", code), ("Content-Type", "application/xml")]
    headers.append(("x-amzn-RequestId", request_id))
    return status, headers, body.encode("utf-8")


MOTO_SIGNATURE_MESSAGE = _MOTO_MESSAGES["SignatureDoesNotMatch"]
MOTO_TOKEN_MESSAGE = _MOTO_MESSAGES["InvalidClientTokenId"]
