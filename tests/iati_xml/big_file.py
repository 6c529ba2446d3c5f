"""A realistic, schema-valid IATI 2.03 activity file of any size (tests at two sizes, bench).

Each activity has French and English narratives (title, two description types, organisations,
locations, sectors), participating organisations, dates, a contact, two locations with points
and administrative areas, three sectors, a policy marker, tags, three budgets, two planned
disbursements, eight transactions (every fifth activity has its sectors on its transactions), a document link
and a result with an indicator — about 6 KB each, so ~8,500 activities make 50 MB.
Deterministic (the activity number drives every value). No SQL.
"""

from __future__ import annotations

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<iati-activities version="2.03" generated-datetime="2026-01-01T00:00:00Z">\n'
)
FOOTER = "</iati-activities>\n"
REGIONS = [("ML-1", "Kayes"), ("ML-2", "Koulikoro"), ("ML-3", "Sikasso"), ("ML-4", "Ségou"),
           ("ML-5", "Mopti"), ("ML-6", "Tombouctou"), ("ML-7", "Gao"), ("ML-8", "Kidal")]  # fmt: skip
SECTORS = ["12220", "12240", "11220", "11110", "14030", "31110", "15110", "43040", "72010"]
ORGS = [("XM-DAC-7", "10", "Pays-Bas", "Netherlands"),
        ("XM-DAC-4", "10", "France", "France"),
        ("XM-DAC-5", "10", "Allemagne", "Germany"),
        ("XM-DAC-41114", "40", "PNUD", "UNDP")]  # fmt: skip


def _n(lang, text):
    return f'<narrative xml:lang="{lang}">{text}</narrative>'


def _bi(fr, en):
    return f"<narrative>{fr}</narrative>{_n('en', en)}"


def activity(number: int, prefix: str = "BIG") -> str:
    ref, org_type, org_fr, org_en = ORGS[number % len(ORGS)]
    ident = f"{ref}-{prefix}-{number:06d}"
    year = 2018 + number % 6
    region = REGIONS[number % len(REGIONS)]
    region2 = REGIONS[(number + 3) % len(REGIONS)]
    s1, s2, s3 = (SECTORS[(number + k) % len(SECTORS)] for k in (0, 2, 5))
    amount = 100000 + (number * 7919) % 900000
    lat, lon = 11 + (number % 700) / 100, -8 + (number % 1100) / 100
    parts = [
        f'<iati-activity xml:lang="fr" default-currency="XOF" '
        f'last-updated-datetime="2025-0{1 + number % 9}-15T10:00:00Z" hierarchy="1">',
        f"<iati-identifier>{ident}</iati-identifier>",
        f'<reporting-org ref="{ref}" type="{org_type}">{_bi(org_fr, org_en)}</reporting-org>',
        f"<title>{_bi(f'Appui à la santé communautaire n° {number} à {region[1]}', f'Community health support no. {number} in {region[1]}')}</title>",
        f'<description type="1">{_bi("Renforcement des centres de santé communautaires, formation des agents et fourniture de médicaments essentiels dans les cercles de la région.", "Strengthening community health centres, training health workers and supplying essential medicines in the districts of the region.")}</description>',
        f'<description type="2">{_bi("Réduire la mortalité maternelle et infantile de 20 %.", "Reduce maternal and child mortality by 20%.")}</description>',
        f'<participating-org ref="{ref}" role="1" type="{org_type}">{_bi(org_fr, org_en)}</participating-org>',
        f'<participating-org ref="{ref}" role="3" type="{org_type}">{_bi(org_fr, org_en)}</participating-org>',
        f'<participating-org role="4" type="22">{_bi(f"ONG Santé Sahel {number % 50}", f"Sahel Health NGO {number % 50}")}</participating-org>',
        f'<activity-status code="{2 + number % 3}"/>',
        f'<activity-date type="1" iso-date="{year}-01-01"/>',
        f'<activity-date type="2" iso-date="{year}-02-15"/>',
        f'<activity-date type="3" iso-date="{year + 3}-12-31"/>',
        f'<contact-info type="1"><organisation>{_bi(org_fr, org_en)}</organisation>'
        f"<person-name>{_bi('Aminata Traoré', 'Aminata Traore')}</person-name>"
        f"<email>contact{number}@example.org</email></contact-info>",
        '<recipient-country code="ML" percentage="100"/>',
    ]
    for k, (code, name) in enumerate((region, region2)):
        parts.append(
            f'<location ref="{ident}-L{k}"><location-reach code="1"/>'
            f"<name>{_bi(name, name + ' region')}</name>"
            f"<description>{_bi('Centre de santé', 'Health centre')}</description>"
            f'<administrative vocabulary="G1" level="1" code="{code}"/>'
            f'<point srsName="http://www.opengis.net/def/crs/EPSG/0/4326">'
            f"<pos>{lat + k / 10:.4f} {lon + k / 10:.4f}</pos></point>"
            '<exactness code="1"/><location-class code="2"/>'
            '<feature-designation code="PPL"/></location>'
        )
    by_transaction = number % 5 == 0  # sectors on every transaction instead (rule 6.6.2)
    if not by_transaction:
        parts += [
            f'<sector vocabulary="1" code="{s1}" percentage="50"/>',
            f'<sector vocabulary="1" code="{s2}" percentage="33.333"/>',
            f'<sector vocabulary="1" code="{s3}" percentage="16.667"/>',
        ]
    parts += [
        f'<tag vocabulary="2" code="{1 + number % 17}">{_n("en", "SDG goal")}</tag>',
        '<policy-marker vocabulary="1" code="1" significance="1"/>',
        '<collaboration-type code="1"/>',
        '<default-flow-type code="10"/>',
        '<default-finance-type code="110"/>',
        '<default-aid-type code="C01" vocabulary="1"/>',
        '<default-tied-status code="5"/>',
    ]
    for k in range(3):
        parts.append(
            f'<budget type="1" status="{1 + k % 2}"><period-start iso-date="{year + k}-01-01"/>'
            f'<period-end iso-date="{year + k}-12-31"/>'
            f'<value currency="XOF" value-date="{year + k}-01-01">{amount * (k + 1)}</value>'
            "</budget>"
        )
    for k in range(2):
        parts.append(
            f'<planned-disbursement type="1"><period-start iso-date="{year + k}-01-01"/>'
            f'<period-end iso-date="{year + k}-06-30"/>'
            f'<value currency="XOF" value-date="{year + k}-01-01">{amount // 2}</value>'
            f'<provider-org ref="{ref}" type="{org_type}">{_bi(org_fr, org_en)}</provider-org>'
            "</planned-disbursement>"
        )
    for k in range(8):
        kind = "2" if k == 0 else ("3" if k % 2 else "4")
        sector = f'<sector vocabulary="1" code="{s1}"/>' if by_transaction else ""
        parts.append(
            f'<transaction ref="{ident}-T{k}"><transaction-type code="{kind}"/>'
            f'<transaction-date iso-date="{year}-{1 + k:02d}-10"/>'
            f'<value currency="XOF" value-date="{year}-{1 + k:02d}-10">{amount // (k + 1)}.50</value>'
            f"<description>{_bi(f'Versement {k}', f'Payment {k}')}</description>"
            f'<provider-org ref="{ref}" type="{org_type}">{_bi(org_fr, org_en)}</provider-org>'
            f"<receiver-org>{_bi('ONG Santé Sahel', 'Sahel Health NGO')}</receiver-org>"
            f'<disbursement-channel code="1"/>{sector}'
            '<flow-type code="10"/><finance-type code="110"/><aid-type code="C01"/>'
            '<tied-status code="5"/></transaction>'
        )
    parts += [
        f'<document-link format="application/pdf" url="https://example.org/docs/{ident}.pdf">'
        f"<title>{_bi('Document de projet', 'Project document')}</title>"
        '<category code="A02"/><language code="fr"/>'
        f'<document-date iso-date="{year}-01-01"/></document-link>',
        f'<result type="1" aggregation-status="1"><title>{_bi("Accès aux soins", "Access to care")}</title>'
        f'<indicator measure="1" ascending="1"><title>{_bi("Consultations prénatales", "Antenatal visits")}</title>'
        f'<baseline year="{year}" iso-date="{year}-01-01" value="{number % 90}"/>'
        f'<period><period-start iso-date="{year}-01-01"/><period-end iso-date="{year}-12-31"/>'
        f'<target value="{number % 90 + 10}"/><actual value="{number % 90 + 5}"/></period>'
        "</indicator></result>",
        "</iati-activity>",
    ]
    return "".join(parts) + "\n"


def compact_activity(number: int, prefix: str = "SMALL") -> str:
    """An activity of the size of the issue's admin file (3,000 activities in 1.9 MB, ~650
    bytes each, as aggregators' downloads often are): one narrative per text, one participating
    organisation, a date, the country, a sector and one disbursement."""
    ref, org_type, org_fr, _org_en = ORGS[number % len(ORGS)]
    year = 2018 + number % 6
    return (
        f'<iati-activity default-currency="XOF" last-updated-datetime="2025-03-01T00:00:00Z">'
        f"<iati-identifier>{ref}-{prefix}-{number:06d}</iati-identifier>"
        f'<reporting-org ref="{ref}" type="{org_type}">{_n("fr", org_fr)}</reporting-org>'
        f"<title>{_n('fr', f'Projet d’appui n° {number}')}</title>"
        f"<description>{_n('fr', 'Appui aux services sociaux de base.')}</description>"
        f'<participating-org ref="{ref}" role="1" type="{org_type}"/>'
        f'<activity-status code="2"/><activity-date type="2" iso-date="{year}-02-15"/>'
        f'<recipient-country code="ML"/><sector code="{SECTORS[number % len(SECTORS)]}"/>'
        f'<transaction><transaction-type code="3"/><transaction-date iso-date="{year}-06-30"/>'
        f'<value value-date="{year}-06-30">{100000 + number}</value></transaction>'
        "</iati-activity>\n"
    )


SHAPES = {"rich": activity, "compact": compact_activity}


def write(path, count: int, prefix: str = "BIG", shape: str = "rich") -> int:
    """Write ``count`` activities of ``shape`` to ``path``; return the file size in bytes."""
    make = SHAPES[shape]
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for number in range(1, count + 1):
            out.write(make(number, prefix))
        out.write(FOOTER)
    import os

    return os.path.getsize(path)


def write_size(path, size_mb: float, prefix: str = "BIG", shape: str = "rich") -> int:
    """Write activities until ``path`` holds about ``size_mb`` MB; return their number."""
    per = len(SHAPES[shape](1, prefix).encode())
    count = max(1, int(size_mb * 1024 * 1024 / per))
    write(path, count, prefix, shape)
    return count
