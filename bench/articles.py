"""Synthetic 2 KB transfer articles in the six languages, built from knowledge-base names.

They are generated, never real articles: the benchmarks measure speed, not accuracy. Two kinds:

- news_articles: as dense as real transfer news. Measured on real articles in the six languages (the
  tagger's own output, per 2 KB): about 9 player mentions, 13 club mentions, 5 claims, 1 credited outlet
  and 11 sentences. Each article here has five claim sentences, four follow-ups naming the player by
  surname, four sentences naming two clubs with no claim, and background sentences with no names.
- dense_articles: every sentence a claim (about 34 player mentions and 26 claims per 2 KB): the stress
  case, several times denser than any real article.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

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


# Later sentences that name the player of an earlier claim by his surname alone.
FOLLOW_UPS = {
    "en": [
        "{surname} has scored four goals in twelve league games this season and has two years left on his deal.",
        "Those close to {surname} say he wants regular football before next summer's tournament.",
        "{surname} missed the last two matches with a minor hamstring problem but is back in training.",
    ],
    "it": [
        "{surname} ha segnato quattro gol in dodici partite di campionato e ha un contratto fino al 2027.",
        "Chi conosce bene {surname} racconta che vuole giocare con continuità prima dell'estate.",
        "{surname} ha saltato le ultime due gare per un fastidio muscolare, ma è tornato in gruppo.",
    ],
    "es": [
        "{surname} lleva cuatro goles en doce partidos de liga y tiene contrato hasta 2027.",
        "El entorno de {surname} asegura que busca minutos de forma regular antes del verano.",
        "{surname} se perdió los dos últimos partidos por una molestia muscular, pero ya entrena con el grupo.",
    ],
    "de": [
        "{surname} hat in zwölf Ligaspielen vier Tore erzielt, sein Vertrag läuft noch zwei Jahre.",
        "Aus dem Umfeld von {surname} heißt es, er wolle vor dem Sommer regelmäßig spielen.",
        "{surname} fehlte zuletzt zweimal mit muskulären Problemen, trainiert aber wieder mit der Mannschaft.",
    ],
    "fr": [
        "{surname} a marqué quatre buts en douze matchs de championnat et il lui reste deux ans de contrat.",
        "L'entourage de {surname} assure qu'il veut du temps de jeu régulier avant l'été.",
        "{surname} a manqué les deux derniers matchs à cause d'une gêne musculaire, mais il a repris l'entraînement.",
    ],
    "pt": [
        "{surname} marcou quatro golos em doze jogos do campeonato e tem contrato por mais dois anos.",
        "Pessoas próximas de {surname} dizem que ele quer jogar com regularidade antes do verão.",
        "{surname} falhou os dois últimos jogos com um problema muscular, mas já treina com o grupo.",
    ],
}

# Sentences that name two clubs and claim nothing: fixtures, the table.
CLUB_PAIRS = {
    "en": [
        "{club} host {club2} on Sunday afternoon in a game that could decide the last European place.",
        "{club} are three points behind {club2} after a run of two wins in their last six matches.",
    ],
    "it": [
        "Il {club} ospiterà il {club2} domenica pomeriggio in una sfida che vale un posto in Europa.",
        "Il {club} è a tre punti dal {club2} dopo due vittorie nelle ultime sei partite.",
    ],
    "es": [
        "El {club} recibe al {club2} el domingo por la tarde en un partido clave por Europa.",
        "El {club} está a tres puntos del {club2} tras sumar dos victorias en las últimas seis jornadas.",
    ],
    "de": [
        "{club} empfängt am Sonntagnachmittag {club2} zu einem Spiel, in dem es um Europa geht.",
        "{club} liegt nach zwei Siegen aus den letzten sechs Spielen drei Punkte hinter {club2}.",
    ],
    "fr": [
        "Le {club} reçoit le {club2} dimanche après-midi pour un match qui compte dans la course à l'Europe.",
        "Le {club} compte trois points de retard sur le {club2} après deux victoires lors des six derniers matchs.",
    ],
    "pt": [
        "O {club} recebe o {club2} no domingo à tarde num jogo decisivo na luta pela Europa.",
        "O {club} está a três pontos do {club2} depois de duas vitórias nos últimos seis jogos.",
    ],
}

# Sentences that name no one: training, weather, the club's accounts.
BACKGROUND = {
    "en": [
        "The squad trained behind closed doors on Tuesday morning.",
        "Ticket prices for the next home game will rise.",
        "The coach praised the fans for their support after a difficult month.",
        "Rain is expected over the weekend, and the pitch has been covered.",
        "The club's accounts for last season will be published in the spring.",
        "Supporters have grown impatient after a first half of the season that promised more than it delivered.",
        "The medical staff expect the two injured defenders to return before the end of the month.",
    ],
    "it": [
        "La squadra si è allenata a porte chiuse martedì mattina.",
        "I prezzi dei biglietti per la prossima gara in casa aumenteranno.",
        "L'allenatore ha ringraziato i tifosi dopo un mese difficile.",
        "È prevista pioggia nel fine settimana e il campo è stato coperto.",
        "I tifosi sono sempre più impazienti dopo un girone d'andata che prometteva molto di più.",
        "Lo staff medico conta di recuperare i due difensori infortunati entro la fine del mese.",
    ],
    "es": [
        "La plantilla se entrenó a puerta cerrada el martes por la mañana.",
        "El entrenador agradeció el apoyo de la afición tras un mes complicado.",
        "Se espera lluvia durante el fin de semana y el césped ha sido cubierto.",
        "La afición empieza a impacientarse tras una primera vuelta que prometía mucho más.",
        "Los servicios médicos esperan recuperar a los dos defensas lesionados antes de final de mes.",
    ],
    "de": [
        "Die Mannschaft trainierte am Dienstagmorgen unter Ausschluss der Öffentlichkeit.",
        "Der Trainer lobte die Fans nach einem schwierigen Monat.",
        "Für das Wochenende ist Regen angesagt.",
        "Die Anhänger werden nach einer Hinrunde, die mehr versprochen hatte, langsam ungeduldig.",
        "Die medizinische Abteilung rechnet damit, dass beide verletzten Verteidiger bis Monatsende zurückkehren.",
    ],
    "fr": [
        "L'équipe s'est entraînée à huis clos mardi matin.",
        "L'entraîneur a remercié les supporters après un mois difficile.",
        "De la pluie est attendue ce week-end et la pelouse a été bâchée.",
        "Les supporters s'impatientent après une phase aller qui promettait beaucoup plus.",
        "Le staff médical espère récupérer les deux défenseurs blessés avant la fin du mois.",
    ],
    "pt": [
        "O plantel treinou à porta fechada na terça-feira de manhã.",
        "O treinador agradeceu aos adeptos depois de um mês difícil.",
        "Espera-se chuva no fim de semana e o relvado foi coberto.",
        "Os adeptos estão cada vez mais impacientes depois de uma primeira volta que prometia muito mais.",
        "O departamento médico conta recuperar os dois defesas lesionados até ao fim do mês.",
    ],
}
LANGUAGES = sorted(SENTENCES)


def dense_articles(
    *, players: list[str], clubs: list[str], outlets: list[str], count: int, seed: int = 7, size: int = 2048
) -> list[str]:
    """Every sentence a claim: the stress case."""

    def sentences(rng: random.Random, language: str) -> list[str]:
        parts: list[str] = []
        while _length(parts) < size:
            template = rng.choice(SENTENCES[language])
            parts.append(
                template.format(club=rng.choice(clubs), player=rng.choice(players), outlet=rng.choice(outlets))
            )
        return parts

    return _articles(sentences, count, seed, size)


def news_articles(
    *, players: list[str], clubs: list[str], outlets: list[str], count: int, seed: int = 7, size: int = 2048
) -> list[str]:
    """As dense in names and claims as real transfer news (see the module's docstring)."""

    def sentences(rng: random.Random, language: str) -> list[str]:
        parts: list[str] = []
        for number in range(5):
            player = rng.choice(players)
            fill = {"player": player, "club": rng.choice(clubs), "outlet": rng.choice(outlets)}
            parts.append(rng.choice(SENTENCES[language]).format(**fill))
            if number < 4:
                parts.append(rng.choice(FOLLOW_UPS[language]).format(surname=player.split()[-1]))
        for _ in range(4):
            pair = rng.choice(CLUB_PAIRS[language]).format(club=rng.choice(clubs), club2=rng.choice(clubs))
            parts.insert(rng.randrange(len(parts) + 1), pair)
        while _length(parts) < size:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(BACKGROUND[language]))
        return parts

    return _articles(sentences, count, seed, size)


def _articles(sentences: Callable[[random.Random, str], list[str]], count: int, seed: int, size: int) -> list[str]:
    """`count` articles of `size` characters, the six languages in turn, the same ones for the same seed."""
    rng = random.Random(seed)
    return [" ".join(sentences(rng, LANGUAGES[index % len(LANGUAGES)]))[:size] for index in range(count)]


def _length(parts: list[str]) -> int:
    return sum(len(p) + 1 for p in parts)


def corpus_articles(path: Path, size: int = 2048) -> list[str] | None:
    """The texts of a corpus file beside the repository, each cut or repeated to `size` characters; None
    when the file is not there (the bench then reads generated articles only)."""
    if not path.is_file():
        return None
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(text * (size // max(1, len(text)) + 1))[:size] for text in texts if text]
