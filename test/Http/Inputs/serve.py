#!/usr/bin/env python3
"""Serves with a wacc-compiled wasi:http server and queries it.

    serve.py [--runner=RUNNER] SERVER SCRIPT [SERVER-ARGS...]

starts `[RUNNER] SERVER --addr 127.0.0.1:0 SERVER-ARGS...` (RUNNER, split
as the shell would: qemu-aarch64 for another target's server, `wacc serve`
for a component), reads the address it prints
("Serving HTTP on http://HOST:PORT/") and runs the `REQ:` lines of SCRIPT
in order, printing each line and then what the server answered:

    REQ: curl ARGS...        curl -s -i ARGS (`{addr}` is HOST:PORT)
    REQ: raw TEXT            TEXT (with \\r \\n escapes) on a new connection,
                             then everything the server sends until it closes
    REQ: raw-shut TEXT       the same, closing the sending side after TEXT
    REQ: big-header N        a GET with one header of N bytes
    REQ: many-headers N      a GET with N headers (Host and Connection included)
    REQ: repeat N PATH       N GETs of PATH, each on a new connection; prints
                             each distinct "status body" once, with its count
    REQ: sleep SECONDS       waits
    REQ: body N KIND PATH    a POST of N bytes to PATH, KIND `length`
                             (content-length) or `chunked` (64 KiB chunks and
                             a trailer `x-sum: N`), sent while the answer is
                             read; prints the status, the answer's body length,
                             whether it equals what was sent, its trailers
    REQ: interleave FIRST | REST  FIRST on a new connection, then waits (up to 5 s)
                             for the answer to begin, prints what came, then
                             sends REST and prints the rest until the close
    REQ: background CURL-ARGS  curl in the background: its answer is printed
                             after the server's exit status (SIGTERM comes
                             while it is in flight)
    REQ: stream PATH [VER]   a GET of PATH (HTTP/1.1 or VER) whose body is Inputs/handler.wat's
                             pattern (64 KiB pieces, each its index as a u32
                             LE then bytes j & 0xff), read slowly (it waits
                             0.5 s before reading); prints the status line,
                             the framing headers, whether the body is the
                             pattern, the trailers, and how much the server's
                             peak RSS grew (VmHWM)
    REQ: timed PATH          a GET of PATH: the response, and whether its
                             first bytes came within 0.5 s
    REQ: post-stream PATH N  a POST of N bytes to PATH (Content-Length); checks
                             the body that comes back is the same bytes
    REQ: upload PATH N KIND [PIECE DELAY [CUT]]
                             a POST of N bytes to PATH, KIND `length` or
                             `chunked` (one chunk per piece, then the trailer
                             `x-sum: N`), sent in pieces of PIECE bytes with
                             DELAY seconds between them (default: at once)
                             while the answer is read; with CUT, only the
                             first CUT bytes (of the request as a whole)
                             and then the sending side closes. Prints the
                             status line, whether the body is what was sent
                             (or its start), the trailers, whether the answer
                             began before the upload ended, and how much the
                             server's peak RSS grew (VmHWM)
    REQ: syscalls N PATH     N GETs of PATH on one keep-alive connection, one after
                             the other, with the server's processes under strace:
                             prints the system calls of interest made per request
                             (x86-64 servers only: qemu makes its own)
    REQ: fds-mark            notes how many descriptors the server process has open
                             (once the count holds for half a second)
    REQ: fds-check           prints "descriptors: as marked", or how many more
                             (or fewer) it has (waiting up to 3 s for them to
                             come back: the server closes a connection after
                             the client does)

`{upstream}` in a curl line is the HOST:PORT of a local upstream server
this script starts (it answers every GET with 203 "from upstream"), for
servers that make outgoing requests; `{slow-upstream}` (curl and meanwhile
lines) one that answers the same after 1 s.

    REQ: meanwhile SLOW | QUICK  a GET of the path SLOW on one connection and,
                             0.3 s later, of QUICK on another; prints QUICK's
                             status line and whether it came while SLOW's
                             answer was still awaited, then SLOW's status line

Then it sends SIGTERM and prints the server's exit status and its stderr.
"""
import http.client
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time

args = sys.argv[1:]
runner = []
if args and args[0].startswith("--runner="):
    runner = shlex.split(args.pop(0)[len("--runner="):])
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


upstreams = {}  # delay in seconds -> the server answering after it


def start_upstream(delay):
    """A local server answering every GET with 203 "from upstream" after
    `delay` seconds; its HOST:PORT (one server per delay)."""
    if delay not in upstreams:
        import http.server
        import threading

        class Upstream(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if delay:
                    time.sleep(delay)
                body = b"from upstream"
                self.send_response(203)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        upstreams[delay] = server
    return "127.0.0.1:%d" % upstreams[delay].server_address[1]


def upstream_addr():
    return start_upstream(0)


def slow_upstream_addr():
    return start_upstream(1)


def meanwhile(slow, quick):
    import threading
    slow = slow.replace("{slow-upstream}", slow_upstream_addr())
    result = {}

    def get(path, key):
        c = http.client.HTTPConnection(host, port, timeout=30)
        c.request("GET", path)
        r = c.getresponse()
        r.read()
        result[key] = ("HTTP/1.1 %d %s" % (r.status, r.reason), time.time())
        c.close()

    first = threading.Thread(target=get, args=(slow, "slow"))
    first.start()
    time.sleep(0.3)
    get(quick, "quick")
    first.join(30)
    print(result["quick"][0])
    waited = "slow" not in result or result["slow"][1] > result["quick"][1]
    print("while the first was awaited: %s" % ("yes" if waited else "no"))
    print(result.get("slow", ("<no answer>",))[0])


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


def interleave(first, rest):
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
marked = 0


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


class Reader:
    """Reads an HTTP/1.1 response off a socket: head, then the body as its
    framing says (content-length, chunked with trailers, or until close)."""

    def __init__(self, sock):
        self.sock, self.buf, self.closed = sock, b"", False

    def fill(self):
        chunk = self.sock.recv(1 << 20)
        if not chunk:
            self.closed = True
        self.buf += chunk

    def line(self):
        while b"\r\n" not in self.buf:
            if self.closed:
                return None
            self.fill()
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line.decode("latin-1")

    def take(self, n):
        while len(self.buf) < n and not self.closed:
            self.fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def response(self):
        """(status line, headers, body, trailers, complete)"""
        status = self.line()
        headers = []
        while True:
            h = self.line()
            if not h:
                break
            name, value = h.split(":", 1)
            headers.append((name.lower(), value.strip()))
        fields = dict(headers)
        body, trailers = [], []
        if "content-length" in fields:
            want = int(fields["content-length"])
            data = self.take(want)
            return status, headers, data, trailers, len(data) == want
        if fields.get("transfer-encoding") == "chunked":
            while True:
                size = self.line()
                if size is None:
                    return status, headers, b"".join(body), trailers, False
                size = int(size.split(";")[0], 16)
                if size == 0:
                    break
                data = self.take(size)
                body.append(data)
                if len(data) < size or self.take(2) != b"\r\n":
                    return status, headers, b"".join(body), trailers, False
            while True:
                t = self.line()
                if not t:
                    break
                trailers.append(t)
            return status, headers, b"".join(body), trailers, True
        while not self.closed:
            self.fill()
        data, self.buf = self.buf, b""
        return status, headers, data, trailers, True


def pattern(n):
    piece = bytearray(j & 0xFF for j in range(65536))
    out = bytearray()
    index = 0
    while len(out) < n:
        piece[0:4] = index.to_bytes(4, "little")
        out += piece[: min(65536, n - len(out))]
        index += 1
    return bytes(out)


def peak_rss_kib():
    try:
        for line in open("/proc/%d/status" % proc.pid):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def print_exchange(status, headers, body, trailers, complete, expected):
    print(status)
    for name, value in headers:
        if name in ("content-length", "transfer-encoding", "connection"):
            print("%s: %s" % (name, value))
    if body == expected:
        print("body: %d bytes as expected" % len(body))
    else:
        at = next((i for i in range(min(len(body), len(expected))) if body[i] != expected[i]), None)
        print("body: %d bytes, %d expected, first difference at %s" % (len(body), len(expected), at))
    for t in trailers:
        print("trailer " + t)
    print("complete" if complete else "cut off")


def stream(path, version="HTTP/1.1"):
    before = peak_rss_kib()
    s = socket.create_connection((host, port))
    s.sendall(("GET %s %s\r\nHost: x\r\nConnection: close\r\n\r\n" % (path, version)).encode())
    time.sleep(0.5)  # the server must wait for the client to read
    s.settimeout(30)
    status, headers, body, trailers, complete = Reader(s).response()
    s.close()
    fields = dict(headers)
    n = int(fields.get("content-length", len(body)))
    print_exchange(status, headers, body, trailers, complete, pattern(n))
    growth = peak_rss_kib() - before
    print("peak RSS growth: %s" % ("under 8 MiB" if growth < 8192 else "%d KiB" % growth))


def timed(path):
    s = socket.create_connection((host, port))
    s.settimeout(30)
    start = time.time()
    s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % path).encode())
    reader = Reader(s)
    reader.fill()
    first = time.time() - start
    status, headers, body, trailers, complete = reader.response()
    s.close()
    print(status)
    for name, value in headers:
        print("%s: %s" % (name, value))
    print(body.decode("latin-1"), end="")
    print("first bytes: " + ("within 0.5 s" if first < 0.5 else "after %.1f s" % first))


def syscalls(n, path):
    import tempfile
    names = ["sendto", "read", "recvfrom", "fcntl", "clock_gettime", "dup", "close", "ppoll"]
    c = http.client.HTTPConnection(host, port, timeout=20)
    c.request("GET", path)  # the connection is accepted before the trace starts
    c.getresponse().read()
    pids = [proc.pid]  # and the server's processes are all there
    for task in os.listdir("/proc/%d/task" % proc.pid):
        pids += [int(p) for p in open("/proc/%d/task/%s/children" % (proc.pid, task)).read().split()]
    with tempfile.NamedTemporaryFile("r", suffix=".strace") as trace:
        tracer = subprocess.Popen(["strace", "-f", "-qq", "-e", "trace=" + ",".join(names), "-o", trace.name] +
                                  sum((["-p", str(p)] for p in pids), []), stderr=subprocess.DEVNULL)
        time.sleep(1)  # strace attaches
        answers = set()
        for _ in range(n):
            c.request("GET", path)
            r = c.getresponse()
            answers.add("%d %s" % (r.status, r.read().decode("latin-1").strip()))
        time.sleep(0.5)
        tracer.send_signal(signal.SIGINT)
        tracer.wait()
        counts = dict.fromkeys(names, 0)
        for line in trace:
            if "<detached" in line or "<unfinished" in line:
                continue  # a call still waiting when strace detached (the supervisor's)
            m = re.match(r"(?:\d+ +)?(\w+)\(", line)
            if m and m.group(1) in counts:
                counts[m.group(1)] += 1
    c.close()
    print("answers: " + ", ".join(sorted(answers)))
    print(" ".join("%s %g" % (name, counts[name] / n) for name in names))


def open_descriptors():
    return len(os.listdir("/proc/%d/fd" % proc.pid))


def post_stream(path, n):
    data = bytes((i * 31 + (i >> 16)) & 0xFF for i in range(n))
    s = socket.create_connection((host, port))
    s.settimeout(30)
    s.sendall(("POST %s HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
               % (path, n)).encode() + data)
    print_exchange(*Reader(s).response(), data)
    s.close()


def upload(path, n, kind, piece=None, delay=0.0, cut=None):
    before = peak_rss_kib()
    data = (bytes(range(251)) * (n // 251 + 1))[:n]
    piece = piece or max(n, 1)
    parts = [("POST %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" % path).encode()]
    if kind == "length":
        parts[0] += b"Content-Length: %d\r\n\r\n" % n
        parts += [data[i:i + piece] for i in range(0, n, piece)]
    else:
        parts[0] += b"Transfer-Encoding: chunked\r\n\r\n"
        parts += [b"%x\r\n" % len(data[i:i + piece]) + data[i:i + piece] + b"\r\n" for i in range(0, n, piece)]
        parts.append(b"0\r\nx-sum: %d\r\n\r\n" % n)
    s = socket.create_connection((host, port))
    state = {"ended": None, "first": None}

    def send():
        sent = 0
        try:
            for i, part in enumerate(parts):
                if i > 1 and delay:
                    time.sleep(delay)
                if cut is not None and sent + len(part) >= cut:
                    s.sendall(part[:cut - sent])
                    break
                s.sendall(part)
                sent += len(part)
            if cut is not None:
                s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        state["ended"] = time.time()

    import threading
    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    s.settimeout(30)
    reader = Reader(s)
    try:
        reader.fill()
        state["first"] = time.time()
        status, headers, body, trailers, complete = reader.response()
    except OSError as e:
        status, headers, body, trailers, complete = "<%s>" % type(e).__name__, [], b"", [], False
    sender.join(30)
    s.close()
    print(status)
    if body == data:
        print("body: %d bytes, the same" % len(body))
    elif data.startswith(body):
        print("body: %d bytes, the start of what was sent" % len(body))
    else:
        print("body: %d bytes, different" % len(body))
    for t in trailers:
        print("trailer " + t)
    print("complete" if complete else "cut off")
    early = state["first"] is not None and state["ended"] is not None and state["first"] < state["ended"]
    print("answer began before the upload ended: %s" % ("yes" if early else "no"))
    growth = peak_rss_kib() - before
    print("peak RSS growth: %s" % ("under 8 MiB" if growth < 8192 else "%d KiB" % growth))


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
            if "{slow-upstream}" in rest:
                rest = rest.replace("{slow-upstream}", slow_upstream_addr())
            args = [a.replace("{addr}", addr) for a in rest.split()]
            out = subprocess.run(["curl", "-g", "-s", "-i", "--max-time", "20"] + args, capture_output=True).stdout
            print(out.decode("latin-1").replace("\r\n", "\n"))
        elif kind == "big-header":
            text = "GET / HTTP/1.1\\r\\nHost: x\\r\\nX-Big: " + "a" * int(rest) + "\\r\\n\\r\\n"
            print(raw(text, False).replace("\r\n", "\n"))
        elif kind == "many-headers":
            text = "GET / HTTP/1.1\\r\\nHost: x\\r\\n" + "".join(
                "X-H%d: v\\r\\n" % i for i in range(int(rest) - 2)) + "Connection: close\\r\\n\\r\\n"
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
        elif kind == "interleave":
            first, _, rest = rest.partition(" | ")
            print(interleave(first, rest))
        elif kind == "background":
            args = [a.replace("{addr}", addr) for a in rest.split()]
            background.append(subprocess.Popen(["curl", "-g", "-s", "-i", "--max-time", "20"] + args,
                                               stdout=subprocess.PIPE))
            time.sleep(0.3)
        elif kind == "stream":
            stream(*rest.split())
        elif kind == "timed":
            timed(rest)
        elif kind == "post-stream":
            path, n = rest.split()
            post_stream(path, int(n))
        elif kind == "meanwhile":
            slow, _, quick = rest.partition(" | ")
            meanwhile(slow, quick)
        elif kind == "upload":
            words = rest.split()
            upload(words[0], int(words[1]), words[2], int(words[3]) if len(words) > 3 else None,
                   float(words[4]) if len(words) > 4 else 0.0, int(words[5]) if len(words) > 5 else None)
        elif kind == "sleep":
            time.sleep(float(rest))
        elif kind == "syscalls":
            count, path = rest.split()
            syscalls(int(count), path)
        elif kind == "fds-mark":
            # Once the count holds for half a second (the server closes a
            # connection only after the client did).
            marked, since, deadline = open_descriptors(), time.time(), time.time() + 5
            while time.time() - since < 0.5 and time.time() < deadline:
                time.sleep(0.05)
                if open_descriptors() != marked:
                    marked, since = open_descriptors(), time.time()
        elif kind == "fds-check":
            deadline = time.time() + 3
            while open_descriptors() != marked and time.time() < deadline:
                time.sleep(0.05)
            n = open_descriptors() - marked
            print("descriptors: " + ("as marked" if n == 0 else "%+d" % n))
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
