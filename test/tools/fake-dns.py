#!/usr/bin/env python3
"""fake-dns.py [--search DOMAINS] [--options OPTIONS] [--ipv6] [--dead-first]
               -- COMMAND [ARGS...]

A DNS server for the tests of the runtime's resolver: it answers over UDP
and TCP on 127.0.0.1 at a free port from the small zone below, writes a
resolv.conf naming itself ("nameserver 127.0.0.1:PORT", the port form the
runtime accepts), and runs COMMAND with WACC_RESOLV_CONF pointing at it. Its
output and exit status are COMMAND's. --ipv6 serves on [::1] instead;
--dead-first names a nameserver where nothing listens (127.0.0.1:1) before
it, so a resolver must go on to the next one.

The zone (every other name is NXDOMAIN):
  a.test            A 10.1.2.3 (with an unrelated other.test A 6.6.6.8 beside it)
  multi.test        A 10.0.0.1, 10.0.0.2; AAAA 2001:db8::1
  alias.test        CNAME a.test;  chain.test CNAME alias.test (A record first)
  v6only.test       AAAA 2001:db8::2
  noaddr.test       exists, no A or AAAA
  big.test          20 A records: truncated over UDP, whole over TCP
  short.example.test A 10.9.9.9
  spoof.test        A 10.7.7.7, after a reply with another id and one with
                    another question
  mixed.test        A 10.3.3.3
  fail.test         SERVFAIL;  refused.test REFUSED;  slow.test never answered
  noquestion.test   REFUSED without the question (as some servers answer)
  http.test         A 127.0.0.1;  http6.test AAAA ::1
  both.test         A 127.0.0.1, AAAA ::1
"""
import argparse
import ipaddress
import os
import socket
import struct
import subprocess
import sys
import tempfile
import threading

A, CNAME, AAAA = 1, 5, 28

ZONE = {
    "a.test": [("a.test", A, "10.1.2.3"), ("other.test", A, "6.6.6.8")],
    "multi.test": [("multi.test", A, "10.0.0.1"), ("multi.test", A, "10.0.0.2"),
                   ("multi.test", AAAA, "2001:db8::1")],
    "alias.test": [("a.test", A, "10.1.2.3"), ("alias.test", CNAME, "a.test")],
    "chain.test": [("a.test", A, "10.1.2.3"), ("alias.test", CNAME, "a.test"),
                   ("chain.test", CNAME, "alias.test")],
    "v6only.test": [("v6only.test", AAAA, "2001:db8::2")],
    "noaddr.test": [],
    "big.test": [("big.test", A, "10.20.0.%d" % i) for i in range(1, 21)],
    "short.example.test": [("short.example.test", A, "10.9.9.9")],
    "spoof.test": [("spoof.test", A, "10.7.7.7")],
    "mixed.test": [("mixed.test", A, "10.3.3.3")],
    "http.test": [("http.test", A, "127.0.0.1")],
    "http6.test": [("http6.test", AAAA, "::1")],
    "both.test": [("both.test", A, "127.0.0.1"), ("both.test", AAAA, "::1")],
}
RCODES = {"fail.test": 2, "refused.test": 5}


def encode_name(name):
    out = b""
    for label in name.split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def parse_query(data):
    ident, flags, qdcount = struct.unpack(">HHH", data[:6])
    at, labels = 12, []
    while data[at]:
        labels.append(data[at + 1:at + 1 + data[at]].decode())
        at += 1 + data[at]
    qtype, qclass = struct.unpack(">HH", data[at + 1:at + 5])
    return ident, ".".join(labels), qtype, data[12:at + 5]


def message(ident, question, rcode=0, records=(), truncated=False):
    flags = 0x8180 | rcode | (0x0200 if truncated else 0)
    out = struct.pack(">HHHHHH", ident, flags, 1, len(records), 0, 0) + question
    for owner, rtype, value in records:
        # The question's name is compressed (a pointer to offset 12).
        name = b"\xc0\x0c" if owner == question_name(question) else encode_name(owner)
        if rtype == A:
            data = ipaddress.IPv4Address(value).packed
        elif rtype == AAAA:
            data = ipaddress.IPv6Address(value).packed
        else:
            data = encode_name(value)
        out += name + struct.pack(">HHIH", rtype, 1, 60, len(data)) + data
    return out


def question_name(question):
    at, labels = 0, []
    while question[at]:
        labels.append(question[at + 1:at + 1 + question[at]].decode().lower())
        at += 1 + question[at]
    return ".".join(labels)


def answers(data, over_tcp):
    """The messages to send back for one query, in order."""
    ident, name, qtype, question = parse_query(data)
    key = name.lower()
    if key == "slow.test":
        return []
    if key in RCODES:
        return [message(ident, question, RCODES[key])]
    if key == "noquestion.test":
        return [struct.pack(">HHHHHH", ident, 0x8185, 0, 0, 0, 0)]
    if key not in ZONE:
        return [message(ident, question, 3)]
    # The records of the question's type, with the CNAMEs leading to them.
    records = [r for r in ZONE[key] if r[1] in (qtype, CNAME)]
    if key == "big.test" and qtype == A and not over_tcp:
        return [message(ident, question, truncated=True)]
    replies = []
    if key == "spoof.test":
        replies.append(message(ident ^ 0x5555, question, records=[("spoof.test", A, "6.6.6.6")]))
        other = encode_name("spoof.tesu") + question[-4:]
        replies.append(message(ident, other, records=[("spoof.tesu", A, "6.6.6.7")]))
    # The question's own records under the name as asked (case kept).
    records = [(name if r[0] == key else r[0], r[1], r[2]) for r in records]
    replies.append(message(ident, question, records=records))
    return replies


def serve_udp(sock):
    while True:
        data, peer = sock.recvfrom(4096)
        try:
            for reply in answers(data, False):
                sock.sendto(reply, peer)
        except Exception as error:  # a malformed query: no answer
            print("fake-dns: %s" % error, file=sys.stderr)


def serve_tcp_connection(conn):
    with conn:
        while True:
            head = conn.recv(2)
            if len(head) < 2:
                return
            (length,) = struct.unpack(">H", head)
            data = b""
            while len(data) < length:
                chunk = conn.recv(length - len(data))
                if not chunk:
                    return
                data += chunk
            for reply in answers(data, True):
                conn.sendall(struct.pack(">H", len(reply)) + reply)


def serve_tcp(sock):
    while True:
        conn, _ = sock.accept()
        threading.Thread(target=serve_tcp_connection, args=(conn,), daemon=True).start()


def bind_pair(family, host):
    """A UDP and a TCP socket on the same free port of `host`."""
    for _ in range(50):
        udp = socket.socket(family, socket.SOCK_DGRAM)
        udp.bind((host, 0))
        tcp = socket.socket(family, socket.SOCK_STREAM)
        try:
            tcp.bind((host, udp.getsockname()[1]))
        except OSError:
            udp.close()
            tcp.close()
            continue
        tcp.listen(8)
        return udp, tcp
    raise SystemExit("fake-dns: no free port")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--search", default="")
    parser.add_argument("--options", default="")
    parser.add_argument("--ipv6", action="store_true")
    parser.add_argument("--dead-first", action="store_true")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    family, host = (socket.AF_INET6, "::1") if args.ipv6 else (socket.AF_INET, "127.0.0.1")
    udp, tcp = bind_pair(family, host)
    server = "[::1]" if args.ipv6 else "127.0.0.1"
    threading.Thread(target=serve_udp, args=(udp,), daemon=True).start()
    threading.Thread(target=serve_tcp, args=(tcp,), daemon=True).start()
    with tempfile.TemporaryDirectory() as work:
        conf = os.path.join(work, "resolv.conf")
        with open(conf, "w") as out:
            out.write("# written by fake-dns.py\n")
            if args.dead_first:
                out.write("nameserver 127.0.0.1:1\n")
            out.write("nameserver %s:%d\n" % (server, udp.getsockname()[1]))
            if args.search:
                out.write("search %s\n" % args.search)
            if args.options:
                out.write("options %s\n" % args.options)
        env = dict(os.environ, WACC_RESOLV_CONF=conf)
        sys.stdout.flush()
        result = subprocess.run(command, env=env, timeout=120)
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
