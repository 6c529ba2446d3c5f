"""Operations figures and the two-server check, in one run, on 127.0.0.1 only.

Run: .venv/bin/python bench/bench_ops.py [--seconds 5] [--connections 32]

Starts its own Redis (port 8134, stopped at the end), two app servers A (8131) and B (8132)
(gunicorn, 2 workers each, production settings, the same PostgreSQL and Redis) and the
reference, a trivial WSGI app returning the cached home page's bytes under the same gunicorn
settings (8133). Then:
1. throughput with wrk: reference, cached home page (page-cache hits), the same page uncached
   (a session cookie bypasses the cache, so Django renders it), and a GT page and the library
   with a facet uncached;
2. two servers, one truth: a page cached on B, a publication made by another process, the
   next GET on B shows it; a session opened on A is valid on B; the aid-map GeoJSON on B follows
   an unpublication;
3. Redis stopped in the middle of a run: pages keep being served (errors counted).
Exit status 1 when a check fails. DATABASE_URL: a migrated database with the demo content.
"""

import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from _common import PY, ROOT, wait_for

REDIS_PORT, A, B, REF = 8134, 8131, 8132, 8133
FAILURES = []


def check(label, ok, detail=""):
    print(f"  [{'ok' if ok else 'FAIL'}] {label}{(' — ' + detail) if detail else ''}")
    if not ok:
        FAILURES.append(label)


def env_for(redis_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def gunicorn(port, app, env):
    return subprocess.Popen(
        [PY, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--access-logfile", "/dev/null",
         "--error-logfile", str(Path(tempfile.gettempdir()) / f"bench-ops-{port}.log"), app],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip


def wrk(url, seconds, connections, headers=()):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run([*args, url], capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+(\S+)", out).group(1)
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return rps, p50, p99, int(errors.group(1)) if errors else 0, socket_errors


def get(url, cookies=None, data=None, headers=None):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        response = opener.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, dict(response.headers), response.read().decode("utf-8", "replace")


def manage_shell(env, code):
    return subprocess.run(
        [PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    options = parser.parse_args()
    if not shutil.which("wrk") or not shutil.which("redis-server"):
        sys.exit("needs wrk and redis-server (apt-get install -y wrk redis-server)")
    redis_url = f"redis://127.0.0.1:{REDIS_PORT}/0"
    env = env_for(redis_url)
    redis = subprocess.Popen(
        ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"], stdout=subprocess.DEVNULL,
    )  # fmt: skip
    if not (ROOT / "var" / "static" / "staticfiles.json").exists():
        subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env)
    processes = [gunicorn(A, "config.wsgi", env), gunicorn(B, "config.wsgi", env)]
    try:
        for port in (A, B):
            if not wait_for(f"http://127.0.0.1:{port}/healthz", 180):  # loaded machines
                sys.exit(f"app server on {port} did not start")
        status, headers, body = get(f"http://127.0.0.1:{A}/fr/")
        get(f"http://127.0.0.1:{A}/fr/")
        body_file = Path(tempfile.gettempdir()) / "bench-ops-home.html"
        body_file.write_bytes(body.encode())
        ref_env = {
            **os.environ,
            "BENCH_BODY_FILE": str(body_file),
            "PYTHONPATH": str(ROOT / "bench"),
        }
        processes.append(gunicorn(REF, "trivial_wsgi:application", ref_env))
        wait_for(f"http://127.0.0.1:{REF}/", 30)

        print(f"\nThroughput ({options.connections} connections, {options.seconds} s each, "
              "gunicorn 2 sync workers, same machine and run)")  # fmt: skip
        seconds, conns = options.seconds, options.connections
        ref = wrk(f"http://127.0.0.1:{REF}/", seconds, conns)
        rows = [("trivial WSGI app, same bytes", ref)]
        hit = wrk(f"http://127.0.0.1:{A}/fr/", seconds, conns)
        rows.append(("home page, page-cache hit", hit))
        bypass = ["Cookie: sessionid=bench-anonymous"]
        rows.append(
            ("home page, uncached", wrk(f"http://127.0.0.1:{A}/fr/", seconds, conns, bypass))
        )
        for label, path in (
            ("GT page, uncached", "/fr/groupes-thematiques/sante/"),
            ("library with a facet, uncached", "/fr/bibliotheque/?type=rapport"),
            ("IATI activities.xml", "/iati/activities.xml"),
        ):
            rows.append((label, wrk(f"http://127.0.0.1:{A}{path}", seconds, conns, bypass)))
        for label, (rps, p50, p99, errors, sock) in rows:
            print(f"  {label:34} {rps:8.0f} req/s  p50 {p50:>8}  p99 {p99:>8}  non-2xx {errors}"
                  f"{'  socket ' + sock.group(1) if sock else ''}")  # fmt: skip
        print(f"  cached home page = {100 * hit[0] / ref[0]:.0f} % of the trivial app's req/s")

        print("\nTwo app servers, one Redis, one PostgreSQL")
        url_b = f"http://127.0.0.1:{B}/fr/"
        get(url_b)
        _, headers, _ = get(url_b)
        check("B serves the home page from the page cache", headers.get("X-Page-Cache") == "hit")
        marker = f"Bench {int(time.time())}"
        result = manage_shell(env, (
            "from home.models import StandardPage\n"
            "p = StandardPage.objects.live().filter(locale__language_code='fr', show_in_menus=True).first()\n"
            f"p.title = {marker!r}\n"
            "p.save_revision().publish()\n"
        ))  # fmt: skip
        check("a third process publishes a page", result.returncode == 0, result.stderr[-300:])
        _, headers, body = get(url_b)
        check("B shows the publication at the next GET (menu, page cache)",
              marker in body and headers.get("X-Page-Cache") == "miss")  # fmt: skip

        jar = http.cookiejar.CookieJar()
        _, _, login = get(f"http://127.0.0.1:{A}/admin/login/", jar)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": "admin", "password": "demo-ptf-2026",
             "next": "/admin/"}
        ).encode()  # fmt: skip
        get(f"http://127.0.0.1:{A}/admin/login/", jar, form,
            {"Referer": f"http://127.0.0.1:{A}/admin/login/"})  # fmt: skip
        session = next((c.value for c in jar if c.name == "sessionid"), None)
        status, _, body = get(
            f"http://127.0.0.1:{B}/admin/", headers={"Cookie": f"sessionid={session}"}
        )
        check("a session opened on A is valid on B", bool(session) and status == 200
              and "login" not in body[:2000].lower().split("<title>")[-1][:40])  # fmt: skip

        geo = f"http://127.0.0.1:{B}/api/aid/locations.geojson"
        before = get(geo)[2].count('"Feature"')
        result = manage_shell(env, (
            "from iati_publisher.models import Activity\n"
            "a = Activity.objects.filter(live=True).order_by('pk').first()\n"
            "a.unpublish()\n"
            "print(a.pk)\n"
        ))  # fmt: skip
        after = get(geo)[2].count('"Feature"')
        check("B's aid-map GeoJSON follows an unpublication made elsewhere",
              result.returncode == 0 and after < before, f"{before} → {after} features")  # fmt: skip
        manage_shell(env, (
            "from iati_publisher.models import Activity\n"
            f"Activity.objects.get(pk={result.stdout.strip() or 0}).save_revision().publish()\n"
        ))  # fmt: skip

        print("\nRedis stopped in the middle of a run")
        run = subprocess.Popen(
            ["wrk", "-t2", f"-c{conns}", f"-d{2 * seconds}s", f"http://127.0.0.1:{B}/fr/"],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(seconds / 2)
        redis.send_signal(signal.SIGTERM)
        redis.wait(10)
        out = run.communicate()[0]
        rps = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        check("pages keep being served with Redis down", errors is None,
              f"{rps} req/s over the run, non-2xx {errors.group(1) if errors else 0}")  # fmt: skip
        status, _, _ = get(url_b)
        health = get(f"http://127.0.0.1:{B}/healthz")
        check("home 200 and /healthz degraded (200) without Redis",
              status == 200 and health[0] == 200 and '"degraded"' in health[2])  # fmt: skip
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(20)
        if redis.poll() is None:
            redis.terminate()
            redis.wait(10)
    print(f"\n{len(FAILURES)} check(s) failed" if FAILURES else "\nall checks passed")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
