#!/usr/bin/env python3
"""A real SMTP server on loopback for Preglednik's mail tests (aiosmtpd).

Usage: smtp_sink.py FOLDER [--refuse ADDRESS]... [--defer ADDRESS]...

Listens on a free 127.0.0.1 port and writes that port to FOLDER/port once it accepts connections.
Each accepted message is saved as FOLDER/NNN-<recipient>.eml (bytes as received after DATA).
--refuse answers RCPT TO for that address with 550, --defer with 451. No STARTTLS is offered.
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


def main():
    args = sys.argv[1:]
    if not args:
        sys.stderr.write(__doc__)
        sys.exit(2)
    folder, refuse, defer = args[0], [], []
    rest = args[1:]
    while rest:
        option, value = rest[0], rest[1]
        (refuse if option == "--refuse" else defer).append(value)
        rest = rest[2:]
    os.makedirs(folder, exist_ok=True)
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(Sink(folder, refuse, defer), hostname="127.0.0.1", port=port)
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
