# Writes a module of N chained functions for test/tools/wasi-component
# (partition-stream-default.test): $fI(x) = $fI+1(x + I), each with ~200
# bytes of arithmetic that leaves its value unchanged; the run prints
# "sum " and $f0(1) = 1 + 0 + 1 + ... + (N - 1).
import sys

count = int(sys.argv[1])
out = []
out.append('(module')
out.append('  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))')
out.append('  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"')
out.append('    (func $write (param i32 i32 i32 i32)))')
out.append('  (memory (export "memory") 1)')
out.append('  (data (i32.const 16) "sum ")')
for i in range(count):
    # ~200 bytes of code: x + I mixed with constants and unmixed, then the next call.
    body = ['(local $a i32) (local $b i32)',
            '(local.set $a (i32.add (local.get 0) (i32.const %d)))' % i]
    for k in range(8):
        body.append('(local.set $b (i32.xor (i32.add (local.get $a) (i32.const %d)) (i32.const %d)))' % (k + 1, k * 3))
        body.append('(local.set $a (i32.sub (i32.add (local.get $a) (local.get $b)) (local.get $b)))')
    nxt = '(call $f%d (local.get $a))' % (i + 1) if i + 1 < count else '(local.get $a)'
    out.append('  (func $f%d (param i32) (result i32) %s %s)' % (i, ' '.join(body), nxt))
out.append('''  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $n i32) (local $at i32)
    (local.set $n (call $f0 (i32.const 1)))
    ;; the decimal digits of $n after "sum ", from the right
    (local.set $at (i32.const 40))
    (i32.store8 (i32.const 40) (i32.const 10))
    (loop $digits
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digits (local.get $n)))
    (memory.copy (i32.sub (local.get $at) (i32.const 4)) (i32.const 16) (i32.const 4))
    (call $write (call $get-stdout) (i32.sub (local.get $at) (i32.const 4))
                 (i32.sub (i32.const 41) (i32.sub (local.get $at) (i32.const 4))) (i32.const 256))
    (i32.const 0))''')
out.append(')')
print('\n'.join(out))
