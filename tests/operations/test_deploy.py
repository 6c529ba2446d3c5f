"""The deployment kit: Debian's nginx accepts the site (``nginx -t``), gunicorn its config, and
the systemd units name commands that exist."""

import re
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import get_commands

from tests.conftest import skip_or_fail

DEPLOY = settings.BASE_DIR / "deploy"


def test_nginx_accepts_the_site(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not shutil.which(nginx):
        skip_or_fail("nginx not installed (apt-get install -y nginx-light)")
    openssl = shutil.which("openssl")
    certs = tmp_path / "ssl"
    certs.mkdir()
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=ptf-mali.org", "-keyout", str(certs / "privkey.pem"),
         "-out", str(certs / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (DEPLOY / "nginx" / "ptf-mali.conf").read_text()
    assert "client_max_body_size" in site and "gzip on" in site and "expires 1y" in site
    site = site.replace("/etc/ssl/ptf-mali", str(certs))
    (tmp_path / "site.conf").write_text(site)
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / folder).mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"""
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    include {tmp_path}/site.conf;
}}
"""
    )
    result = subprocess.run(
        [nginx, "-t", "-q", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
         "-e", str(tmp_path / "error.log")],
        capture_output=True, text=True,
    )  # fmt: skip
    if "-e" in result.stderr and "invalid option" in result.stderr:  # nginx < 1.19.5
        result = subprocess.run(
            [nginx, "-t", "-q", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
            capture_output=True, text=True,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_gunicorn_accepts_its_config():
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "-c",
         str(DEPLOY / "gunicorn.conf.py"), "config.wsgi"],
        cwd=settings.BASE_DIR, capture_output=True, text=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("unit", sorted(p.name for p in (DEPLOY / "systemd").iterdir()))
def test_systemd_units_run_commands_that_exist(unit):
    text = (DEPLOY / "systemd" / unit).read_text()
    commands = set(get_commands())
    named = re.findall(r"manage\.py (\w+)", text) + re.findall(r"ptf-cron@(\w+)", text)
    for command in named:
        assert command in commands, f"{unit}: unknown command {command}"
    assert "[Unit]" in text
