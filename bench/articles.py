"""Synthetic 2 KB transfer articles in the six languages, built from knowledge-base names.

They are generated, never real articles: the benchmarks measure speed, not accuracy.
"""

from __future__ import annotations

import random

SENTENCES = {
    "en": [
        "{club} are keen on {player}, according to {outlet}.",
        "{club} have opened talks over {player}.",
        "The {club} board met {player}'s agent this week.",
        "{player} is not expected to renew his deal.",
        "Sources close to {club} say a bid could follow in the coming days.",
    ],
    "it": [
        "Il {club} pensa a {player}, secondo {outlet}.",
        "Contatti avviati tra il {club} e l'entourage di {player}.",
        "La trattativa per {player} potrebbe sbloccarsi a gennaio.",
        "Il {club} prepara un'offerta per {player}.",
    ],
    "es": [
        "El {club} sigue a {player}, según {outlet}.",
        "El {club} negocia con el entorno de {player}.",
        "{player} es una prioridad para la dirección deportiva del {club}.",
    ],
    "de": [
        "Der {club} hat {player} im Visier, berichtet {outlet}.",
        "{club} verhandelt mit {player}.",
        "Ein Angebot für {player} soll bald folgen.",
    ],
    "fr": [
        "Le {club} s'intéresse à {player}, selon {outlet}.",
        "Le {club} négocie avec {player}.",
        "{player} pourrait quitter son club cet hiver.",
    ],
    "pt": [
        "O {club} quer {player}, segundo {outlet}.",
        "O {club} negocia com {player}.",
        "{player} está na agenda do {club} para janeiro.",
    ],
}


def synthetic_articles(
    *, players: list[str], clubs: list[str], outlets: list[str], count: int, seed: int = 7, size: int = 2048
) -> list[str]:
    rng = random.Random(seed)
    languages = sorted(SENTENCES)
    articles = []
    for index in range(count):
        language = languages[index % len(languages)]
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < size:
            template = rng.choice(SENTENCES[language])
            parts.append(
                template.format(club=rng.choice(clubs), player=rng.choice(players), outlet=rng.choice(outlets))
            )
        articles.append(" ".join(parts)[:size])
    return articles
