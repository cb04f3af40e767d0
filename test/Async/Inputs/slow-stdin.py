"""Runs argv with stdin a non-blocking pipe that receives two lines and then
end of input, each only once the child waits without a timeout (for its
stdin: the program's one timed wait is its 1 ms wait-for): a WASI
0.3 stdin read finds nothing at first and must wait in the event loop (a
blocking descriptor would block in read instead). Waiting for the child,
not for a fixed time, keeps the test exact when the machine is loaded (under
qemu a start-up of more than the old 0.2 s gaps delivered both lines before
the first read). Exits with the child's status."""
import os
import subprocess
import sys
import time

# x86-64 host syscall numbers of the waits an event loop blocks in (qemu-user
# runs an AArch64 guest's epoll_pwait as the host's), each with the index in
# /proc/PID/syscall of its timeout argument and that argument's value when
# the wait has no timeout: poll and the epoll waits take -1 milliseconds,
# ppoll and epoll_pwait2 a null timespec.
FOREVER = {
    7: (3, {"0xffffffff", "0xffffffffffffffff"}),
    232: (4, {"0xffffffff", "0xffffffffffffffff"}),
    281: (4, {"0xffffffff", "0xffffffffffffffff"}),
    271: (3, {"0x0"}),
    441: (4, {"0x0"}),
}


def waits_forever(fields):
    if not fields or not fields[0].isdigit() or int(fields[0]) not in FOREVER:
        return False
    index, values = FOREVER[int(fields[0])]
    return len(fields) > index and fields[index] in values


def wait_until_blocked(pid, deadline_s=60.0):
    """Returns once the child's main thread sleeps in a wait without timeout."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        try:
            with open(f"/proc/{pid}/syscall") as f:
                fields = f.read().split()
            with open(f"/proc/{pid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            return  # exited
        if waits_forever(fields) and state == "S":
            return
        time.sleep(0.01)
    sys.exit(f"slow-stdin.py: the child never waited for input in {deadline_s} s")


r, w = os.pipe()
os.set_blocking(r, False)  # the open file description the child shares
child = subprocess.Popen(sys.argv[1:], stdin=r)
os.close(r)
for line in (b"first line\n", b"second line\n"):
    wait_until_blocked(child.pid)
    os.write(w, line)
wait_until_blocked(child.pid)
os.close(w)
sys.exit(child.wait())
