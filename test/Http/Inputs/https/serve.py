#!/usr/bin/env python3
"""serve.py CERTDIR NAME [OPTION] -- CLIENT...: runs CLIENT with
TARGET=localhost:PORT in its environment, PORT that of a local HTTPS server
(Python's ssl module) presenting CERTDIR/NAME.pem and answering GET /hello.
OPTION: --tls13-only refuses the TLS 1.2 BearSSL speaks (with a
protocol_version alert); --cbc-only offers only a CBC suite, which the
client does not (handshake_failure); --plain serves plain HTTP (not TLS). Prints the client's output, the server names the client sent
(SNI) and its exit status."""
import http.server
import os
import ssl
import subprocess
import sys
import threading

separator = sys.argv.index("--")
certs, name = sys.argv[1], sys.argv[2]
options = sys.argv[3:separator]
client = sys.argv[separator + 1:]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b"hello over tls\n" if self.path == "/hello" else b"no\n"
        self.send_response(200 if self.path == "/hello" else 404)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(os.path.join(certs, name + ".pem"), os.path.join(certs, name + ".key"))
server_names = []
context.sni_callback = lambda sock, server_name, ctx: server_names.append(server_name) and None
if "--tls13-only" in options:
    context.minimum_version = ssl.TLSVersion.TLSv1_3
if "--cbc-only" in options:
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers("ECDHE-RSA-AES128-SHA")


class Server(http.server.HTTPServer):
    def get_request(self):
        sock, address = self.socket.accept()
        if "--plain" in options:
            return sock, address
        return context.wrap_socket(sock, server_side=True), address

    def handle_error(self, request, client_address):
        pass  # the handshakes the client refuses


server = Server(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
env = {"TARGET": "localhost:%d" % server.server_address[1]}
out = subprocess.run(client, env=env, capture_output=True, timeout=120)
sys.stdout.write(out.stdout.decode())
sys.stdout.write(out.stderr.decode())
print("sni %s" % " ".join(str(n) for n in server_names))
print("exit %d" % out.returncode)
server.shutdown()
