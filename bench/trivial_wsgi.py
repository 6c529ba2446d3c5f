"""The reference of bench_ops.py: a WSGI app returning fixed bytes (BENCH_BODY_FILE)."""

import os

with open(os.environ["BENCH_BODY_FILE"], "rb") as handle:
    BODY = handle.read()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
