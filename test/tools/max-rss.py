"""max-rss.py LIMIT_MB -- COMMAND...: runs COMMAND (its output passes
through) and prints its exit status, then whether its peak resident set
stayed within LIMIT_MB megabytes: "max-rss within LIMIT_MB MB", or
"max-rss N MB over LIMIT_MB MB". For tests of leaks that a long loop would
turn into memory growth."""
import resource
import subprocess
import sys

limit = int(sys.argv[1])
assert sys.argv[2] == "--"
status = subprocess.call(sys.argv[3:])
sys.stdout.flush()
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024  # KiB -> MiB
print(f"exit={status}")
if peak <= limit:
    print(f"max-rss within {limit} MB")
else:
    print(f"max-rss {peak} MB over {limit} MB")
