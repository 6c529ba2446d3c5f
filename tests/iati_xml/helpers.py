"""Hand-made IATI 2.03 files for the validator and importer tests."""

from pathlib import Path

from django.conf import settings


def _shared_iati():
    """The team's shared IATI reference folder: ``shared/iati`` beside the checkout (CI, the
    lead's /work/main) or beside a worktree's parent (/work/wt/<name>)."""
    for folder in Path(settings.BASE_DIR).resolve().parents:
        candidate = folder / "shared" / "iati"
        if candidate.is_dir():
            return candidate
    return Path(settings.BASE_DIR).parent / "shared" / "iati"


SHARED = _shared_iati()
SAMPLES = SHARED / "samples"
SCHEMA_TESTS = SHARED / "schema-tests"
IOM_MALI = SAMPLES / "real-world" / "iom-mali-activities-extract.xml"

ACTIVITY = """<iati-activity xml:lang="fr" default-currency="XOF" last-updated-datetime="2024-01-15T10:00:00Z">
  <iati-identifier>{ident}</iati-identifier>
  <reporting-org ref="XM-DAC-7" type="10">
   <narrative>Pays-Bas</narrative>
   <narrative xml:lang="en">Netherlands</narrative>
  </reporting-org>
  <title>
   <narrative>Santé maternelle à Mopti</narrative>
   <narrative xml:lang="en">Maternal health in Mopti</narrative>
  </title>
  <description type="1">
   <narrative>Appui aux centres de santé communautaires.</narrative>
   <narrative xml:lang="en">Support to community health centres.</narrative>
  </description>
  <participating-org ref="XM-DAC-7" role="1" type="10"><narrative>Pays-Bas</narrative></participating-org>
  <participating-org role="4" type="22"><narrative>ONG Santé Sahel</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="{planned_start}"/>
  <activity-date type="2" iso-date="2020-01-15"/>
  <activity-date type="3" iso-date="{planned_end}"/>
  <recipient-country code="ML" percentage="100"/>
  <location ref="loc-1">
   <name><narrative>Mopti</narrative><narrative xml:lang="en">Mopti town</narrative></name>
   <administrative vocabulary="A1" level="1" code="ML-5"/>
   <point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>14.4843 -4.1827</pos></point>
   <exactness code="1"/>
   <location-class code="2"/>
  </location>
  <sector vocabulary="1" code="{sector}" percentage="{pct1}"/>
  <sector vocabulary="1" code="13020" percentage="{pct2}"/>
  <budget type="1" status="1">
   <period-start iso-date="2020-01-01"/>
   <period-end iso-date="{budget_end}"/>
   <value currency="XOF" value-date="2020-01-01">1000000</value>
  </budget>
  <transaction>
   <transaction-type code="2"/>
   <transaction-date iso-date="{first_tx_date}"/>
   <value currency="EUR" value-date="2020-02-01">50000</value>
   <description><narrative>Engagement initial</narrative></description>
   <provider-org ref="XM-DAC-7"><narrative>Pays-Bas</narrative></provider-org>
   <receiver-org><narrative>ONG Santé Sahel</narrative></receiver-org>
  </transaction>
  <transaction>
   <transaction-type code="3"/>
   <transaction-date iso-date="{tx_date}"/>
   <value value-date="2020-03-01">250000.50</value>
  </transaction>
 </iati-activity>"""

DEFAULTS = {
    "ident": "XM-DAC-7-PTF-001",
    "planned_start": "2020-01-01",
    "planned_end": "2023-12-31",
    "sector": "12220",
    "pct1": "60",
    "pct2": "40",
    "budget_end": "2020-12-31",
    "tx_date": "2020-03-01",
    "first_tx_date": "2020-02-01",
}


def activity_xml(**overrides):
    return ACTIVITY.format(**{**DEFAULTS, **overrides})


def activities_file(tmp_path, *activities, version="2.03", name="activities.xml"):
    """Write an iati-activities file holding ``activities`` (XML strings); return its path."""
    body = "\n ".join(activities or (activity_xml(),))
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<iati-activities version="{version}" generated-datetime="2024-01-15T10:00:00Z">\n'
        f" {body}\n</iati-activities>\n"
    )
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path, needle):
    """1-based line number of the first line of ``path`` containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
