#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Signatures per second of botocore's SigV4Auth on the requests of
bench-requests.json, the same ones bench-sigv4.c signs.

Prints, for each request:
    auth <index> <Authorization header value>
    rate <index> <signatures per second>
"""

import argparse
import datetime
import json
import sys
import time

try:
    import botocore.auth
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError as e:
    print(f"botocore is not importable: {e}", file=sys.stderr)
    sys.exit(77)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("requests", help="bench-requests.json")
    parser.add_argument("--duration", type=float, default=2.0)
    args = parser.parse_args()

    with open(args.requests, encoding="utf-8") as f:
        spec = json.load(f)

    # Every signature uses the same timestamp, as the C benchmark does.
    fixed = datetime.datetime.strptime(spec["amz_date"], "%Y%m%dT%H%M%SZ")
    botocore.auth.get_current_datetime = lambda *a, **kw: fixed

    credentials = Credentials(
        spec["access_key_id"], spec["secret_access_key"], spec["session_token"]
    )

    for index, req in enumerate(spec["requests"]):
        # As botocore's endpoint hands it to the signer: the URL with its
        # query, no Host header yet, the serialized body as bytes.
        request = AWSRequest(
            method=req["method"],
            url=req["url"],
            headers=dict(req["headers"]),
            data=req["body"].encode("utf-8"),
        )
        auth = SigV4Auth(credentials, req["service"], req["region"])

        auth.add_auth(request)
        print(f"auth {index} {request.headers['Authorization']}", flush=True)

        count = 0
        start = time.perf_counter()
        deadline = start + args.duration
        while True:
            for _ in range(64):
                auth.add_auth(request)
            count += 64
            now = time.perf_counter()
            if now >= deadline:
                break
        print(f"rate {index} {count / (now - start):.1f}", flush=True)


if __name__ == "__main__":
    main()
