"""The local HTTP servers wasi-testsuite's http client tests talk to.

A test's spec names servers ("servers": [{"name", "endpoints", "kind"}]);
each is started here on a free port of 127.0.0.1 and its HOST:PORT given to
the test as HTTP_SERVER_<NAME>. A server answers each endpoint
(method, path) as the spec says, closing the connection after each reply:

    response {status, headers, body}        that response
    response {..., chunks, trailers}        a chunked body, then the trailers
    mode "echo-body"                        200 with the request's body
    mode "echo-headers"                     200 with x-request-method,
                                            x-request-path, x-echo-<name> for
                                            each request header and
                                            x-trailer-<name> for each trailer
and 404 to anything else. A "closed" server is an address nothing listens on.
"""
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # chunked bodies and trailers

    def log_message(self, *args):
        pass

    def _body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            data, trailers = b"", {}
            while True:
                size_line = self.rfile.readline()
                if not size_line:
                    return data, trailers
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    break
                data += self.rfile.read(size)
                self.rfile.readline()
            while True:
                line = self.rfile.readline()
                if not line.strip():
                    return data, trailers
                name, _, value = line.decode("latin-1").partition(":")
                trailers[name.strip().lower()] = value.strip()
        length = int(self.headers.get("Content-Length") or 0)
        return (self.rfile.read(length) if length else b""), {}

    def _answer(self, status, headers, body=b"", chunks=None, trailers=None):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if chunks is None:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Transfer-Encoding", "chunked")
            if trailers:
                self.send_header("Trailer", ", ".join(trailers))
        self.send_header("Connection", "close")
        self.close_connection = True
        self.end_headers()
        if self.command == "HEAD":
            return
        if chunks is None:
            self.wfile.write(body)
            return
        for chunk in chunks:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n")
        for name, value in (trailers or {}).items():
            self.wfile.write(f"{name}: {value}\r\n".encode())
        self.wfile.write(b"\r\n")

    def _serve(self):
        body, trailers = self._body()
        endpoint = self.server.routes.get((self.command, self.path))
        if endpoint is None:
            return self._answer(404, [])
        mode = endpoint.get("mode", "static")
        if mode == "echo-body":
            return self._answer(200, [], body)
        if mode == "echo-headers":
            echoed = [("x-request-method", self.command), ("x-request-path", self.path)]
            for name in dict.fromkeys(k.lower() for k in self.headers.keys()):
                echoed += [("x-echo-" + name, v) for v in self.headers.get_all(name, [])]
            echoed += [("x-trailer-" + k, v) for k, v in trailers.items()]
            return self._answer(200, echoed)
        response = endpoint.get("response", {})
        if isinstance(response, str):
            response = {"body": response}
        headers = list(response.get("headers", {}).items())
        if response.get("chunks") is not None:
            return self._answer(response.get("status", 200), headers,
                                chunks=[c.encode() for c in response["chunks"]], trailers=response.get("trailers", {}))
        return self._answer(response.get("status", 200), headers, response.get("body", "").encode())

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _serve


class Endpoints:
    """Starts a spec's servers; `env` maps HTTP_SERVER_<NAME> to HOST:PORT."""

    def __init__(self, servers):
        self.env, self._servers = {}, []
        for spec in servers:
            var = "HTTP_SERVER_" + spec["name"].upper()
            if spec.get("kind") == "closed":
                with socket.socket() as s:
                    s.bind(("127.0.0.1", 0))
                    self.env[var] = "127.0.0.1:%d" % s.getsockname()[1]
                continue
            server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
            server.daemon_threads = True
            server.routes = {(e.get("method", "GET"), e.get("path", "/")): e for e in spec.get("endpoints", [])}
            self.env[var] = "127.0.0.1:%d" % server.server_address[1]
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self._servers.append(server)

    def close(self):
        for server in self._servers:
            server.shutdown()
            server.server_close()
