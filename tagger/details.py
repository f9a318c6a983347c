"""A claim's terms: deal type, fee and contract length, read from its sentence."""

from __future__ import annotations

from functools import lru_cache

from .langdata import DEALS, LangData


@lru_cache(maxsize=256)  # the claims of one sentence read the same terms
def deal_of(sentence: str, lang: LangData) -> str:
    if lang.any_deal is None or not lang.any_deal.search(sentence):
        return "unknown"  # one scan of the sentence rules out all four
    for deal in DEALS:  # most specific first: a loan with an option is not a plain loan
        rx = lang.deals.get(deal)
        if rx is not None and rx.search(sentence):
            return deal
    return "unknown"


@lru_cache(maxsize=256)  # the claims of one sentence read the same terms
def fee_of(sentence: str, lang: LangData) -> str | None:
    rx = lang.regex("{alt}", "fee", escape=False)
    match = rx.search(sentence) if rx is not None else None
    return match.group().strip() if match else None


@lru_cache(maxsize=256)  # the claims of one sentence read the same terms
def contract_of(sentence: str, lang: LangData) -> str | None:
    for rx in lang.contract:
        match = rx.search(sentence)
        if match:
            return match.group().strip()
    return None
