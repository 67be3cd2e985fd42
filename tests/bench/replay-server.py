#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""replay-server: AWS answers recorded from the emulator, served again fast.

The AWS emulator (tests/aws-emulator) checks every request — signature,
model, policies — in Python, one request at a time under the interpreter's
lock: a few milliseconds each, so thousands of requests at once queue in it
and the bench would measure the emulator rather than SES Desk. This server
answers from a recording instead:

  record   every request it has no answer for goes to the emulator
           (--upstream), whose answer is stored and passed back;
  replay   (POST /_replay/mode {"mode": "replay"}) every request is
           answered from the recording after --latency-ms, concurrently (a
           timer each, nothing blocks); a request not recorded is answered
           599 and counted as a miss.

A recorded answer is found again by the caller's access key id, the
credential scope's region and service, method, path, query string and
X-Amz-Target, and the body — except for CloudWatch (`monitoring`), whose
GetMetricData body carries the current time. In replay, signatures are not
checked (the emulator checks them while recording and in the integration
tests); the access key id alone tells the accounts apart, and it is the one
the recorded AssumeRole answers gave the client.

It listens on the same port of every address given (--host, repeatable), so
that each region can have a loopback address of its own (127.0.0.N).

Control (no signature), on any listener:
  GET  /_replay/stats        {mode, recorded, requests, misses, missed (the first 20:
                              service region method target), upstream, connections,
                              cpu_s, wall_s, late_ms: {median, p99, max}, in_flight_max,
                              body_wait_ms: {n, median, max}}
                             since the last DELETE; cpu_s is this process's CPU
                             time, late_ms how much later than --latency-ms the
                             answers left (the server keeping up or not)
  DELETE /_replay/stats      reset them
  POST /_replay/mode         {"mode": "record"|"replay", "latency_ms": N}

Prints one JSON line when listening: {"port": N, "hosts": [...]}.

usage: replay-server.py --upstream URL [--host H]... [--port N] [--latency-ms N]
"""

import argparse
import asyncio
import json
import re
import signal
import socket
import statistics
import sys
import time
import urllib.parse

CREDENTIAL = re.compile(rb"Credential=([^/]+)/[^/]+/([^/]+)/([^/]+)/aws4_request")
# Connections to the emulator while recording: it answers on a thread each.
UPSTREAM_CONNECTIONS = 8
HOP_HEADERS = {b"connection", b"keep-alive", b"transfer-encoding", b"date", b"content-length"}


class Replay:
    def __init__(self, upstream, latency_ms):
        parsed = urllib.parse.urlsplit(upstream)
        self.upstream = (parsed.hostname, parsed.port or 80)
        self.latency_s = latency_ms / 1000.0
        self.mode = "record"
        self.answers = {}
        self.upstream_pool = asyncio.Queue()
        for _ in range(UPSTREAM_CONNECTIONS):
            self.upstream_pool.put_nowait(None)
        self.reset()

    def reset(self):
        self.requests = 0
        self.misses = 0
        self.missed = []
        self.upstream_calls = 0
        self.late = []
        self.body_waits = []
        self.in_flight = 0
        self.in_flight_max = 0
        self.connections = 0
        self.cpu_start = time.process_time()
        self.wall_start = time.monotonic()

    def stats(self):
        late = sorted(self.late)

        def pct(p):
            return round(late[min(len(late) - 1, int(p * len(late)))] * 1000, 2) if late else None
        return {"mode": self.mode, "recorded": len(self.answers), "requests": self.requests,
                "misses": self.misses, "missed": self.missed, "upstream": self.upstream_calls,
                "connections": self.connections,
                "cpu_s": round(time.process_time() - self.cpu_start, 4),
                "wall_s": round(time.monotonic() - self.wall_start, 4),
                "late_ms": {"median": round(statistics.median(late) * 1000, 2) if late else None,
                            "p99": pct(0.99), "max": pct(1.0)},
                "in_flight_max": self.in_flight_max,
                "body_wait_ms": {"n": len(self.body_waits),
                                 "median": round(statistics.median(self.body_waits) * 1000, 2)
                                 if self.body_waits else None,
                                 "max": round(max(self.body_waits) * 1000, 2)
                                 if self.body_waits else None}}

    @staticmethod
    def key(method, target, headers, body):
        auth = headers.get(b"authorization", b"")
        match = CREDENTIAL.search(auth)
        akid, region, service = match.groups() if match else (b"", b"", b"")
        if service == b"monitoring":
            body = b""
        return (akid, region, service, method, target, headers.get(b"x-amz-target", b""), body)

    async def forward(self, method, target, raw_headers, body):
        """Sends the request to the emulator on one of a few kept-alive connections
        and returns (status, headers, body)."""
        conn = await self.upstream_pool.get()
        try:
            for attempt in (0, 1):
                if conn is None:
                    conn = await asyncio.open_connection(*self.upstream)
                    no_delay(conn[1])
                reader, writer = conn
                try:
                    head = method + b" " + target + b" HTTP/1.1\r\n"
                    for name, value in raw_headers:
                        if name.lower() not in (b"connection", b"content-length"):
                            head += name + b": " + value + b"\r\n"
                    head += b"Content-Length: %d\r\n\r\n" % len(body)
                    writer.write(head + body)
                    await writer.drain()
                    answer = await read_answer(reader)
                    self.upstream_calls += 1
                    return answer
                except (ConnectionError, asyncio.IncompleteReadError):
                    writer.close()
                    conn = None
                    if attempt:
                        raise
        finally:
            self.upstream_pool.put_nowait(conn)

    async def answer(self, method, target, raw_headers, headers, body):
        self.requests += 1
        self.in_flight += 1
        self.in_flight_max = max(self.in_flight_max, self.in_flight)
        try:
            key = self.key(method, target, headers, body)
            if self.mode == "record" and key not in self.answers:
                status, answer_headers, answer = await self.forward(method, target, raw_headers,
                                                                    body)
                kept = [(n, v) for n, v in answer_headers if n.lower() not in HOP_HEADERS]
                self.answers[key] = (status, build_head(status, kept), answer)
            recorded = self.answers.get(key)
            due = time.monotonic() + self.latency_s
            if self.latency_s:
                await asyncio.sleep(self.latency_s)
            if self.latency_s:
                self.late.append(max(0.0, time.monotonic() - due))
            if recorded is None:
                self.misses += 1
                if len(self.missed) < 20:
                    self.missed.append(" ".join(part.decode("utf-8", "replace") for part in
                                                (key[2], key[1], method, target[:80], key[5])))
                doc = json.dumps({"message": "replay-server: no recorded answer"}).encode()
                return build_head(b"599 Not Recorded",
                                  [(b"Content-Type", b"application/json")]), doc
            return recorded[1], recorded[2]
        finally:
            self.in_flight -= 1

    def control(self, method, path, body):
        if path == b"/_replay/stats":
            doc = self.stats()
            if method == b"DELETE":
                self.reset()
            return doc
        if path == b"/_replay/mode" and method == b"POST":
            doc = json.loads(body or b"{}")
            if doc.get("mode") in ("record", "replay"):
                self.mode = doc["mode"]
            if "latency_ms" in doc:
                self.latency_s = float(doc["latency_ms"]) / 1000.0
            return {"mode": self.mode, "latency_ms": self.latency_s * 1000}
        return None


def no_delay(writer):
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def build_head(status, headers):
    head = b"HTTP/1.1 " + status + b"\r\n"
    for name, value in headers:
        head += name + b": " + value + b"\r\n"
    return head


async def read_headers(reader):
    """(first line, [(name, value)], {lower name: value}) or None at the end."""
    first = await reader.readline()
    if not first:
        return None
    raw, headers = [], {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.partition(b":")
        name, value = name.strip(), value.strip()
        raw.append((name, value))
        headers[name.lower()] = value
    return first.rstrip(b"\r\n"), raw, headers


async def read_body(reader, headers):
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        body = b""
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            if size == 0:
                await reader.readline()
                return body
            body += await reader.readexactly(size)
            await reader.readline()
    length = int(headers.get(b"content-length", b"0"))
    return await reader.readexactly(length) if length else b""


async def read_answer(reader):
    got = await read_headers(reader)
    if got is None:
        raise ConnectionError("upstream closed")
    first, raw, headers = got
    body = await read_body(reader, headers)
    return first.split(b" ", 1)[1], raw, body


async def serve_client(replay, reader, writer):
    replay.connections += 1
    no_delay(writer)
    try:
        while True:
            got = await read_headers(reader)
            if got is None:
                break
            first, raw, headers = got
            method, target, _version = first.split(b" ", 2)
            headers_read = time.monotonic()
            body = await read_body(reader, headers)
            if body:
                replay.body_waits.append(time.monotonic() - headers_read)
            if target.startswith(b"/_replay/"):
                doc = replay.control(method, target.split(b"?")[0], body)
                payload = json.dumps(doc).encode()
                head = build_head(b"200 OK" if doc is not None else b"404 Not Found",
                                  [(b"Content-Type", b"application/json")])
            else:
                head, payload = await replay.answer(method, target, raw, headers, body)
            writer.write(head + b"Content-Length: %d\r\n\r\n" % len(payload) + payload)
            await writer.drain()
            if headers.get(b"connection", b"").lower() == b"close":
                break
    except (ConnectionError, asyncio.IncompleteReadError, ValueError):
        pass
    finally:
        writer.close()


async def main_async(args):
    replay = Replay(args.upstream, args.latency_ms)
    servers = []
    port = args.port
    for host in args.host or ["127.0.0.1"]:
        server = await asyncio.start_server(lambda r, w: serve_client(replay, r, w),
                                            host, port, backlog=1024)
        port = server.sockets[0].getsockname()[1]
        servers.append(server)
    print(json.dumps({"port": port, "hosts": args.host or ["127.0.0.1"]}), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    for server in servers:
        server.close()


def main():
    parser = argparse.ArgumentParser(description="AWS answers recorded from the emulator")
    parser.add_argument("--upstream", required=True, help="the emulator's endpoint URL")
    parser.add_argument("--host", action="append", help="address to listen on (repeatable)")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency-ms", type=float, default=100)
    args = parser.parse_args()
    asyncio.run(main_async(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
