#!/usr/bin/env python3
"""Serves with a wacc-compiled wasi:http server and queries it.

    serve.py [--runner=RUNNER] SERVER SCRIPT [SERVER-ARGS...]

starts `[RUNNER] SERVER --addr 127.0.0.1:0 SERVER-ARGS...` (RUNNER:
qemu-aarch64 for another target's server), reads the address it prints
("Serving HTTP on http://HOST:PORT/") and runs the `REQ:` lines of SCRIPT
in order, printing each line and then what the server answered:

    REQ: curl ARGS...        curl -s -i ARGS (`{addr}` is HOST:PORT)
    REQ: raw TEXT            TEXT (with \\r \\n escapes) on a new connection,
                             then everything the server sends until it closes
    REQ: raw-shut TEXT       the same, closing the sending side after TEXT
    REQ: big-header N        a GET with one header of N bytes
    REQ: repeat N PATH       N GETs of PATH, each on a new connection; prints
                             each distinct "status body" once, with its count
    REQ: sleep SECONDS       waits
    REQ: body N KIND PATH    a POST of N bytes to PATH, KIND `length`
                             (content-length) or `chunked` (64 KiB chunks and
                             a trailer `x-sum: N`), sent while the answer is
                             read; prints the status, the answer's body length,
                             whether it equals what was sent, its trailers
    REQ: stream FIRST | REST FIRST on a new connection, then waits (up to 5 s)
                             for the answer to begin, prints what came, then
                             sends REST and prints the rest until the close
    REQ: background CURL-ARGS  curl in the background: its answer is printed
                             after the server's exit status (SIGTERM comes
                             while it is in flight)

`{upstream}` in a curl line is the HOST:PORT of a local upstream server
this script starts (it answers every GET with 203 "from upstream"), for
servers that make outgoing requests.

Then it sends SIGTERM and prints the server's exit status and its stderr.
"""
import http.client
import re
import signal
import socket
import subprocess
import sys
import time

args = sys.argv[1:]
runner = []
if args and args[0].startswith("--runner="):
    runner = [args.pop(0)[len("--runner="):]]
server, script = args[0], args[1]
proc = subprocess.Popen(runner + [server, "--addr", "127.0.0.1:0"] + args[2:], stderr=subprocess.PIPE)
first = proc.stderr.readline().decode()
print(first, end="")
m = re.match(r"Serving HTTP on http://([0-9.]+|\[[0-9a-f:]+\]):([0-9]+)/", first)
if not m:
    proc.kill()
    sys.exit("no address printed: " + first)
host, port = m.group(1).strip("[]"), int(m.group(2))
addr = "%s:%d" % (m.group(1), port)


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


def unescape(text):
    return text.encode().decode("unicode_escape").encode("latin-1")


def body(n, kind, path):
    data = bytes(range(251)) * (n // 251 + 1)
    data = data[:n]
    s = socket.create_connection((host, port))
    head = "POST %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" % path

    def send():
        try:
            if kind == "length":
                s.sendall((head + "Content-Length: %d\r\n\r\n" % n).encode() + data)
            else:
                s.sendall((head + "Transfer-Encoding: chunked\r\n\r\n").encode())
                for i in range(0, n, 65536):
                    chunk = data[i:i + 65536]
                    s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                s.sendall(b"0\r\nx-sum: %d\r\n\r\n" % n)
        except OSError:
            pass

    import threading
    threading.Thread(target=send, daemon=True).start()
    s.settimeout(30)
    out = b""
    try:
        while True:
            chunk = s.recv(1 << 20)
            if not chunk:
                break
            out += chunk
    except OSError as e:
        out += b"<" + type(e).__name__.encode() + b">"
    s.close()
    head, _, rest = out.partition(b"\r\n\r\n")
    got, trailers = b"", b""
    if b"transfer-encoding: chunked" in head.lower():
        while True:
            line, _, rest = rest.partition(b"\r\n")
            try:
                size = int(line.split(b";")[0], 16)
            except ValueError:
                trailers = b"<cut short>"
                break
            if size == 0:
                trailers = rest.rstrip(b"\r\n").replace(b"\r\n", b", ")
                break
            got += rest[:size]
            rest = rest[size + 2:]
    else:
        got = rest
    return "%s, body %d bytes, %s, trailers: %s" % (head.split(b"\r\n")[0].decode("latin-1"), len(got),
                                                     "the same" if got == data else "different",
                                                     trailers.decode("latin-1") or "none")


def stream(first, rest):
    s = socket.create_connection((host, port))
    s.sendall(unescape(first))
    s.settimeout(5)
    early = b""
    try:
        while b"\r\n\r\n" not in early or early.endswith(b"\r\n\r\n"):
            chunk = s.recv(65536)
            if not chunk:
                break
            early += chunk
    except socket.timeout:
        early += b"<nothing yet>"
    s.sendall(unescape(rest))
    s.settimeout(10)
    late = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            late += chunk
    except socket.timeout:
        late += b"<no close>"
    s.close()
    return (early.decode("latin-1") + "\n-- after the rest was sent:\n" + late.decode("latin-1")).replace("\r\n", "\n")


background = []


def raw(text, shut):
    s = socket.create_connection((host, port))
    s.sendall(unescape(text))
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
            out = subprocess.run(["curl", "-g", "-s", "-i", "--max-time", "20"] + args, capture_output=True).stdout
            print(out.decode("latin-1").replace("\r\n", "\n"))
        elif kind == "big-header":
            text = "GET / HTTP/1.1\\r\\nHost: x\\r\\nX-Big: " + "a" * int(rest) + "\\r\\n\\r\\n"
            print(raw(text, False).replace("\r\n", "\n"))
        elif kind == "repeat":
            count, path = rest.split()
            seen = {}
            for _ in range(int(count)):
                c = http.client.HTTPConnection(host, port, timeout=20)
                c.request("GET", path)
                r = c.getresponse()
                answer = "%d %s" % (r.status, r.read().decode("latin-1").strip())
                c.close()
                seen[answer] = seen.get(answer, 0) + 1
            for answer, n in sorted(seen.items()):
                print("%d x %s" % (n, answer))
        elif kind == "body":
            n, body_kind, path = rest.split()
            print(body(int(n), body_kind, path))
        elif kind == "stream":
            first, _, rest = rest.partition(" | ")
            print(stream(first, rest))
        elif kind == "background":
            args = [a.replace("{addr}", addr) for a in rest.split()]
            background.append(subprocess.Popen(["curl", "-g", "-s", "-i", "--max-time", "20"] + args,
                                               stdout=subprocess.PIPE))
            time.sleep(0.3)
        elif kind == "sleep":
            time.sleep(float(rest))
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
    for b in background:
        print("== background answer")
        print(b.communicate()[0].decode("latin-1").replace("\r\n", "\n"))
