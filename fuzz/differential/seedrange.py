"""The --seeds syntax both differential fuzzers take: "0-99", "7", "0-9,20-29"."""


def seeds(spec):
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        yield from range(int(lo), int(hi or lo) + 1)
