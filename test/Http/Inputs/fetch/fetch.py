#!/usr/bin/env python3
"""fetch.py [--ipv6] CLIENT [TARGET]: runs CLIENT (a command line) with TARGET in its
environment, by default the address of a local HTTP server answering
GET /hello; "{port}" in TARGET is that server's port. The server listens on
127.0.0.1, or on ::1 with --ipv6. WACC_RESOLV_CONF passes through (the
runtime reads it; see test/tools/fake-dns.py)."""
import http.server
import os
import shlex
import socket
import subprocess
import sys
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b"hello from python\n" if self.path == "/hello" else b"no\n"
        self.send_response(200 if self.path == "/hello" else 404)
        self.send_header("content-length", str(len(body)))
        self.send_header("x-test", "yes")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server6(http.server.HTTPServer):
    address_family = socket.AF_INET6


args = sys.argv[1:]
ipv6 = args[:1] == ["--ipv6"]
if ipv6:
    args = args[1:]
server = Server6(("::1", 0), Handler) if ipv6 else http.server.HTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
port = server.server_address[1]
target = args[1].replace("{port}", str(port)) if len(args) > 1 else "127.0.0.1:%d" % port
env = {"TARGET": target}
if "WACC_RESOLV_CONF" in os.environ:
    env["WACC_RESOLV_CONF"] = os.environ["WACC_RESOLV_CONF"]
out = subprocess.run(shlex.split(args[0]), env=env, capture_output=True, timeout=60)
sys.stdout.write(out.stdout.decode())
sys.stdout.write(out.stderr.decode())
print("exit %d" % out.returncode)
server.shutdown()
