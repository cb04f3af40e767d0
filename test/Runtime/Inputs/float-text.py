#!/usr/bin/env python3
"""Differential check of core/FloatText.h against Python's exact arithmetic.

Runs the program float-text.cpp builds (the command line given to this
script, e.g. `qemu-aarch64 prog`) on ~1,700 cases made from a fixed seed:
random bit patterns of both widths formatted; random decimal texts, the
exact halfway points between neighbouring floats (up to ~770 digits, past
the parser's 800-digit cut with padding) and numbers beside them parsed; the
range's edges; and texts Rust does not read. Expected: a parse correctly
rounded to nearest-even (Python's float() for f64, Fraction for f32); a
format as Rust's Display writes it: the shortest digits that read back,
the nearest of them, without an exponent. Prints the first mismatches and
exits 1 on any."""
import random, struct, subprocess, sys
from decimal import Decimal
from fractions import Fraction

F32 = dict(bits=32, frac=23, emax=0xff)
F64 = dict(bits=64, frac=52, emax=0x7ff)


def value_of(bits, fmt):
    """The exact Fraction a finite float's bits stand for."""
    sign = -1 if bits >> (fmt['bits'] - 1) else 1
    e = bits >> fmt['frac'] & fmt['emax']
    f = bits & ((1 << fmt['frac']) - 1)
    bias = fmt['emax'] >> 1
    if e == 0:
        return sign * Fraction(f) * Fraction(2) ** (1 - bias - fmt['frac'])
    return sign * Fraction(f | 1 << fmt['frac']) * Fraction(2) ** (e - bias - fmt['frac'])


def round_to(x, fmt):
    """Bits of Fraction x rounded to nearest, ties to even (x finite)."""
    sign = 1 << (fmt['bits'] - 1) if x < 0 else 0
    x = abs(x)
    if x == 0:
        return sign
    bias = fmt['emax'] >> 1
    p = fmt['frac'] + 1
    # Exponent of the unit in the last place for x.
    e = x.numerator.bit_length() - x.denominator.bit_length()
    if Fraction(2) ** e > x:
        e -= 1
    unit_exp = max(e - (p - 1), 1 - bias - fmt['frac'])
    scaled = x / Fraction(2) ** unit_exp
    m = scaled.numerator // scaled.denominator
    rest = scaled - m
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and m & 1):
        m += 1
    if m >> p:
        m >>= 1
        unit_exp += 1
    if m >> (p - 1):
        field = unit_exp + fmt['frac'] + bias
        if field >= fmt['emax']:
            return sign | fmt['emax'] << fmt['frac']
        return sign | field << fmt['frac'] | (m & ((1 << fmt['frac']) - 1))
    return sign | m


def layout(negative, digits, point):
    """Rust's Display of 0.DIGITS * 10^point."""
    if point <= 0:
        text = '0.' + '0' * -point + digits
    elif point >= len(digits):
        text = digits + '0' * (point - len(digits))
    else:
        text = digits[:point] + '.' + digits[point:]
    return ('-' if negative else '') + text


def shortest(bits, fmt):
    x = value_of(bits, fmt)
    negative = bits >> (fmt['bits'] - 1) == 1
    if x == 0:
        return '-0' if negative else '0'
    a = abs(x)
    for p in range(1, 20):
        # The nearest p-digit decimal and its two neighbours.
        exp10 = 0  # a lies in [10^(exp10 - 1), 10^exp10)
        while Fraction(10) ** exp10 <= a:
            exp10 += 1
        while Fraction(10) ** (exp10 - 1) > a:
            exp10 -= 1
        best = None
        for k in (exp10 - 1, exp10, exp10 + 1):
            scale = Fraction(10) ** (k - p)
            n = a / scale
            base = n.numerator // n.denominator
            for m in (base - 1, base, base + 1, base + 2):
                if m <= 0 or len(str(m)) != p:
                    continue
                c = m * scale
                if round_to(c, fmt) & ~(1 << (fmt['bits'] - 1)) != bits & ~(1 << (fmt['bits'] - 1)):
                    continue
                key = (abs(c - a), m & 1)
                if best is None or key < best[0]:
                    best = (key, m, k)
        if best:
            digits = str(best[1]).rstrip('0')
            return layout(negative, digits, best[2])
    raise AssertionError('no shortest form')


def formatted(bits, fmt):
    e = bits >> fmt['frac'] & fmt['emax']
    f = bits & ((1 << fmt['frac']) - 1)
    negative = bits >> (fmt['bits'] - 1) == 1
    if e == fmt['emax']:
        return 'NaN' if f else ('-inf' if negative else 'inf')
    return shortest(bits, fmt)


def parsed(text, fmt):
    body = text.lstrip('+-')
    negative = text.startswith('-')
    sign = 1 << (fmt['bits'] - 1) if negative else 0
    if body.lower() in ('inf', 'infinity'):
        return sign | fmt['emax'] << fmt['frac']
    if body.lower() == 'nan':
        return sign | fmt['emax'] << fmt['frac'] | 1 << (fmt['frac'] - 1)
    return sign | round_to(Fraction(Decimal(body)), fmt)


def decimal_text(x):
    """The exact decimal expansion of a dyadic Fraction."""
    n, k = x.numerator, 0
    den = x.denominator
    while den % 10 == 0:
        den //= 10
        k += 1
    while den != 1:
        n *= 5 if den % 2 == 0 else 2
        den //= 2 if den % 2 == 0 else 5
        k += 1
    s = str(n).rjust(k + 1, '0')
    return s[:len(s) - k] + ('.' + s[len(s) - k:] if k else '')


def cases(rng):
    out = []
    for fmt, kind in ((F64, 'f64'), (F32, 'f32')):
        for bits in [0, 1, 2, fmt['emax'] << fmt['frac'], (fmt['emax'] << fmt['frac']) - 1, 1 << fmt['frac'],
                     (1 << fmt['frac']) - 1, 1 << (fmt['bits'] - 1)]:
            out.append((kind, bits))
        for _ in range(300):
            out.append((kind, rng.getrandbits(fmt['bits'])))
        for _ in range(60):  # ordinary-looking numbers
            x = Fraction(rng.randrange(1, 10 ** 6), 10 ** rng.randrange(0, 8))
            out.append((kind, round_to(x, fmt)))
    texts = ['0', '-0', '+1.5', '.5', '5.', '1e400', '1e-400', '4.9e-324', '2.4703282292062328e-324',
             '2.4703282292062327e-324', '9007199254740993', '1.7976931348623157e308', '1.7976931348623159e308',
             'inf', '-Infinity', 'NaN', '0.000001', '123456789012345678901234567890', '3.4028235e38',
             '3.4028236e38', '1.4e-45', '7.006e-46', '7.0064923216240854e-46', '16777217', '0e99999999999',
             '1' + '0' * 900, '0.' + '0' * 900 + '1']
    for _ in range(200):
        digits = ''.join(rng.choice('0123456789') for _ in range(rng.randrange(1, 25)))
        point = rng.randrange(0, len(digits) + 1)
        body = digits[:point] + '.' + digits[point:] if rng.random() < 0.6 else digits
        if body == '.':
            body = '0'
        if rng.random() < 0.7:
            body += rng.choice('eE') + rng.choice(['', '+', '-']) + str(rng.randrange(0, 330))
        texts.append(rng.choice(['', '-', '+']) + body)
    for fmt, kind in ((F64, 'p64'), (F32, 'p32')):
        for t in texts:
            out.append((kind, t))
        for _ in range(40):  # halfway points and their neighbours
            bits = rng.getrandbits(fmt['bits'] - 1)
            if bits >> fmt['frac'] >= fmt['emax'] - 1:
                continue
            a, b = value_of(bits, fmt), value_of(bits + 1, fmt)
            mid = (a + b) / 2
            for x in (mid, mid + (b - a) / 2 ** 70, mid - (b - a) / 2 ** 70):
                t = decimal_text(x)
                out.append((kind, t))
            out.append((kind, decimal_text(mid) + '0' * 100))
    for t in ['', '.', 'e5', '1e', '1e+', '1.2.3', '1_000', ' 1', '1 ', 'infinit', 'nan1', '0x10', '--1', '+-1']:
        out.append(('p64', t))
        out.append(('p32', t))
    return out


def expected(kind, arg):
    fmt = F64 if kind[1:] == '64' else F32
    if kind[0] == 'f':
        return '%016x %s' % (arg, formatted(arg, fmt))
    try:
        bits = parsed(arg, fmt)
    except Exception:
        return 'invalid'
    if not valid_rust_float(arg):
        return 'invalid'
    return '%016x %s' % (bits, formatted(bits, fmt))


def valid_rust_float(text):
    body = text[1:] if text[:1] in '+-' else text
    if body.lower() in ('inf', 'infinity', 'nan'):
        return True
    mantissa, _, exponent = body.replace('E', 'e').partition('e')
    if 'e' in body.replace('E', 'e') and not (exponent.lstrip('+-').isdigit() and exponent[:1] in '+-0123456789'
                                             and exponent.count('+') + exponent.count('-') <= 1):
        return False
    whole, dot, frac = mantissa.partition('.')
    return (whole + frac).isdigit() and (whole == '' or whole.isdigit()) and (frac == '' or frac.isdigit())


def main():
    rng = random.Random(15)
    todo = cases(rng)
    argv = sys.argv[1:]
    for kind, arg in todo:
        argv += [kind, '%x' % arg if kind[0] == 'f' else arg]
    got = subprocess.run(argv, capture_output=True, text=True, check=True).stdout.splitlines()
    bad = 0
    for (kind, arg), line in zip(todo, got):
        want = expected(kind, arg)
        if line != want:
            bad += 1
            if bad <= 10:
                print('MISMATCH %s %r: got %r, expected %r' % (kind, arg if len(str(arg)) < 80 else str(arg)[:80] + '...',
                                                               line, want))
    if len(got) != len(todo):
        print('MISMATCH: %d lines for %d cases' % (len(got), len(todo)))
        bad += 1
    print('float-text: %d cases, %d mismatches' % (len(todo), bad))
    sys.exit(1 if bad else 0)


main()
