#!/usr/bin/env python3
"""fetch.py CLIENT [TARGET]: runs CLIENT with TARGET in its environment,
by default the address of a local HTTP server answering GET /hello."""
import http.server
import os
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


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
target = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1:%d" % server.server_address[1]
out = subprocess.run([sys.argv[1]], env={"TARGET": target}, capture_output=True, timeout=60)
sys.stdout.write(out.stdout.decode())
sys.stdout.write(out.stderr.decode())
print("exit %d" % out.returncode)
server.shutdown()
