# Usage: broken-pipe.py <program> <args...>
# Runs the program with stdout on a pipe whose read end is already closed,
# and with SIGPIPE at its default action (Python ignores it, and ignored
# signals survive exec), so writes fail with EPIPE only if the program
# ignores SIGPIPE itself.
import os
import signal
import sys

read_end, write_end = os.pipe()
os.close(read_end)
os.dup2(write_end, 1)
os.close(write_end)
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])
