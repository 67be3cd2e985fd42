"""CloudWatch in all three of its protocols, and SES metrics from scenarios.

CloudWatch's model lists three protocols (metadata "protocols":
smithy-rpc-v2-cbor, json, query). botocore 1.43 and the AWS CLI speak the
first, Smithy RPC v2 CBOR (POST /service/GraniteServiceVersion20100801/
operation/<Op>, header smithy-protocol: rpc-v2-cbor, CBOR body); SES Desk
speaks awsJson1_0 (X-Amz-Target); older clients speak Query. The server
finds the operation and checks the parameters in whichever arrives; moto,
which reads JSON and Query only, gets a CBOR request turned into JSON and its
answer turned back into CBOR.

A scenario region's "metrics" seed moto's CloudWatch (namespace AWS/SES) and
answer SES v1 GetSendStatistics from the same numbers.
"""

import datetime
import io
import json

DAY = 86400


def cbor_decode(body):
    from botocore.parsers import RpcV2CBORParser
    parser = RpcV2CBORParser()
    if not body:
        return {}
    return parser.parse_data_item(parser.get_peekable_stream_from_bytes(body))


def cbor_encode(value, shape):
    from botocore.serialize import RpcV2CBORSerializer
    out = bytearray()
    RpcV2CBORSerializer()._serialize_data_item(out, value, shape)
    return bytes(out)


def _text(out, s):
    b = s.encode("utf-8")
    _head(out, 3, len(b))
    out += b


def _head(out, major, n):
    if n < 24:
        out.append((major << 5) | n)
    elif n < 256:
        out += bytes([(major << 5) | 24, n])
    elif n < 65536:
        out += bytes([(major << 5) | 25]) + n.to_bytes(2, "big")
    else:
        out += bytes([(major << 5) | 26]) + n.to_bytes(4, "big")


def cbor_error(code, message):
    """An RPC v2 CBOR error body: {"__type": code, "message": message}."""
    out = bytearray()
    _head(out, 5, 2)
    _text(out, "__type")
    _text(out, code)
    _text(out, "message")
    _text(out, message or "")
    return bytes(out)


def _from_wire_json(shape, value):
    """moto's JSON answer back to Python values (timestamps as datetimes)."""
    if value is None or shape is None:
        return value
    t = shape.type_name
    if t == "structure":
        return {n: _from_wire_json(shape.members[n], v) for n, v in value.items()
                if n in shape.members}
    if t == "list":
        return [_from_wire_json(shape.member, v) for v in value]
    if t == "map":
        return {k: _from_wire_json(shape.value, v) for k, v in value.items()}
    if t == "timestamp" and isinstance(value, (int, float)):
        return datetime.datetime.fromtimestamp(value, datetime.timezone.utc)
    if t == "timestamp" and isinstance(value, str):
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def cbor_answer_from_json(op_model, status, body):
    """moto's JSON answer to a CBOR one (errors keep their code)."""
    try:
        doc = json.loads(body or b"{}")
    except ValueError:
        doc = {}
    if status >= 300:
        code = str(doc.get("__type", "InternalFailure")).rpartition("#")[2]
        return cbor_error(code, doc.get("message") or doc.get("Message") or "")
    if op_model.output_shape is None:
        return cbor_error_free_empty()
    return cbor_encode(_from_wire_json(op_model.output_shape, doc), op_model.output_shape)


def cbor_error_free_empty():
    out = bytearray()
    _head(out, 5, 0)
    return bytes(out)


# ---------------------------------------------------------------- seeding

def _moto_time(t):
    """moto keeps metric times as naive UTC datetimes."""
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).replace(tzinfo=None)


def seed(account, region, metrics, now):
    """Put a region's scenario metrics into moto's CloudWatch.

    metrics: {"bounce_rate": f|None, "complaint_rate": f|None,
              "send": n|[14 numbers], "bounce": …, "complaint": …,
              "delivery": …, "reject": …} — a number is per day, a list is
    the 14 days oldest first. Rates go in every 6 hours of each day.
    """
    from moto.cloudwatch.models import cloudwatch_backends
    backend = cloudwatch_backends[account][region]
    backend.metric_data = [d for d in backend.metric_data if d.namespace != "AWS/SES"]
    today = int(now // DAY) * DAY
    data = []
    for name, metric in (("send", "Send"), ("delivery", "Delivery"), ("bounce", "Bounce"),
                         ("complaint", "Complaint"), ("reject", "Reject")):
        v = metrics.get(name)
        if v is None:
            continue
        days = v if isinstance(v, list) else [v] * 14
        for i, n in enumerate(days[-14:]):
            if n:
                # 01:00 UTC, or midnight for today before 01:00: never after now.
                t = today - (len(days[-14:]) - 1 - i) * DAY
                t = t + 3600 if t + 3600 <= now else t
                data.append({"MetricName": metric, "Value": float(n), "Unit": "Count",
                             "Timestamp": _moto_time(t)})
    for name, metric in (("bounce_rate", "Reputation.BounceRate"),
                         ("complaint_rate", "Reputation.ComplaintRate")):
        v = metrics.get(name)
        if v is None:
            continue
        days = v if isinstance(v, list) else [v] * 14
        for i, r in enumerate(days[-14:]):
            if r is None:
                continue
            base = today - (len(days[-14:]) - 1 - i) * DAY
            for h in (0, 6, 12, 18):
                t = base + h * 3600
                if t <= now:
                    data.append({"MetricName": metric, "Value": float(r),
                                 "Timestamp": _moto_time(t)})
    if data:
        backend.put_metric_data("AWS/SES", data)


def send_statistics(ctx):
    """SES v1 GetSendStatistics from the region's scenario metrics."""
    metrics = ctx.reg.get("metrics") or {}
    now = ctx.state.now()
    today = int(now // DAY) * DAY
    points = []

    def day_values(name):
        v = metrics.get(name) or 0
        return (v if isinstance(v, list) else [v] * 14)[-14:]

    sends, bounces = day_values("send"), day_values("bounce")
    complaints, rejects = day_values("complaint"), day_values("reject")
    for i in range(len(sends)):
        if not (sends[i] or bounces[i] or complaints[i] or rejects[i]):
            continue
        t = today - (len(sends) - 1 - i) * DAY + 3600
        points.append({"Timestamp": datetime.datetime.fromtimestamp(t, datetime.timezone.utc),
                       "DeliveryAttempts": int(sends[i]), "Bounces": int(bounces[i]),
                       "Complaints": int(complaints[i]), "Rejects": int(rejects[i])})
    return {"SendDataPoints": points}
