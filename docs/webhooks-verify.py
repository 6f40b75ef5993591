#!/usr/bin/env python3
"""Checks a Gazette webhook delivery's signature.

Usage: webhooks-verify.py SECRET SIGNATURE_HEADER < raw_body

SECRET is the subscription's secret (whsec_...), SIGNATURE_HEADER the value of the
Gazette-Signature header ("t=<unix seconds>,v1=<hex>"), and the raw body comes on standard input,
byte for byte as received (parse the JSON only after it verifies). Prints "valid" and exits 0, or
prints why not and exits 1. The timestamp must be within five minutes of this machine's clock, so
an old delivery captured on the way cannot be replayed.
"""
from __future__ import annotations

import hashlib
import hmac
import sys
import time

TOLERANCE_SECONDS = 300


def verify(secret: str, header: str, body: bytes, now: float, tolerance: int = TOLERANCE_SECONDS) -> str | None:
    """None when the signature is good, otherwise the reason it is not."""
    pairs = [part.strip().split("=", 1) for part in header.split(",")]
    fields = [(pair[0], pair[1]) for pair in pairs if len(pair) == 2]
    stamps = [value for key, value in fields if key == "t"]
    if len(stamps) != 1 or not stamps[0].isdigit():
        return "no timestamp in the header"
    timestamp = int(stamps[0])
    if abs(now - timestamp) > tolerance:
        return "the timestamp is too far from now"
    signed = stamps[0].encode("ascii") + b"." + body
    expected = hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()
    # Several v1 values may be sent while a secret is being replaced; one match is enough.
    if any(hmac.compare_digest(expected, value) for key, value in fields if key == "v1"):
        return None
    return "the signature does not match"


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    secret, header = sys.argv[1], sys.argv[2]
    body = sys.stdin.buffer.read()
    problem = verify(secret, header, body, time.time())
    if problem:
        print(f"invalid: {problem}")
        return 1
    print("valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
