#!/usr/bin/env python3
"""Prints an access token (HS256 JWT, 30 minutes) for a subject such as `staff:500`,
signed with the bench JWT secret, for agents the bench desk gives no password.

    scripts/bench/mint-token.py staff:500 [secret] [issuer]
"""
import base64, hashlib, hmac, json, sys, time, uuid

subject = sys.argv[1]
secret = sys.argv[2] if len(sys.argv) > 2 else "oxticket-bench-fixed-secret-0123456789abcdef"
issuer = sys.argv[3] if len(sys.argv) > 3 else "oxticket"


def part(value: dict) -> bytes:
    raw = json.dumps(value, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=")


now = int(time.time())
claims = {"sub": subject, "iat": now, "exp": now + 1800, "jti": str(uuid.uuid4()), "iss": issuer}
signing_input = part({"alg": "HS256", "typ": "JWT"}) + b"." + part(claims)
signature = hmac.new(secret.encode(), signing_input, hashlib.sha256).digest()
print((signing_input + b"." + base64.urlsafe_b64encode(signature).rstrip(b"=")).decode())
