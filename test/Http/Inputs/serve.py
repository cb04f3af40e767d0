#!/usr/bin/env python3
"""Serves with a wacc-compiled wasi:http server and queries it.

    serve.py SERVER SCRIPT [RUNNER]

starts `[RUNNER] SERVER --addr 127.0.0.1:0` (RUNNER: qemu-aarch64 for
another target's server), reads the address it prints
("Serving HTTP on http://HOST:PORT/") and runs the `REQ:` lines of SCRIPT
in order, printing each line and then what the server answered:

    REQ: curl ARGS...        curl -s -i ARGS (`{addr}` is HOST:PORT)
    REQ: raw TEXT            TEXT (with \\r \\n escapes) on a new connection,
                             then everything the server sends until it closes
    REQ: raw-shut TEXT       the same, closing the sending side after TEXT
    REQ: big-header N        a GET with one header of N bytes

`{upstream}` in a curl line is the HOST:PORT of a local upstream server
this script starts (it answers every GET with 203 "from upstream"), for
servers that make outgoing requests.

Then it sends SIGTERM and prints the server's exit status and its stderr.
"""
import re
import signal
import socket
import subprocess
import sys

server, script = sys.argv[1], sys.argv[2]
runner = sys.argv[3:4]
proc = subprocess.Popen(runner + [server, "--addr", "127.0.0.1:0"], stderr=subprocess.PIPE)
first = proc.stderr.readline().decode()
print(first, end="")
m = re.match(r"Serving HTTP on http://([0-9.]+):([0-9]+)/", first)
if not m:
    proc.kill()
    sys.exit("no address printed: " + first)
host, port = m.group(1), int(m.group(2))
addr = "%s:%d" % (host, port)


upstream = None


def upstream_addr():
    global upstream
    if upstream is None:
        import http.server
        import threading

        class Upstream(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = b"from upstream"
                self.send_response(203)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
        threading.Thread(target=upstream.serve_forever, daemon=True).start()
    return "127.0.0.1:%d" % upstream.server_address[1]


def raw(text, shut):
    s = socket.create_connection((host, port))
    s.sendall(text.encode().decode("unicode_escape").encode("latin-1"))
    if shut:
        s.shutdown(socket.SHUT_WR)
    s.settimeout(10)
    out = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except socket.timeout:
        out += b"<no close>"
    s.close()
    return out.decode("latin-1")


try:
    for line in open(script):
        m = re.match(r".*REQ: (\S+) ?(.*)$", line.rstrip("\n"))
        if not m:
            continue
        kind, rest = m.group(1), m.group(2)
        print("== " + kind + " " + rest)
        if kind == "curl":
            if "{upstream}" in rest:
                rest = rest.replace("{upstream}", upstream_addr())
            args = [a.replace("{addr}", addr) for a in rest.split()]
            out = subprocess.run(["curl", "-s", "-i", "--max-time", "20"] + args, capture_output=True).stdout
            print(out.decode("latin-1").replace("\r\n", "\n"))
        elif kind == "big-header":
            text = "GET / HTTP/1.1\\r\\nHost: x\\r\\nX-Big: " + "a" * int(rest) + "\\r\\n\\r\\n"
            print(raw(text, False).replace("\r\n", "\n"))
        elif kind in ("raw", "raw-shut"):
            print(raw(rest, kind == "raw-shut").replace("\r\n", "\n"))
        else:
            sys.exit("unknown request kind " + kind)
        sys.stdout.flush()
finally:
    proc.send_signal(signal.SIGTERM)
    try:
        status = proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        status = "hung"
    print("== exit %s" % status)
    print(proc.stderr.read().decode(), end="")
