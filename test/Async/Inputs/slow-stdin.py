"""Runs argv with stdin a non-blocking pipe that receives two lines, 0.2 s
apart, and then end of input: a WASI 0.3 stdin read finds nothing at first
and must wait in the event loop (a blocking descriptor would block in read
instead). Exits with the child's status."""
import os
import subprocess
import sys
import time

r, w = os.pipe()
os.set_blocking(r, False)  # the open file description the child shares
child = subprocess.Popen(sys.argv[1:], stdin=r)
os.close(r)
for line in (b"first line\n", b"second line\n"):
    time.sleep(0.2)
    os.write(w, line)
time.sleep(0.2)
os.close(w)
sys.exit(child.wait())
