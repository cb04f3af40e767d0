#!/usr/bin/env python3
"""certs.py DIR: the certificates https.test needs, made fresh with the
openssl command (a missing openssl fails the test):
  ca.pem                 a test CA (EC P-256), what the client trusts
  localhost.{pem,key}    RSA-2048 server certificate for DNS:localhost, from ca
  localhost-ec.{pem,key} the same with a P-256 key (ECDHE-ECDSA suites)
  other.{pem,key}        a certificate from ca for DNS:other.example only
  rogue.{pem,key}        a certificate for DNS:localhost from rogue-ca, which
                         nobody trusts
  expired.{pem,key}      a certificate from ca for DNS:localhost that expired
"""
import os
import subprocess
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def openssl(*args):
    subprocess.run(["openssl", *args], cwd=out, check=True, capture_output=True)


def ca(name):
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", name + ".key")
    with open(os.path.join(out, name + ".cnf"), "w") as f:
        f.write("[req]\ndistinguished_name=dn\nx509_extensions=ext\n[dn]\n"
                "[ext]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
                "subjectKeyIdentifier=hash\n")
    openssl("req", "-new", "-x509", "-config", name + ".cnf", "-key", name + ".key", "-subj",
            "/CN=wacc test " + name, "-days", "30", "-out", name + ".pem")


def leaf(name, issuer, dns, rsa=False, expired=False):
    if rsa:
        openssl("genrsa", "-out", name + ".key", "2048")
    else:
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", name + ".key")
    openssl("req", "-new", "-config", issuer + ".cnf", "-key", name + ".key", "-subj", "/CN=" + dns,
            "-out", name + ".csr")
    with open(os.path.join(out, name + ".ext"), "w") as f:
        f.write("basicConstraints=critical,CA:FALSE\nsubjectAltName=DNS:%s\n"
                "extendedKeyUsage=serverAuth\n" % dns)
    # `x509 -req` cannot backdate (-not_before needs OpenSSL 3.4): the
    # expired one is signed by `openssl ca`, which takes both dates.
    if expired:
        db = os.path.join(out, issuer + ".db")
        open(db, "w").close()
        with open(os.path.join(out, issuer + "-ca.cnf"), "w") as f:
            f.write("[ca]\ndefault_ca=c\n[c]\ndatabase=%s\nnew_certs_dir=%s\nserial=%s\n"
                    "default_md=sha256\npolicy=p\ncopy_extensions=none\n[p]\ncommonName=supplied\n"
                    % (db, out, os.path.join(out, issuer + ".srl")))
        with open(os.path.join(out, issuer + ".srl"), "w") as f:
            f.write("1000\n")
        openssl("ca", "-batch", "-config", issuer + "-ca.cnf", "-cert", issuer + ".pem", "-keyfile",
                issuer + ".key", "-in", name + ".csr", "-out", name + ".pem", "-extfile", name + ".ext",
                "-startdate", "20200101000000Z", "-enddate", "20200102000000Z", "-notext")
    else:
        openssl("x509", "-req", "-in", name + ".csr", "-CA", issuer + ".pem", "-CAkey", issuer + ".key",
                "-CAcreateserial", "-days", "30", "-extfile", name + ".ext", "-out", name + ".pem")


ca("ca")
ca("rogue-ca")
leaf("localhost", "ca", "localhost", rsa=True)
leaf("localhost-ec", "ca", "localhost")
leaf("other", "ca", "other.example")
leaf("rogue", "rogue-ca", "localhost")
leaf("expired", "ca", "localhost", expired=True)
