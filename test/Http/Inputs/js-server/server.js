// A JavaScript wasi:http/incoming-handler (StarlingMonkey's fetch event):
// GET / says hello, POST /echo returns the body, /trap throws (the engine
// answers 500), anything else is a 404.
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
  if (url.pathname === "/trap") {
    throw new Error("boom");
  }
  return new Response("not found\n", { status: 404 });
}
