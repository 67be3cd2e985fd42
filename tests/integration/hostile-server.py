#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A hostile AWS endpoint for tests: requests signed for the hostile region
get a bad answer; every other request is passed on, as it came, to the
upstream endpoint (the emulator), so one region misbehaves while the others
answer normally.

usage: hostile-server.py --mode MODE [--region REGION] [--upstream URL]

Prints "PORT <n>" once it listens. Modes:
  bomb       HTTP 200, Content-Encoding: gzip, 1 GiB of spaces (about 1 MB sent)
  oversized  HTTP 200, a 64 MiB JSON object, sent plainly
  blank      HTTP 200 with a body of whitespace only
  trickle    HTTP 200 announcing 1,000 bytes, sending one every 0.5 s
  error-bomb HTTP 400, Content-Encoding: gzip, 1 GiB of spaces
"""
import argparse
import http.client
import http.server
import re
import socketserver
import struct
import sys
import time
import urllib.parse
import zlib

GIB = 1024 * 1024 * 1024
SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/")


def gzip_spaces(total):
    """gzip of @total spaces (a multiple of 1 MiB) in well under a second:
    after a full flush deflate starts afresh, so every 1 MiB block of
    spaces compresses to the same bytes, which are repeated."""
    chunk = b" " * (1024 * 1024)
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    again = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    end = z.flush(zlib.Z_FINISH)
    n = total // len(chunk)
    crc = 0
    for _ in range(n):
        crc = zlib.crc32(chunk, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"
    trailer = struct.pack("<II", crc & 0xFFFFFFFF, total & 0xFFFFFFFF)
    return header + first + again * (n - 1) + end + trailer


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("hostile: " + (fmt % args) + "\n")

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def region(self):
        m = SCOPE.search(self.headers.get("Authorization") or "")
        return m.group(1) if m else None

    def handle_any(self):
        body = self.body()
        if self.server.hostile_region and self.region() != self.server.hostile_region:
            return self.forward(body)
        try:
            getattr(self, "mode_" + self.server.mode.replace("-", "_"))()
        except OSError:
            pass  # the client stopped reading, as it should

    do_GET = do_POST = do_PUT = do_DELETE = handle_any

    def forward(self, body):
        up = urllib.parse.urlsplit(self.server.upstream)
        conn = http.client.HTTPConnection(up.hostname, up.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
        conn.request(self.command, self.path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        self.send_response(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in ("content-length", "transfer-encoding", "connection", "date", "server"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        conn.close()

    def send_gzip_bomb(self, status):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(self.server.bomb)))
        self.end_headers()
        self.wfile.write(self.server.bomb)

    def mode_bomb(self):
        self.send_gzip_bomb(200)

    def mode_error_bomb(self):
        self.send_gzip_bomb(400)

    def mode_oversized(self):
        size = 64 * 1024 * 1024
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        head = b'{"a": "'
        chunk = b"x" * (1024 * 1024)
        self.wfile.write(head)
        left = size - len(head) - 2
        while left > 0:
            n = min(left, len(chunk))
            self.wfile.write(chunk[:n])
            left -= n
        self.wfile.write(b'"}')

    def mode_blank(self):
        body = b" \n\t  \r\n"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def mode_trickle(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        for _ in range(1000):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(0.5)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that hangs up early is what these answers are for.
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", required=True,
                        choices=["bomb", "oversized", "blank", "trickle", "error-bomb"])
    parser.add_argument("--region", help="only requests signed for this region are hostile")
    parser.add_argument("--upstream", help="where the other requests go")
    args = parser.parse_args()

    server = Server(("127.0.0.1", 0), Handler)
    server.mode = args.mode
    server.hostile_region = args.region
    server.upstream = args.upstream
    server.bomb = gzip_spaces(GIB) if "bomb" in args.mode else b""
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
