// A JavaScript wasi:cli/run: console.log goes through wasi:cli/stdout, and
// every component componentize-js makes imports wasi:http/types and
// wasi:http/outgoing-handler (for fetch), used or not.
export const run = {
  run() {
    console.log("hello from JS");
    const squares = [1, 2, 3, 4].map((n) => n * n);
    console.log(`squares ${squares.join(",")} sum ${squares.reduce((a, b) => a + b, 0)}`);
    console.log(JSON.stringify({ text: "héllo", nested: { ok: true } }));
  },
};
