"""THE way to parse XML that comes from outside (IATI files, codelists): no DTD, no entities.

Every parser of the IATI publisher goes through this module:

- :func:`refuse_doctype` reads the prolog of a file (XML declaration, comments, processing
  instructions — the bytes before the root element, in UTF-8/ASCII or UTF-16 with a BOM) and
  raises :class:`UnsafeXML` when it holds a ``<!DOCTYPE``: IATI files never need one, and a
  DOCTYPE is how billion-laughs (entity expansion) and XXE (external general, parameter or
  ``http://`` entities) attacks start. Nothing after the prolog is read, so the check costs a
  few kilobytes of I/O whatever the size of the file.
- :func:`parser` / :func:`iterparse` build lxml parsers that never expand entities, never load
  a DTD, never touch the network and refuse any external resource through a resolver, as a
  second line of defence; :func:`check_docinfo` refuses a document whose parsed tree still
  carries a DOCTYPE (e.g. a stream that was not pre-checked).

No SQL. Memory: bounded by the prolog (at most :data:`MAX_PROLOG` bytes are examined).
"""

from __future__ import annotations

import codecs
import re

from django.utils.translation import gettext_noop
from lxml import etree

MAX_PROLOG = 1024 * 1024
MSG_DOCTYPE = gettext_noop(
    "The file declares a DOCTYPE (document type definition). IATI files never need one and "
    "it can be used to attack the server (entity expansion, external entities): the file "
    "was refused without being read further."
)
_NAME_START = re.compile(r"<[A-Za-z_:]")


class UnsafeXML(Exception):
    """The XML uses a feature that is refused (a DOCTYPE)."""

    msgid = MSG_DOCTYPE

    def __init__(self, line=None):
        super().__init__(MSG_DOCTYPE)
        self.line = line


class _RefuseResolver(etree.Resolver):
    def resolve(self, url, pubid, context):
        raise UnsafeXML()


def _decoder(head: bytes):
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return codecs.getincrementaldecoder("utf-16")("replace")
    return codecs.getincrementaldecoder("latin-1")("replace")  # any ASCII-compatible encoding


def prolog_has_doctype(handle) -> tuple[bool, int]:
    """(whether the prolog of ``handle`` declares a DOCTYPE, its line); rewinds ``handle``."""
    start = handle.tell() if hasattr(handle, "tell") else 0
    try:
        head = handle.read(4)
        decoder = _decoder(head)
        text = decoder.decode(head)
        read = len(head)
        while True:
            position = _scan(text)
            if position is not None:
                found, index = position
                return found, text.count("\n", 0, index) + 1
            if read >= MAX_PROLOG:
                return False, 0
            chunk = handle.read(16384)
            if not chunk:
                return False, 0
            read += len(chunk)
            text += decoder.decode(chunk)
    finally:
        handle.seek(start)


def _scan(text: str):
    """(True, index) at a DOCTYPE, (False, index) at the root element, None if undecided."""
    index = 0
    length = len(text)
    while index < length:
        if text[index] in "\ufeff \t\r\n":
            index += 1
            continue
        rest = text[index:]
        if rest.startswith("<?"):
            end, closing = text.find("?>", index + 2), 2
        elif rest.startswith("<!--"):
            end, closing = text.find("-->", index + 4), 3
        elif rest.startswith("<!"):
            if len(rest) < 9:
                return None
            if rest[2:9].upper() == "DOCTYPE":
                return True, index
            return False, index  # malformed: the parser will say so
        elif _NAME_START.match(rest) or (rest.startswith("<") and len(rest) > 1):
            return False, index
        elif rest.startswith("<"):
            return None
        else:
            return False, index  # text before the root: not well-formed, the parser says so
        if end < 0:
            return None
        index = end + closing
    return None


def refuse_doctype(handle) -> None:
    """Raise :class:`UnsafeXML` when ``handle`` (binary, seekable) starts with a DOCTYPE."""
    found, line = prolog_has_doctype(handle)
    if found:
        raise UnsafeXML(line)


SAFE_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": True,  # long texts in real files; entity expansion is off anyway
}


def parser(**options) -> etree.XMLParser:
    result = etree.XMLParser(**{**SAFE_OPTIONS, **options})
    result.resolvers.add(_RefuseResolver())
    return result


def iterparse(handle, **options):
    context = etree.iterparse(handle, **{**SAFE_OPTIONS, **options})
    context.resolvers.add(_RefuseResolver())
    return context


def check_docinfo(element) -> None:
    """Refuse a parsed tree that carries a DOCTYPE (backstop of :func:`refuse_doctype`)."""
    docinfo = element.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise UnsafeXML(1)


def parse_file(path, **options):
    """An ``ElementTree`` of a trusted-or-not file on disk, DOCTYPE refused."""
    with open(path, "rb") as handle:
        refuse_doctype(handle)
        tree = etree.parse(handle, parser(**options))
    check_docinfo(tree.getroot())
    return tree


def fromstring(data: bytes, **options):
    """An element from bytes (a stored fragment or a generated document), DOCTYPE refused."""
    element = etree.fromstring(data, parser(**options))
    check_docinfo(element)
    return element
