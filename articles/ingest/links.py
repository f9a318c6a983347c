"""An article from a link: fetched through the guarded fetcher and reduced to its main text."""

from __future__ import annotations

import re

from .decode import Unreadable, bytes_decode
from .fetch import FetchError, FetchPolicy, url_fetch
from .markup import html_reduce, text_tidy
from .types import Draft, Read, Refusal

CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def link_read(url: str, *, policy: FetchPolicy) -> Read:
    try:
        fetched = url_fetch(url, policy=policy)
    except FetchError as exc:
        return Refusal(url, str(exc))
    return page_read(url, body=fetched.body, content_type=fetched.content_type, final_url=fetched.url)


def page_read(source: str, *, body: bytes, content_type: str, final_url: str) -> Read:
    kind = content_type.split(";")[0].strip().lower()
    if kind and not (kind.startswith("text/") or "html" in kind or "xml" in kind):
        return Refusal(source, f"The link leads to {kind}, not a web page or text.")
    try:
        text = _decoded(body, content_type)
    except Unreadable as exc:
        return Refusal(source, f"The page could not be read: {exc}.")
    if kind == "text/plain":
        return Draft(source=source, text=text_tidy(text), url=final_url)
    page = html_reduce(text, url=final_url)
    if not page.text.strip():
        return Refusal(source, "No article text was found on that page.")
    return Draft(
        source=source,
        text=page.text,
        title=page.title,
        url=final_url,
        site_name=page.site_name,
        published=page.published,
        published_source="page",
        language=page.language,
    )


def _decoded(body: bytes, content_type: str) -> str:
    """The charset the server declared wins; a wrong or missing one falls back to detection."""
    match = CHARSET.search(content_type)
    if match:
        try:
            return body.decode(match.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return bytes_decode(body)[0]
