"""Hostile XML and text: DOCTYPEs (billion laughs, XXE of every kind) are refused without being
read further, the commands never show a traceback, uploads leave no temporary file behind,
control characters never break a publication, exports neutralise formulas."""

import http.server
import io
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from iati_publisher import xmlsafe
from iati_publisher.importer import uploads
from iati_publisher.validation import validate_file

from .helpers import activities_file, activity_xml

# the validator reads the codelists from the database (the one store the editor reads)
pytestmark = pytest.mark.django_db

SECRET = "TOP-SECRET-MARKER-7731"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol9;</iati-identifier>
</iati-activity></iati-activities>
"""


def _xxe_files(tmp_path, port):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "file://{secret}">')
    return {
        "general": f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<iati-activities version='2.03'><iati-activity>"
        "<iati-identifier>&xxe;</iati-identifier></iati-activity></iati-activities>",
        "parameter": f'<!DOCTYPE x [<!ENTITY % p SYSTEM "file://{dtd}"> %p;]>'
        "<iati-activities version='2.03'><iati-activity>"
        "<iati-identifier>&leak;</iati-identifier></iati-activity></iati-activities>",
        "http": f'<!DOCTYPE x SYSTEM "http://127.0.0.1:{port}/evil.dtd">'
        "<iati-activities version='2.03'/>",
        "http-entity": f'<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:{port}/e">]>'
        "<iati-activities version='2.03'><iati-activity>"
        "<iati-identifier>&e;</iati-identifier></iati-activity></iati-activities>",
        "plain-doctype": "<!-- a comment first -->\n<!DOCTYPE iati-activities>"
        "<iati-activities version='2.03'/>",
    }


@pytest.fixture
def counting_server():
    """A local HTTP server that counts the requests it receives (it must receive none)."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY leak "from-http">')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()


def test_every_doctype_is_refused_by_the_validator_without_reading_anything(
    tmp_path, counting_server
):
    port, hits = counting_server
    cases = {"billion-laughs": BILLION_LAUGHS, **_xxe_files(tmp_path, port)}
    for name, text in cases.items():
        path = tmp_path / f"{name}.xml"
        path.write_text(text)
        report = validate_file(path)
        assert report.fatal is not None, name
        assert report.exit_status == 2
        assert "DOCTYPE" in report.fatal.message
        assert SECRET not in report.fatal.message
    assert hits == []


def test_a_utf16_doctype_is_refused_too(tmp_path):
    path = tmp_path / "utf16.xml"
    path.write_bytes(BILLION_LAUGHS.replace('<?xml version="1.0"?>', "").encode("utf-16"))
    assert xmlsafe.prolog_has_doctype(path.open("rb"))[0]
    assert validate_file(path).exit_status == 2


def test_the_prolog_check_reads_only_the_prolog():
    handle = io.BytesIO(b'<?xml version="1.0"?>\n<!-- x -->\n<iati-activities>' + b"x" * 10**6)
    assert xmlsafe.prolog_has_doctype(handle) == (False, 3)
    assert handle.tell() == 0


def test_validate_iati_never_shows_a_traceback(tmp_path, capsys):
    path = tmp_path / "laughs.xml"
    path.write_text(BILLION_LAUGHS)
    with pytest.raises(SystemExit) as exit_info:
        call_command("validate_iati", str(path), "--lang", "en")
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "DOCTYPE" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as exit_info:
        call_command("validate_iati", str(tmp_path / "missing.xml"), "--lang", "en")
    assert exit_info.value.code == 2


def test_codelist_loading_refuses_a_doctype(tmp_path, db):
    from django.core.management.base import CommandError

    (tmp_path / "Evil.xml").write_text(BILLION_LAUGHS)
    with pytest.raises(CommandError, match="DOCTYPE"):
        call_command("load_iati_codelists", "--path", str(tmp_path))


def test_an_upload_with_a_doctype_is_refused_clearly_and_leaves_no_file(
    client, superuser, tmp_path, counting_server
):
    port, hits = counting_server
    client.force_login(superuser)
    before = set(uploads.stored_names())
    for name, text in {"laughs": BILLION_LAUGHS, **_xxe_files(tmp_path, port)}.items():
        upload = SimpleUploadedFile(f"{name}.xml", text.encode())
        response = client.post(
            reverse("iati_import:upload"), {"kind": "xml", "file": upload}, follow=True
        )  # the preview job refuses it: its page says why
        assert response.status_code == 200, name
        assert "DOCTYPE" in response.content.decode()
        assert SECRET not in response.content.decode()
    assert set(uploads.stored_names()) == before
    assert hits == []


def test_a_nul_byte_in_an_organisation_reference_is_a_clear_400(client):
    """Refused before any query (``accounts.middleware.BadInputMiddleware``), never a 500."""
    for url in ("/iati/XM%00DAC/activities.xml", "/iati/XM%00DAC/organisation.xml"):
        response = client.get(url)
        assert response.status_code == 400
        assert "caractères de contrôle" in response.content.decode()


def test_control_characters_are_removed_on_save_and_never_break_a_publication(
    valid_activity, media_root
):
    from iati_publisher import publication
    from iati_publisher.validation import validate_file as validate

    valid_activity.title_fr = "Titre\x0bavec saut\x00"
    valid_activity.save()
    valid_activity.refresh_from_db()
    assert valid_activity.title_fr == "Titreavec saut"
    location = valid_activity.locations.first()
    location.name_fr = "Mopti\x0c"
    location.save()
    location.refresh_from_db()
    assert location.name_fr == "Mopti"
    publication.regenerate()
    path = publication.publication_dir() / publication.ALL_ACTIVITIES
    assert validate(path).fatal is None


def test_the_prefilled_template_neutralises_formulas(client, superuser, valid_activity):
    valid_activity.title_fr = '=HYPERLINK("http://evil.example","clic")'
    valid_activity.title_en = "\t=1+1"
    valid_activity.save()
    client.force_login(superuser)
    response = client.get(reverse("iati_import:template") + "?prefill=1")
    sheet = load_workbook(io.BytesIO(response.content))["Activities"]
    values = [cell.value for row in sheet.iter_rows(min_row=3) for cell in row]
    assert "'" + valid_activity.title_fr in values
    assert not any(isinstance(v, str) and v.startswith(("=", "\t")) for v in values)


def test_the_validation_report_changes_nothing_on_get(client, superuser, valid_activity):
    from iati_publisher.models import ActivityCheck

    ActivityCheck.objects.all().delete()
    client.force_login(superuser)
    url = reverse("iati_report:index")
    assert client.get(url).status_code == 200
    assert not ActivityCheck.objects.exists()
    response = client.post(url)
    assert response.status_code == 302
    assert ActivityCheck.objects.filter(activity=valid_activity).exists()


def test_a_huge_spreadsheet_is_refused_before_parsing(tmp_path):
    import zipfile

    from iati_publisher.spreadsheet_import import preview_workbook

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (210 * 1024 * 1024))
    plan, [problem] = preview_workbook(path)
    assert plan is None
    assert problem.params == {"limit": 200}
    assert "200 MB" in problem.message_in("en") and "200 Mo" in problem.message_in("fr")


def test_activities_file_helper_is_still_valid(tmp_path):
    assert validate_file(activities_file(tmp_path, activity_xml())).fatal is None
