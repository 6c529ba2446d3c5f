"""The official IATI 2.03 XML schemas, loaded once."""

from functools import lru_cache

from lxml import etree

from .codelists import DATA_DIR

SCHEMA_DIR = DATA_DIR / "schemas" / "2.03"


@lru_cache(maxsize=2)
def schema(kind="activities"):
    """The ``XMLSchema`` for ``activities`` or ``organisations`` files."""
    name = "iati-activities-schema.xsd" if kind == "activities" else "iati-organisations-schema.xsd"
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / name)))


def xsd_errors(document, kind="activities"):
    """[(line, message)] of the XSD errors of an lxml tree or element."""
    xml_schema = schema(kind)
    if xml_schema.validate(document):
        return []
    return [(e.line, e.message) for e in xml_schema.error_log]
