"""Take the training modules' screenshots from the running product (``make screenshots``).

Serves the site itself on 127.0.0.1 (a thread, with static files) unless ``--base-url`` names a
server already running on this database, captures every shot of ``training.screenshots`` in
Debian's Chromium as the demo accounts, stores them in the "Formation" image collection and puts
them into the demo modules (republished, translations synchronised, handouts rebuilt).
``--language en`` captures the English admin: those images replace the French ones in the
English translations (wagtail-localize image overrides); ``make screenshots`` runs both.
"""

import threading
import time
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management.base import BaseCommand, CommandError
from django.core.wsgi import get_wsgi_application

from training import screenshots
from training.demo import attach_screenshots


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class Command(BaseCommand):
    help = "Capture the training screenshots from the running product with Chromium (Playwright)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", help="A server already running on this database.")
        parser.add_argument("--port", type=int, default=0, help="Port of the built-in server.")
        parser.add_argument("--only", nargs="*", help="Only these keys (e.g. m1-login).")
        parser.add_argument("--language", default="fr", choices=["fr", "en"])

    def handle(self, *args, base_url=None, port=0, only=None, language="fr", **options):
        plan = screenshots.prepare(only=only, language=language)
        missing = [key for key, url, _cookie, _action in plan if url is None]
        server = None
        if not base_url:
            server = make_server(
                "127.0.0.1",
                port,
                StaticFilesHandler(get_wsgi_application()),
                server_class=_Server,
                handler_class=_QuietHandler,
            )
            threading.Thread(target=server.serve_forever, daemon=True).start()
            base_url = f"http://127.0.0.1:{server.server_port}"
        started = time.perf_counter()
        result = {}

        def run():  # a thread of its own: Playwright's sync API refuses a running asyncio loop
            try:
                result["pngs"] = screenshots.capture(base_url, plan, language=language)
            except Exception as error:  # noqa: BLE001 - Chromium missing, server down…
                result["error"] = error

        worker = threading.Thread(target=run)
        worker.start()
        worker.join()
        try:
            if "error" in result:
                raise CommandError(f"Screenshots failed: {result['error']}") from result["error"]
            pngs = result["pngs"]
        finally:
            if server is not None:
                server.shutdown()
                server.server_close()
        saved = screenshots.store(pngs, language=language)
        changed = attach_screenshots()
        for key in saved:
            self.stdout.write(f"  ✓ {key}")
        for key in missing:
            self.stdout.write(
                self.style.WARNING(f"  – {key}: nothing to capture (demo data missing)")
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(saved)} screenshot(s) in {time.perf_counter() - started:.1f} s; "
                f"{len(changed)} module(s) updated."
            )
        )
