// A JavaScript wasi:http/incoming-handler (StarlingMonkey's fetch event):
// GET / says hello, POST /echo returns the body, POST /echo-stream pipes
// the request's body stream back, GET /stream streams 20 MiB from a
// ReadableStream (serve.py's pattern: 64 KiB pieces, each its index as a
// u32 LE then bytes j & 0xff), /trap throws (the engine answers 500),
// anything else is a 404.
addEventListener("fetch", (event) => event.respondWith(handle(event.request)));

async function handle(request) {
  const url = new URL(request.url);
  if (url.pathname === "/") {
    return new Response("hello from JS\n", { headers: { "content-type": "text/plain", "x-js": "yes" } });
  }
  if (url.pathname === "/echo" && request.method === "POST") {
    const body = await request.text();
    return new Response(body, { headers: { "x-length": String(body.length) } });
  }
  if (url.pathname === "/echo-stream" && request.method === "POST") {
    return new Response(request.body);
  }
  if (url.pathname === "/stream") {
    const base = new Uint8Array(65536);
    for (let j = 0; j < base.length; j++) base[j] = j & 0xff;
    let index = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (index === 320) {
          controller.close();
          return;
        }
        const piece = base.slice();
        new DataView(piece.buffer).setUint32(0, index++, true);
        controller.enqueue(piece);
      },
    });
    return new Response(body, { headers: { "content-type": "application/octet-stream" } });
  }
  if (url.pathname === "/trap") {
    throw new Error("boom");
  }
  return new Response("not found\n", { status: 404 });
}
