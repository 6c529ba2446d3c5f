"""Print the DATABASE_URL for the tests: the environment's, else local PostgreSQL when reachable.

Prints nothing (SQLite fallback) when PostgreSQL cannot be reached; the Makefile then warns.
"""

import os
import socket

url = os.environ.get("DATABASE_URL", "")
if not url:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        url = "postgres://postgres@127.0.0.1:5432/ptf"
    except OSError:
        url = ""
print(url)
