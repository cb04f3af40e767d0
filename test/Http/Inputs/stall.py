#!/usr/bin/env python3
"""stall.py MODE CLIENT: runs CLIENT (a command line) with TARGET=127.0.0.1:PORT
in its environment, PORT that of a local server that stalls as MODE says:
  silent   accepts, reads the request and never answers;
  partial  answers a head with content-length 100 and 5 bytes of the body,
           then nothing more;
  backlog  never accepts, its accept queue kept full, so that a connect
           waits (the kernel drops the SYNs).
The server lets go (closes everything) after 5 s, so a client without a
timeout ends then rather than hanging. Prints the client's output, its
exit status, and "quick" when it ended within 2.5 s (a 300 ms timeout did
its work), "slow" otherwise."""
import shlex
import socket
import subprocess
import sys
import threading
import time

mode, client = sys.argv[1], sys.argv[2]
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(0 if mode == "backlog" else 8)
port = listener.getsockname()[1]
held = []
if mode == "backlog":
    # A backlog of 0 queues one connection: two fill it for sure.
    for _ in range(2):
        filler = socket.socket()
        filler.setblocking(False)
        try:
            filler.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        held.append(filler)
    time.sleep(0.1)
else:
    def serve():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            held.append(conn)
            conn.recv(65536)
            if mode == "partial":
                conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nhello")

    threading.Thread(target=serve, daemon=True).start()


def let_go():
    time.sleep(5)
    for s in held:
        s.close()
    listener.close()


threading.Thread(target=let_go, daemon=True).start()
start = time.time()
out = subprocess.run(shlex.split(client), env={"TARGET": "127.0.0.1:%d" % port}, capture_output=True, timeout=60)
elapsed = time.time() - start
sys.stdout.write(out.stdout.decode())
sys.stdout.write(out.stderr.decode())
print("exit %d" % out.returncode)
print("quick" if elapsed < 2.5 else "slow")
