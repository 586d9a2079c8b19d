#!/usr/bin/env python3
"""Parses .eml files with Python's standard `email` package and prints what a mail client would
see, as JSON: one object per file with headers (decoded), raw header names, defects, and the parts.
Usage: inspect_eml.py FILE...
"""
import email
import email.policy
import json
import sys

out = []
for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        parts.append({
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": part.get("Content-Transfer-Encoding"),
            "content": part.get_content().replace("\r\n", "\n"),
        })
    lines = raw.split(b"\r\n")
    out.append({
        "path": path,
        "subject": str(message["Subject"]),
        "from": str(message["From"]),
        "to": str(message["To"]),
        "to_address": message["To"].addresses[0].addr_spec if message["To"] else None,
        "to_display_name": message["To"].addresses[0].display_name if message["To"] else None,
        "message_id": str(message["Message-ID"]),
        "date": str(message["Date"]),
        "list_unsubscribe": str(message["List-Unsubscribe"]) if message["List-Unsubscribe"] else None,
        "list_unsubscribe_post": str(message["List-Unsubscribe-Post"]) if message["List-Unsubscribe-Post"] else None,
        "content_type": message.get_content_type(),
        "header_names": list(message.keys()),
        "defects": [type(d).__name__ for d in message.defects],
        "part_defects": [type(d).__name__ for p in message.walk() for d in p.defects],
        "long_lines": [l.decode("utf-8", "replace") for l in lines if len(l) > 78],
        "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
        "parts": parts,
    })
json.dump(out, sys.stdout, ensure_ascii=False)
