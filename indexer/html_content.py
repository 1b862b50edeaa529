"""An HTML page's main content as Markdown-like text: the HTML half of extraction.

Only the main content is kept (<main>, else [role=main], else the only <article>, else
<body>), and inside it navigation, banners, cookie notices, scripts and other page
furniture are dropped. What remains is rendered as "#"-lines for headings, "- " lines for
list items (indented when nested) and blank-line separated paragraphs, so later stages parse
web pages and Markdown files the same way. Title, author, date and language come from the
page's own <title>, <html lang> and <meta> tags. Used by :mod:`indexer.extract`.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from indexer.encoding import decode_html, normalize_text

# HTML outside the main content, dropped wherever it appears.
_DROP_TAGS = frozenset(
    "script style noscript form template iframe nav aside svg canvas object embed button select "
    "input textarea dialog figcaption img picture video audio map head title".split()
)
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"})
# id/class words that mark chrome rather than content (matched as whole words of the name).
_CHROME = re.compile(
    r"(?:^|[-_\s])(?:cookies?|consent|gdpr|banner|breadcrumbs?|menu|navbar|share|sharing|social|skip|skiplink)"
    r"(?:$|[-_\s])",
    re.IGNORECASE,
)
_SKIP_LINK = re.compile(r"^\s*(skip|aller au|passer au)\b", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    "p div section article main blockquote pre table thead tbody tfoot tr dl dt dd figure address "
    "body html ul ol header footer hr details summary center fieldset".split()
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_META_DATE_NAMES = ("date", "dcterms.date", "dc.date", "article:published_time", "dcterms.created",
                    "citation_publication_date", "dcterms.issued")
_ISO_DATE = re.compile(r"^(\d{4})(?:[-/](\d{2}))?(?:[-/](\d{2}))?")


def html_to_text(data: bytes) -> tuple[str, str, dict[str, str]]:
    """An HTML page's main content as Markdown-like text, with its title and metadata."""
    html, encoding = decode_html(data)
    soup = BeautifulSoup(html, "html.parser")
    title_tag = soup.find("title")
    title = " ".join(title_tag.get_text(" ").split()) if title_tag else ""
    metadata = {"encoding": encoding, **_html_metadata(soup)}
    root = _main_content(soup)
    # Judge every element first, then detach: detaching inside an already detached subtree is harmless.
    for tag in [tag for tag in root.find_all(True) if _is_chrome(tag)]:
        tag.extract()
    if not title:
        h1 = root.find("h1") or soup.find("h1")
        title = " ".join(h1.get_text(" ").split()) if h1 else ""
    lines: list[tuple[str, str]] = []
    _render(root, lines)
    text = ""
    for i, (kind, line) in enumerate(lines):
        if i:
            text += "\n" if kind == "li" and lines[i - 1][0] == "li" else "\n\n"
        text += line
    return normalize_text(text), normalize_text(title), metadata


def _html_metadata(soup: BeautifulSoup) -> dict[str, str]:
    metadata: dict[str, str] = {}
    html_tag = soup.find("html")
    lang = html_tag.get("lang") if isinstance(html_tag, Tag) else None
    if isinstance(lang, str) and lang.strip():
        metadata["language"] = lang.strip().lower()[:2]
    for meta in soup.find_all("meta"):
        name = str(meta.get("name") or meta.get("property") or "").lower()
        content = " ".join(str(meta.get("content") or "").split())
        if not content:
            continue
        if name == "author":
            metadata.setdefault("author", content)
        elif name in _META_DATE_NAMES:
            match = _ISO_DATE.match(content)
            if match:
                metadata.setdefault("date", "-".join(g for g in match.groups() if g))
    return metadata


def _main_content(soup: BeautifulSoup) -> Tag:
    """<main>, else [role=main], else the only <article>, else <body>."""
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if isinstance(main, Tag):
        return main
    articles = soup.find_all("article")
    if len(articles) == 1:
        return articles[0]
    return soup.body or soup


def _is_chrome(tag: Tag) -> bool:
    """True for navigation, banners, scripts and other page furniture around the content."""
    if tag.name in _DROP_TAGS or tag.get("role") in _DROP_ROLES:
        return True
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    # A page-level header or footer is chrome; one inside an article holds its title or notes.
    if tag.name in ("header", "footer") and tag.find_parent(["article", "main"]) is None:
        return True
    names = " ".join([str(tag.get("id") or ""), *(tag.get("class") or [])])
    # "page-banner" may wrap the page's own title: never drop what holds the main heading.
    if names.strip() and _CHROME.search(names) and tag.find(["h1", "main", "article"]) is None:
        return True
    if tag.name == "a" and str(tag.get("href") or "").startswith("#") and _SKIP_LINK.match(tag.get_text()):
        return True
    return False


def _render(root: Tag, lines: list[tuple[str, str]]) -> None:
    """Append (kind, line) blocks for ``root``: "h" headings, "li" list items, "p" paragraphs.

    The walk keeps its own stack rather than recursing: pages nested thousands of elements
    deep are real (generated markup) and must not hit Python's recursion limit.
    """
    inline: list[str] = []

    def flush() -> None:
        # \x00 stands for <br>: whitespace collapses inside a line, not across a <br>.
        parts = [" ".join(part.split()) for part in "".join(inline).split("\x00")]
        text = "\n".join(p for p in parts if p)
        inline.clear()
        if text:
            lines.append(("p", text))

    # Items: (node, list depth, -1) to visit, or (None, depth, first line of a list item or -1) closing a block.
    stack: list[tuple[object, int, int]] = [(child, 0, -1) for child in reversed(list(root.children))]
    while stack:
        node, depth, first = stack.pop()
        if node is None:
            flush()
            # The item's own text is the first block it produced; nested lists follow, indented.
            if 0 <= first < len(lines) and lines[first][0] != "li":
                lines[first] = ("li", "  " * depth + "- " + lines[first][1])
            continue
        if isinstance(node, (Comment, Doctype, Declaration, ProcessingInstruction)):
            continue
        if isinstance(node, NavigableString):
            inline.append(str(node))
        elif not isinstance(node, Tag):
            continue
        elif node.name in _HEADINGS:
            flush()
            heading = " ".join(node.get_text(" ").split())
            if heading:
                lines.append(("h", "#" * _HEADINGS[node.name] + " " + heading))
        elif node.name == "br":
            inline.append("\x00")
        elif node.name in ("td", "th"):
            inline.append(" " + node.get_text(" ") + " ")
        elif node.name == "li" or node.name in _BLOCK_TAGS:
            flush()
            child_depth = depth + 1 if node.name == "li" else depth
            # The closing entry ends the block's paragraph; for a list item it also marks the item.
            stack.append((None, depth, len(lines) if node.name == "li" else -1))
            stack.extend((child, child_depth, -1) for child in reversed(list(node.children)))
        else:
            inline.append(node.get_text(""))
    flush()
