"""Rewrite a rendered page so that it works from ``file://``: every internal address becomes a relative file.

The idea: parse the page with the standard library's HTML parser, note where each tag that
needs a change starts and ends in the source, and splice replacements into the source; every
other byte stays as the template rendered it. The rewriter knows no template: it only asks the
:class:`~webui.offline.site_map.SiteMap` for the file of each address. An address without a
file (an ``/api`` link, the CSV download, a page the pack does not hold) loses its link: an
``<a>`` becomes a ``<span>`` with the same text, a script, stylesheet or image is left out, a
form is hidden. Search-as-you-type (``data-suggest``, which asks ``/api/suggest``) is turned off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from webui.offline.site_map import SiteMap, relative_href

URL_ATTRIBUTES = frozenset({"href", "src", "action", "poster", "formaction"})
LINK_ONLY_ATTRIBUTES = frozenset({"href", "download", "rel", "target", "hreflang", "type", "referrerpolicy", "ping"})
DROPPED_ATTRIBUTES = frozenset({"data-suggest"})
REMOVED_WHEN_UNRESOLVED = frozenset({"script", "link", "img", "iframe", "source", "embed", "audio", "video",
                                     "track", "area", "object"})


@dataclass
class Rewritten:
    """A page after rewriting: its HTML, the pack files it refers to, the addresses that lost their link."""

    html: str
    referenced: set[str] = field(default_factory=set)
    unlinked: list[str] = field(default_factory=list)


def is_internal(url: str) -> bool:
    """Whether ``url`` is an absolute path on this site (``/x``, not ``//host/x`` or ``https://...``)."""
    return url.startswith("/") and not url.startswith("//")


class _PageRewriter(HTMLParser):
    """Collects (start, end, replacement) edits over the source; :meth:`result` applies them."""

    def __init__(self, source: str, page: str, site: SiteMap, head_html: str, footer_html: str,
                 html_attributes: dict[str, str]) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.page = page
        self.site = site
        self.head_html = head_html
        self.footer_html = footer_html
        self.html_attributes = html_attributes
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.edits: list[tuple[int, int, str]] = []
        self.demoted_anchors: list[bool] = []
        self.removed_script_start: int | None = None
        self.out = Rewritten(html=source)

    # -- positions in the source -------------------------------------------------------------

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _start_tag_span(self) -> tuple[int, int]:
        start = self._offset()
        return start, start + len(self.get_starttag_text() or "")

    def _end_tag_span(self, tag: str) -> tuple[int, int]:
        start = self._offset()
        match = re.compile(rf"</\s*{re.escape(tag)}[^>]*>", re.IGNORECASE).match(self.source, start)
        return start, match.end() if match else start

    # -- addresses ---------------------------------------------------------------------------

    def _resolve(self, url: str) -> str | None:
        """The relative replacement of an internal ``url``, or None when the pack has no file for it."""
        parts = urlsplit(url)
        file = self.site.file_for(parts.path)
        if file is None:
            self.out.unlinked.append(url)
            return None
        self.out.referenced.add(file)
        href = relative_href(file, self.page)
        if parts.query and self.site.keeps_query(parts.path):
            href += "?" + parts.query
        if parts.fragment:
            href += "#" + parts.fragment
        return href

    # -- parser callbacks --------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> None:
        start, end = self._start_tag_span()
        changed = False
        unresolved = False
        new_attrs: list[tuple[str, str | None]] = []
        for name, value in attrs:
            if name in DROPPED_ATTRIBUTES:
                changed = True
                continue
            if name in URL_ATTRIBUTES and value is not None and is_internal(value.strip()):
                changed = True
                replacement = self._resolve(value.strip())
                if replacement is None:
                    unresolved = True
                    continue
                value = replacement
            new_attrs.append((name, value))
        if tag == "html" and self.html_attributes:
            new_attrs += [(k, v) for k, v in self.html_attributes.items() if k not in dict(attrs)]
            changed = True
        if tag == "a" and not self_closing:
            self.demoted_anchors.append(unresolved)
        if unresolved:
            replaced = self._unresolved(tag, new_attrs, start, end)
            if replaced is None:
                return
            new_attrs = replaced
        if changed:
            self.edits.append((start, end, _start_tag(tag, new_attrs, self_closing)))
        self._inject_after(tag, end)

    def _unresolved(self, tag: str, attrs: list[tuple[str, str | None]], start: int,
                    end: int) -> list[tuple[str, str | None]] | None:
        """The attributes of a tag whose address has no file, or None when this method replaced the tag."""
        if tag == "a":
            kept = [(k, v) for k, v in attrs if k not in LINK_ONLY_ATTRIBUTES]
            self.edits.append((start, end, _start_tag("span", kept, False)))
            return None
        if tag == "script":
            self.removed_script_start = start  # removed with its end tag
            return None
        if tag in REMOVED_WHEN_UNRESOLVED:
            self.edits.append((start, end, ""))
            return None
        if tag == "form":
            return [*attrs, ("hidden", None)]
        return attrs

    def _inject_after(self, tag: str, end: int) -> None:
        if tag == "head" and self.head_html:
            self.edits.append((end, end, self.head_html))
        elif tag == "footer" and self.footer_html:
            self.edits.append((end, end, self.footer_html))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.demoted_anchors:
            if self.demoted_anchors.pop():
                start, end = self._end_tag_span(tag)
                self.edits.append((start, end, "</span>"))
        elif tag == "script" and self.removed_script_start is not None:
            _, end = self._end_tag_span(tag)
            self.edits.append((self.removed_script_start, end, ""))
            self.removed_script_start = None

    def result(self) -> Rewritten:
        """The source with every edit applied (edits never overlap: each covers its own tag)."""
        pieces: list[str] = []
        last = 0
        for start, end, replacement in sorted(self.edits, key=lambda e: (e[0], e[1])):
            pieces.append(self.source[last:start])
            pieces.append(replacement)
            last = max(last, end)
        pieces.append(self.source[last:])
        self.out.html = "".join(pieces)
        return self.out


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> str:
    rendered = "".join(f" {name}" if value is None else f' {name}="{escape(value, quote=True)}"'
                       for name, value in attrs)
    return f"<{tag}{rendered}{' /' if self_closing else ''}>"


def rewrite_page(html: str, page: str, site: SiteMap, *, head_html: str = "", footer_html: str = "",
                 html_attributes: dict[str, str] | None = None) -> Rewritten:
    """``html`` (the page that becomes pack file ``page``) with every internal address made relative.

    ``head_html`` is inserted right after ``<head>``, ``footer_html`` right after ``<footer>``,
    and ``html_attributes`` are added to the ``<html>`` tag.
    """
    rewriter = _PageRewriter(html, page, site, head_html, footer_html, html_attributes or {})
    rewriter.feed(html)
    rewriter.close()
    return rewriter.result()
