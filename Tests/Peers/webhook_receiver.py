#!/usr/bin/env python3
"""A webhook receiver on 127.0.0.1 for the tests: answers by path, records every request.

    python3 webhook_receiver.py [--tls CERT KEY]
                                       prints "port <N>" once listening on an ephemeral port;
                                       with --tls, speaks HTTPS with that certificate

POST paths:
  /ok                    204
  /status/<code>         that status (with Retry-After: 1 for 429 and 503)
  /fail-once/<key>       500 the first time for <key>, then 200
  /hang                  never answers within the client's timeout (sleeps 30 s)
  /delay/<ms>            204 after <ms> milliseconds
  /continue              100 Continue, then 204
  /close                 204, then closes the connection (saying so: "Connection: close")
  /drop                  204, then closes the connection without saying so
  /garbage               a response that is not HTTP, then closes the connection
GET /requests            every request so far: [{"path", "headers", "body", "port"}], as JSON;
                         "port" is the client's, telling connections apart
"""
import json
import os
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

requests = []
failed_once = set()
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    # Without this every response waits 40 ms for Nagle's algorithm and delayed ACKs.
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/requests":
            with lock:
                body = json.dumps(requests).encode()
            self.answer(200, body, [("Content-Type", "application/json")])
        else:
            self.answer(404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        with lock:
            requests.append({
                "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body,
                "port": self.client_address[1],
            })
        parts = self.path.strip("/").split("/")
        if parts[0] == "ok":
            self.answer(204)
        elif parts[0] == "status":
            code = int(parts[1])
            headers = [("Retry-After", "1")] if code in (429, 503) else []
            self.answer(code, b"", headers)
        elif parts[0] == "fail-once":
            with lock:
                first = parts[1] not in failed_once
                failed_once.add(parts[1])
            self.answer(500 if first else 200)
        elif parts[0] == "delay":
            time.sleep(int(parts[1]) / 1000)
            self.answer(204)
        elif parts[0] == "continue":
            self.send_response_only(100)
            self.end_headers()
            self.answer(204)
        elif parts[0] == "close":
            self.answer(204, b"", [("Connection", "close")])
        elif parts[0] == "drop":
            self.answer(204)
            self.close_connection = True
        elif parts[0] == "garbage":
            self.wfile.write(b"SMTP ready\r\nthis is not HTTP\r\n\r\n")
            self.wfile.flush()
            self.close_connection = True
        elif parts[0] == "hang":
            time.sleep(30)
            self.answer(200)
        else:
            self.answer(404)


def exit_with_parent():
    """The test process holds our stdin open: when it ends, so do we, even if it crashed."""
    sys.stdin.read()
    os._exit(0)


threading.Thread(target=exit_with_parent, daemon=True).start()
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if sys.argv[1:2] == ["--tls"]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[2], sys.argv[3])
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(f"port {server.server_address[1]}", flush=True)
server.serve_forever()
