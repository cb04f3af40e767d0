// bench/run's JavaScript hello handler (componentize-js, StarlingMonkey's
// fetch event): every request gets the same small text response.
addEventListener("fetch", (event) =>
  event.respondWith(new Response("hello from JS\n", { headers: { "content-type": "text/plain" } })),
);
