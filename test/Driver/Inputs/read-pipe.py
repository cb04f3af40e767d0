"""read-pipe.py FIFO COMMAND...: runs COMMAND while a thread reads FIFO to
its end, then writes what was read to FIFO.out. Fails if COMMAND fails or
the FIFO was never written and closed (within 60 s of COMMAND's end)."""
import subprocess
import sys
import threading

fifo, command = sys.argv[1], sys.argv[2:]
data = []
reader = threading.Thread(target=lambda: data.append(open(fifo, "rb").read()), daemon=True)
reader.start()
status = subprocess.call(command)
reader.join(timeout=60)
if not data:
    sys.exit("read-pipe.py: nothing came through " + fifo)
with open(fifo + ".out", "wb") as out:
    out.write(data[0])
sys.exit(status)
