"""What a chart draws, read from its Vega scene graph (vl-convert renders it without a browser)."""

from __future__ import annotations

from collections.abc import Iterator


def drawn_texts(spec: dict) -> list[tuple[object, float | None]]:
    """Every text mark item of the Vega-Lite ``spec`` once drawn: (text, dy). A text is a string,
    or a list of lines (a wrapped title)."""
    import vl_convert
    return list(_texts(vl_convert.vegalite_to_scenegraph(spec)))


def _texts(node) -> Iterator[tuple[object, float | None]]:
    if isinstance(node, dict):
        if node.get("marktype") == "text":
            yield from ((item["text"], item.get("dy")) for item in node["items"] if "text" in item)
        for part in node.values():
            yield from _texts(part)
    elif isinstance(node, list):
        for part in node:
            yield from _texts(part)
