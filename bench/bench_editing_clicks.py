"""Clicks per editing task, before and after issue 14, from the Playwright journeys themselves.

Runs ``tests/browser/test_editing_journeys.py`` (Chromium, live server: the journeys of
``tests/browser/journeys.py``, whose ``Clicks`` counter writes ``test-results/editing/
clicks.json``) and the admin home panel's query-count test, then prints the table of clicks
per task (before: the figures observed when issue 14 was filed) and the panel's SQL at two
sizes. Same rules as the tests: typing is not counted, signing in is not part of a task.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ptf_bench .venv/bin/python bench/bench_editing_clicks.py

A click count does not depend on the machine; the load average is printed for the record.
"""

import json
import os
import re
import subprocess
import sys

from _common import PY, ROOT, bench_database_url

CLICKS = ROOT / "test-results" / "editing" / "clicks.json"
# task in the journeys → (label, clicks observed before issue 14)
TASKS = [
    ("edit the group page and submit", "Edit the group page and submit", "7"),
    (
        "meeting (10 members), recorded and submitted",
        "Meeting with 10 member organisations, recorded and submitted",
        "≈48 (20 for 2 organisations)",
    ),
    ("upload a document with metadata", "Upload a document with its metadata", "— (no moderation)"),
    (
        "approve (a meeting)",
        "Approve a page (the meeting), from the admin home",
        "— (no confirmation)",
    ),
    ("approve (a document)", "Approve a document, from the admin home", "— (no queue)"),
]


def main():
    env = {**os.environ, "DATABASE_URL": os.environ.get("DATABASE_URL") or bench_database_url()}
    CLICKS.unlink(missing_ok=True)
    tests = [
        "tests/browser/test_editing_journeys.py",
        "tests/groups/test_my_group_panel.py::test_panel_query_count_is_constant",
    ]
    run = subprocess.run(
        [PY, "-m", "pytest", *tests, "-q", "-s", "-p", "no:cacheprovider"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if run.returncode != 0:
        print(run.stdout[-4000:], run.stderr[-2000:], sep="\n")
        sys.exit(run.returncode)
    after = json.loads(CLICKS.read_text())
    print(f"load average: {os.getloadavg()[0]:.2f} (clicks do not depend on it)\n")
    print(f"{'task':64} {'before':>30} {'after':>6}")
    for key, label, before in TASKS:
        print(f"{label:64} {before:>30} {after[key]['clicks']:>6}")
    panel = re.search(r"Mon groupe panel SQL: (.*)", run.stdout)
    print(f"\nadmin home 'Mon groupe' panel, SQL queries: {panel.group(1) if panel else '?'}")


if __name__ == "__main__":
    main()
