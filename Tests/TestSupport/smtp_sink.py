#!/usr/bin/env python3
"""A real SMTP server on loopback for Preglednik's mail tests (aiosmtpd).

Usage: smtp_sink.py FOLDER [--refuse ADDRESS]... [--defer ADDRESS]... [--tls starttls|implicit]
                     [--auth USER:PASSWORD]

Listens on a free 127.0.0.1 port and writes that port to FOLDER/port once it accepts connections.
Each accepted message is saved as FOLDER/NNN-<recipient>.eml (bytes as received after DATA).
--refuse answers RCPT TO for that address with 550, --defer with 451. Without --tls no STARTTLS is
offered; --tls starttls offers and requires it, --tls implicit speaks TLS from the first byte (smtps),
both with a fresh self-signed certificate for 127.0.0.1 written to FOLDER/ca.pem. --auth requires
AUTH (only over TLS) with that user and password; FOLDER/auth.log records each login attempt.
Exits when its stdin closes (the test process went away) or on SIGTERM/SIGKILL.
Exit status 3 with a message on stderr when aiosmtpd is not installed.
"""
import os
import signal
import socket
import sys
import logging
import threading

# Children started from a Swift concurrency thread inherit a blocked signal mask
# (swift-corelibs-foundation #4772); unblock so SIGTERM works.
signal.pthread_sigmask(signal.SIG_SETMASK, [])
logging.disable(logging.WARNING)  # keep stderr quiet: nobody reads it while the tests run

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
except ImportError:
    sys.stderr.write("aiosmtpd is not installed; install it with `pip install aiosmtpd` (CI does)\n")
    sys.exit(3)


class Sink:
    def __init__(self, folder, refuse, defer):
        self.folder = folder
        self.refuse = {a.lower() for a in refuse}
        self.defer = {a.lower() for a in defer}
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if address.lower() in self.defer:
            return "451 4.3.0 <%s>: Temporary local problem, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            number = self.count
        for rcpt in envelope.rcpt_tos:
            safe = "".join(c if c.isalnum() or c in "@.-_" else "_" for c in rcpt.lower())
            path = os.path.join(self.folder, "%03d-%s.eml" % (number, safe))
            with open(path + ".tmp", "wb") as f:
                f.write(envelope.original_content or envelope.content)
            os.replace(path + ".tmp", path)
        return "250 2.0.0 Ok: queued as PG%05d" % number


def self_signed(folder):
    """Writes a certificate for 127.0.0.1 (ca.pem) and its key (key.pem) with the openssl tool."""
    import ssl
    import subprocess
    cert, key = os.path.join(folder, "ca.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


class Authenticator:
    def __init__(self, folder, user, password):
        self.log = os.path.join(folder, "auth.log")
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == self.user and auth_data.password == self.password
        with open(self.log, "a") as f:
            f.write("%s %s %s\n" % (mechanism, auth_data.login.decode(errors="replace") if isinstance(auth_data, LoginPassword) else "?",
                                    "ok" if ok else "denied"))
        return AuthResult(success=ok, handled=False)  # handled=True would make aiosmtpd send no reply


def main():
    args = sys.argv[1:]
    if not args:
        sys.stderr.write(__doc__)
        sys.exit(2)
    folder, refuse, defer, tls, auth = args[0], [], [], None, None
    rest = args[1:]
    while rest:
        option, value = rest[0], rest[1]
        if option == "--refuse":
            refuse.append(value)
        elif option == "--defer":
            defer.append(value)
        elif option == "--tls":
            tls = value
        elif option == "--auth":
            auth = value.split(":", 1)
        rest = rest[2:]
    os.makedirs(folder, exist_ok=True)
    parameters = {}
    if tls:
        context = self_signed(folder)
        if tls == "implicit":
            parameters["ssl_context"] = context
        else:
            parameters.update(tls_context=context, require_starttls=True)
    if auth:
        # aiosmtpd only counts STARTTLS as TLS for auth_require_tls; implicit TLS is TLS throughout.
        parameters.update(authenticator=Authenticator(folder, *auth), auth_required=True, auth_require_tls=tls != "implicit")
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(Sink(folder, refuse, defer), hostname="127.0.0.1", port=port, **parameters)
    controller.start()
    with open(os.path.join(folder, "port.tmp"), "w") as f:
        f.write(str(port))
    os.replace(os.path.join(folder, "port.tmp"), os.path.join(folder, "port"))
    try:
        sys.stdin.read()  # returns at EOF: the parent closed the pipe or died
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
