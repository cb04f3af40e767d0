#!/usr/bin/env python3
"""slow.py DELAY CLIENT: runs CLIENT (a command line) with TARGET in its
environment, the address of a local HTTP server (a thread per connection)
that answers GET /slow after DELAY seconds; prints the client's output,
its exit status, and how its run time compares with DELAY: "about 1x the
delay" (under 1.6x: the requests ran at once) or "Nx the delay"."""
import http.server
import shlex
import subprocess
import sys
import threading
import time

delay = float(sys.argv[1])


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        time.sleep(delay)
        body = b"slow\n"
        self.send_response(200 if self.path == "/slow" else 404)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
start = time.time()
out = subprocess.run(shlex.split(sys.argv[2]), env={"TARGET": "127.0.0.1:%d" % server.server_address[1]},
                     capture_output=True, timeout=60)
elapsed = time.time() - start
sys.stdout.write(out.stdout.decode())
sys.stdout.write(out.stderr.decode())
print("exit %d" % out.returncode)
ratio = elapsed / delay
print("about 1x the delay" if ratio < 1.6 else "%.1fx the delay" % ratio)
server.shutdown()
