"""A claim's terms: deal type, fee and contract length, read from its sentence."""

from __future__ import annotations

from .langdata import DEALS, LangData


def deal_of(sentence: str, lang: LangData) -> str:
    if lang.any_deal is None or not lang.any_deal.search(sentence):
        return "unknown"  # one scan of the sentence rules out all four
    for deal in DEALS:  # most specific first: a loan with an option is not a plain loan
        rx = lang.deals.get(deal)
        if rx is not None and rx.search(sentence):
            return deal
    return "unknown"


def fee_of(sentence: str, lang: LangData) -> str | None:
    rx = lang.regex("{alt}", "fee", escape=False)
    match = rx.search(sentence) if rx is not None else None
    return match.group().strip() if match else None


def contract_of(sentence: str, lang: LangData) -> str | None:
    for rx in lang.contract:
        match = rx.search(sentence)
        if match:
            return match.group().strip()
    return None
