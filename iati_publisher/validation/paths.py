"""XPath strings for problem reports.

Activities are validated one subtree at a time while earlier ones are discarded, so lxml's
``getpath`` cannot be used: paths are built from the element up to its activity, whose
position in the file is known.
"""

from __future__ import annotations


def element_path(node, top, top_xpath: str) -> str:
    """``top_xpath`` followed by the steps from ``top`` down to ``node`` (1-based positions)."""
    steps = []
    while node is not None and node is not top:
        parent = node.getparent()
        if parent is None:
            break
        tag = node.tag
        if not isinstance(tag, str):
            break
        same = [child for child in parent if child.tag == tag]
        name = tag.split("}")[-1]
        steps.append(f"{name}[{same.index(node) + 1}]" if len(same) > 1 else name)
        node = parent
    return "/".join([top_xpath, *reversed(steps)]) if steps else top_xpath


def result_path(result, top, top_xpath: str) -> tuple[int | None, str]:
    """(line, xpath) of an XPath result: an element, an attribute value or a text node."""
    if hasattr(result, "getparent") and not hasattr(result, "tag"):
        parent = result.getparent()
        if parent is None:
            return None, top_xpath
        base = element_path(parent, top, top_xpath)
        if getattr(result, "is_attribute", False):
            name = result.attrname
            if name.startswith("{http://www.w3.org/XML/1998/namespace}"):
                name = "xml:" + name.split("}")[1]
            return parent.sourceline, f"{base}/@{name}"
        return parent.sourceline, f"{base}/text()"
    if hasattr(result, "tag"):
        return result.sourceline, element_path(result, top, top_xpath)
    return None, top_xpath
