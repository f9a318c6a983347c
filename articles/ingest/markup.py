"""HTML to plain text. Pages are reduced to the article's main text with trafilatura; fragments (a feed's
summary, a JSON field holding markup) lose their tags. Script and style contents never survive either way."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

TAG = re.compile(
    r"<\s*/?\s*(html|head|body|p|div|span|a|br|hr|script|style|article|section|header|footer|nav|main|h[1-6]|ul|ol"
    r"|li|em|strong|b|i|u|img|iframe|table|tr|td|th|blockquote|figure|figcaption|meta|link|noscript|title|time"
    r"|svg|form|input|button|object|embed)\b[^>]*>",
    re.IGNORECASE,
)
DOCUMENT = re.compile(r"<\s*(!doctype\s+html|html|head|body)\b", re.IGNORECASE)
HTML_LANG = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2})\b", re.IGNORECASE)
SPACES = re.compile(r"[ \t\u00a0\u200b\r\f\v]+")
BLANK_LINES = re.compile(r"\n\s*\n+")
# Elements whose content is code or chrome, never article text.
DROPPED = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "head", "nav", "form"}
BREAKS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "figcaption",
    "ul",
    "ol",
    "table",
    "hr",
}


@dataclass
class Reduced:
    text: str
    title: str = ""
    published: dt.date | None = None
    site_name: str = ""
    language: str = ""
    url: str = ""


def looks_like_markup(text: str) -> bool:
    return TAG.search(text) is not None


def text_tidy(text: str) -> str:
    """Single spaces, paragraphs kept as blank-line breaks, no stray whitespace at either end."""
    lines = [SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def text_clean(value: str) -> str:
    """Plain text from a field that may hold markup: a whole page is reduced, a fragment loses its tags."""
    if not looks_like_markup(value):
        return text_tidy(html.unescape(value)) if "&" in value else text_tidy(value)
    if DOCUMENT.search(value):
        return html_reduce(value).text
    return fragment_strip(value)


def fragment_strip(markup: str) -> str:
    stripper = _Stripper()
    stripper.feed(markup)
    stripper.close()
    return text_tidy("".join(stripper.parts))


def html_reduce(markup: str, *, url: str = "") -> Reduced:
    """The article's main text and metadata (title, date, site name, language) from a whole page."""
    import trafilatura
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(
        markup,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    language = _html_language(markup)
    if not isinstance(document, Document) or not (document.text or "").strip():
        return Reduced(text=fragment_strip(markup), title=_fallback_title(markup), language=language, url=url)
    title = text_tidy(document.title or "")
    return Reduced(
        text=_without_leading_title(text_tidy(document.text or ""), title),
        title=title,
        published=_iso_date(document.date),
        site_name=text_tidy(document.sitename or ""),
        language=(document.language or language or "")[:2].lower(),
        url=document.url or url,
    )


def _without_leading_title(text: str, title: str) -> str:
    """trafilatura repeats the headline as the first line of the text; the title field already holds it."""
    first, _, rest = text.partition("\n")
    if title and first.strip().casefold() == title.casefold() and rest.strip():
        return rest.strip()
    return text


def _html_language(markup: str) -> str:
    match = HTML_LANG.search(markup[:5000])
    return match.group(1).lower() if match else ""


def _fallback_title(markup: str) -> str:
    match = re.search(r"<title[^>]*>(.*?)</title>", markup, re.IGNORECASE | re.DOTALL)
    return fragment_strip(match.group(1)) if match else ""


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED:
            self.skipping += 1
        elif tag in BREAKS:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BREAKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)
