#!/usr/bin/env python3
"""A small HTTP proxy that tunnels with CONNECT, for the proxy tests.

  connect-proxy.py [--port N]

Listens on 127.0.0.1 (port 0 picks a free one), prints one JSON line
{"proxy": "http://127.0.0.1:PORT"} and serves until stdin closes (the test
that started it is gone) or SIGTERM. CONNECT host:port opens a tunnel and
relays bytes both ways, TLS included, without looking inside. Anything
else is refused with 405, except GET /stats, which answers
{"connects": ["host:port", ...]}: the tunnels opened so far.
"""

import argparse
import json
import select
import socket
import socketserver
import sys
import threading

connects = []
lock = threading.Lock()


def relay(a, b):
    sockets = [a, b]
    while True:
        readable, _, _ = select.select(sockets, [], [], 120)
        if not readable:
            return
        for s in readable:
            data = s.recv(65536)
            if not data:
                return
            (b if s is a else a).sendall(data)


class Handler(socketserver.StreamRequestHandler):
    rbufsize = 0  # nothing the client sends after the headers may stay in a buffer

    def _answer(self, status, reason, body=b"", content_type="text/plain"):
        self.wfile.write(f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
                         f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
                         .encode() + body)

    def handle(self):
        line = self.rfile.readline(65537).decode("latin-1").strip()
        while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
            pass
        parts = line.split()
        if len(parts) != 3:
            return
        method, target = parts[0], parts[1]
        if method == "GET" and target == "/stats":
            with lock:
                body = json.dumps({"connects": list(connects)}).encode()
            self._answer(200, "OK", body, "application/json")
            return
        if method != "CONNECT":
            self._answer(405, "Method Not Allowed", b"only CONNECT\n")
            return
        host, _, port = target.rpartition(":")
        try:
            upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
        except (OSError, ValueError) as e:
            self._answer(502, "Bad Gateway", f"{e}\n".encode())
            return
        with lock:
            connects.append(target)
        self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.wfile.flush()
        try:
            upstream.settimeout(None)
            relay(self.connection, upstream)
        except OSError:
            pass
        finally:
            upstream.close()


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"proxy": f"http://127.0.0.1:{server.server_address[1]}"}), flush=True)
    try:
        sys.stdin.read()  # returns when the test closes the pipe or exits
    except KeyboardInterrupt:
        pass
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
