"""The cases a quick co-occurrence tagger gets wrong, on short articles written for these tests.

These pin the rule engine's reading (`rules_only`): its drafts, kinds and cues are what the learned
decision layer decides from (tests/tagger/test_model.py covers that layer)."""

from __future__ import annotations

import pytest

from tagger import TagResult, tag_article
from tagger.matcher import AliasEntry, ClubEntry, Gazetteer, PlayerEntry
from tests.tagger.kb import GAZETTEER, club_key


def tag(text: str, language: str | None = None, title: str = "") -> TagResult:
    return tag_article(text=text, gazetteer=GAZETTEER, language=language, title=title, rules_only=True)


def claims(result: TagResult) -> dict[tuple[str, str | None], str]:
    return {(c.player, club_key(c.club_id)): c.kind for c in result.claims}


def test_a_coach_is_not_a_player() -> None:
    result = tag("Juventus coach Igor Tudor wants Mario Gila, the Lazio defender, in January.", "en")
    assert [p.name for p in result.players] == ["Mario Gila"]
    assert claims(result) == {("Mario Gila", "it/juventus"): "interest"}


def test_an_agent_names_his_player_but_is_none() -> None:
    result = tag("Ieri l'Inter ha visto l'agente di Fikayo Tomori a Milano.", "it")
    assert [p.name for p in result.players] == ["Fikayo Tomori"]


def test_a_player_found_by_his_role_is_a_candidate_with_evidence() -> None:
    result = tag("Napoli have made an offer for Udinese centre-back Thomas Kristensen.", "en")
    [player] = result.players
    assert (player.name, player.player_id) == ("Thomas Kristensen", None)
    assert "centre-back" in player.evidence


def test_a_surname_after_the_full_name_is_the_same_player() -> None:
    result = tag("Napoli want Udinese defender Thomas Kristensen. Kristensen would cost 20 million.", "en")
    [player] = result.players
    assert len(player.spans) == 2


def test_a_photo_credit_makes_no_claim_and_no_source() -> None:
    text = "Napoli want Mario Gila.\n\n(Photo by Marco Rossi - SS Lazio/Getty Images)\n\nThe defender is happy in Rome."
    result = tag(text, "en")
    assert claims(result) == {("Mario Gila", "it/ssc-napoli"): "interest"}
    assert result.cited == []


def test_read_also_lines_and_bylines_are_not_the_article() -> None:
    text = "By Anna Verdi\n\nNapoli want Mario Gila.\n\nRead also: Chelsea have signed Bruno Fernandes"
    assert claims(tag(text, "en")) == {("Mario Gila", "it/ssc-napoli"): "interest"}


def test_a_rival_named_as_competition_is_interested_too() -> None:
    text = "Juventus want Fikayo Tomori, but Napoli are in the race as well and could offer more."
    assert claims(tag(text, "en")) == {
        ("Fikayo Tomori", "it/juventus"): "interest",
        ("Fikayo Tomori", "it/ssc-napoli"): "interest",
    }


def test_a_renewal_is_with_the_current_club() -> None:
    assert claims(tag("Liverpool want to extend Joe Gomez's contract until 2029.", "en")) == {
        ("Joe Gomez", "eng/liverpool-fc"): "renewal"
    }


def test_an_exit_without_destination_is_with_the_current_club() -> None:
    assert claims(tag("Lazio are open to offers for Mario Gila and want to sell him in January.", "en")) == {
        ("Mario Gila", "it/ss-lazio"): "exit"
    }


def test_an_exit_is_dropped_when_the_text_names_where_he_goes() -> None:
    result = claims(tag("Lazio want to sell Mario Gila. Napoli have agreed a fee for the defender.", "en"))
    assert result == {("Mario Gila", "it/ssc-napoli"): "agreement"}


def test_a_denial_names_the_club_the_move_was_denied_with() -> None:
    assert claims(tag("Chelsea have denied reports of a deal for Joe Gomez.", "en")) == {
        ("Joe Gomez", "eng/chelsea-fc"): "denial"
    }


def test_a_move_that_did_not_happen_is_a_denial() -> None:
    assert claims(tag("Der FC Bayern konnte Rayan Cherki nicht verpflichten.", "de")) == {
        ("Rayan Cherki", "de/fc-bayern-munchen"): "denial"
    }


def test_reported_speech_is_a_claim_credited_to_its_source() -> None:
    result = tag("According to Tuttosport, Juventus have made a bid for Fikayo Tomori.", "en")
    [claim] = result.claims
    assert (claim.kind, [o.name for o in claim.cited]) == ("bid", ["Tuttosport"])
    assert [(o.name, o.outlet_id is not None) for o in result.cited] == [("Tuttosport", True)]


def test_an_unknown_source_is_returned_without_an_id() -> None:
    result = tag("Secondo Calciomercatonews, il Napoli vuole Mario Gila.", "it")
    assert [(o.name, o.outlet_id) for o in result.cited] == [("Calciomercatonews", None)]


def test_a_claim_may_span_two_sentences() -> None:
    text = "Fikayo Tomori is wanted by several clubs in England. Juventus have already made an offer to Milan."
    assert claims(tag(text, "en"))[("Fikayo Tomori", "it/juventus")] == "bid"


def test_the_club_stands_for_the_club_named_before() -> None:
    text = "Juventus are interested in Fikayo Tomori. The club have already opened talks for the defender."
    assert claims(tag(text, "en")) == {("Fikayo Tomori", "it/juventus"): "talks"}


def test_a_nickname_stands_for_its_club() -> None:
    text = "Il Milan vuole Mario Gila. I rossoneri hanno già presentato un'offerta alla Lazio."
    assert claims(tag(text, "it")) == {("Mario Gila", "it/ac-milan"): "bid"}


def test_one_claim_per_pair_with_the_most_advanced_kind() -> None:
    text = "Newcastle are keen on Leicester winger Harvey Barnes. Newcastle have now agreed a fee for Barnes."
    assert claims(tag(text, "en")) == {("Harvey Barnes", "eng/newcastle-united-fc"): "agreement"}


def test_it_reads_from_club_deal_fee_and_contract() -> None:
    text = "Newcastle have agreed a £34m fee with Leicester for Leicester winger Harvey Barnes, who signs until 2029."
    [claim] = tag(text, "en").claims
    assert (claim.from_club, claim.fee, claim.contract_until) == ("Leicester City FC", "£34m", "until 2029")


def test_it_reads_a_loan_with_option() -> None:
    text = "Chelsea have signed Mario Gila from Lazio: a loan for the season, with an option to buy."
    [claim] = tag(text, "en").claims
    assert (claim.kind, claim.deal, claim.from_club) == ("completed", "loan_option", "SS Lazio")


def test_evidence_offsets_point_into_the_body() -> None:
    body = "Some news first. Juventus want Fikayo Tomori."
    [claim] = tag(body, "en", title="Tomori to Juventus?").claims
    assert body[claim.start : claim.end] == claim.evidence


def test_a_former_club_is_not_a_destination() -> None:
    assert claims(tag("L'ex Napoli Mario Gila piace alla Juventus.", "it")) == {
        ("Mario Gila", "it/juventus"): "interest"
    }


def test_a_selling_club_is_not_the_buyer() -> None:
    result = claims(tag("Lazio have rejected a bid from Napoli for Mario Gila.", "en"))
    assert result == {("Mario Gila", "it/ssc-napoli"): "bid"}


def test_a_city_is_not_its_club() -> None:
    result = tag("Il difensore vive a Como da anni. Il Napoli vuole Mario Gila.", "it")
    assert [c.name for c in result.clubs] == ["SSC Napoli"]


def test_a_word_of_the_language_is_not_a_club() -> None:
    result = tag("Como se previa, o Benfica quer Orkun Kökçü.", "pt")
    assert [c.name for c in result.clubs] == ["SL Benfica"]


def test_a_club_in_a_match_report_is_no_destination() -> None:
    result = claims(tag("Juventus want Fikayo Tomori, who scored against Napoli and Lazio.", "en"))
    assert result == {("Fikayo Tomori", "it/juventus"): "interest"}


def test_a_bracket_after_a_player_names_where_he_went() -> None:
    text = "Lazio have sold two players: Mario Gila (on loan to Napoli) and Pierre Kalulu (sold to Juventus)."
    result = claims(tag(text, "en"))
    assert result[("Mario Gila", "it/ssc-napoli")] == "completed"
    assert result[("Pierre Kalulu", "it/juventus")] == "completed"


def test_the_role_word_refers_to_the_player_in_focus() -> None:
    text = (
        "Der FC Bayern beobachtet Rayan Cherki. Nach Informationen von Bild ist sich der Spielmacher mit Bayern einig."
    )
    assert claims(tag(text, "de"))[("Rayan Cherki", "de/fc-bayern-munchen")] == "agreement"


def test_a_club_speaking_as_we_denies_under_its_own_name() -> None:
    text = "Il Napoli parla chiaro sul mercato. Per il Napoli parla il ds. «Noi non abbiamo mai trattato Dani Olmo»."
    assert claims(tag(text, "it")) == {("Dani Olmo", "it/ssc-napoli"): "denial"}


def test_close_to_leaving_is_an_exit() -> None:
    assert claims(tag("Juventus: Pierre Kalulu è vicino a salutare.", "it")) == {
        ("Pierre Kalulu", "it/juventus"): "exit"
    }


def test_an_unlikely_renewal_is_an_exit() -> None:
    text = "Lazio: un rinnovo di Mario Gila appare improbabile."
    assert claims(tag(text, "it")) == {("Mario Gila", "it/ss-lazio"): "exit"}


def test_an_age_refers_to_the_player_in_focus() -> None:
    text = "Napoli want Mario Gila. Juventus are also keen on the 25-year-old."
    assert claims(tag(text, "en"))[("Mario Gila", "it/juventus")] == "interest"


def test_a_headline_cue_serves_all_its_parts() -> None:
    result = tag("Fikayo Tomori è il primo obiettivo.", "it", title="Juventus, Tomori: il rinnovo slitta")
    assert ("Fikayo Tomori", "it/juventus") in claims(result)


def test_the_club_denying_a_move_is_the_players_own() -> None:
    text = "Lazio deny reports of an agreement between Mario Gila and Napoli."
    assert claims(tag(text, "en")) == {("Mario Gila", "it/ssc-napoli"): "denial"}


def test_kept_informed_is_interest_not_talks() -> None:
    result = tag("Chelsea have asked to be kept informed about Mario Gila's situation.", "en")
    assert claims(result) == {("Mario Gila", "eng/chelsea-fc"): "interest"}


def test_a_player_named_only_as_a_condition_is_not_the_one_wanted() -> None:
    text = (
        "Bruno Fernandes is determined to leave Manchester United.\n\n"
        "The Portugal international would be happy to move abroad. "
        "Real Madrid have asked to be kept informed in case Vinícius Júnior departs."
    )
    found = claims(tag(text, "en"))
    assert found[("Bruno Fernandes", "es/real-madrid")] == "interest"
    assert ("Vinícius Júnior", "es/real-madrid") not in found


def test_a_role_with_a_describing_word_refers_back_to_the_player() -> None:
    text = "Joe Gomez has been linked with a move.\n\nReal Madrid have denied any interest in the England defender."
    assert claims(tag(text, "en"))[("Joe Gomez", "es/real-madrid")] == "denial"


def test_the_player_in_focus_stays_in_focus_when_named_among_others() -> None:
    text = (
        "Joe Gomez has been linked with a move abroad.\n\n"
        "With names such as Dani Olmo and Nico Williams already gone, Gomez was tipped to follow.\n\n"
        "Real Madrid have denied any interest in the England defender."
    )
    found = claims(tag(text, "en"))
    assert found[("Joe Gomez", "es/real-madrid")] == "denial"
    assert ("Dani Olmo", "es/real-madrid") not in found


def test_the_player_a_sentence_makes_a_claim_for_takes_the_focus() -> None:
    text = (
        "Kylian Mbappé's case may not be unique, as Dani Olmo could make a similar move to Chelsea. "
        "In that case, Arsenal would be keen to take the player until January."
    )
    found = claims(tag(text, "en"))
    assert found[("Dani Olmo", "eng/arsenal-fc")] == "interest"
    assert ("Kylian Mbappé", "eng/arsenal-fc") not in found


def test_a_cue_leading_to_a_club_names_a_destination_whatever_the_kb_says() -> None:
    # The knowledge base has Cherki at Manchester City today; the article predates the move.
    found = claims(tag("Rayan Cherki has made it clear that he prefers a move to Manchester City.", "en"))
    assert found == {("Rayan Cherki", "eng/manchester-city-fc"): "interest"}


def test_a_clause_with_its_own_cue_speaks_for_the_player_claimed_in_another() -> None:
    text = (
        "Talks over Rayan Cherki broke down when he preferred a move to Manchester City, "
        "but Newcastle's scouts remained in contact with his agent."
    )
    found = claims(tag(text, "en", title="Newcastle turn to new targets"))
    assert found[("Rayan Cherki", "eng/newcastle-united-fc")] == "denial"
    assert found[("Rayan Cherki", "eng/manchester-city-fc")] == "interest"


def test_a_club_that_wanted_to_pay_for_a_player_was_interested() -> None:
    text = "Der BVB wollte zehn Millionen Euro für Mario Gila bezahlen."
    assert claims(tag(text, "de")) == {("Mario Gila", "de/borussia-dortmund"): "interest"}


def test_unnamed_suitors_are_not_the_club_the_article_is_about() -> None:
    text = "Napoli have a busy week ahead. Several clubs are interested in Mario Gila."
    assert ("Mario Gila", "it/ssc-napoli") not in claims(tag(text, "en", title="Napoli: the latest"))
    text = "Il Napoli ha una settimana intensa. Diversi club sono interessati a Mario Gila."
    assert ("Mario Gila", "it/ssc-napoli") not in claims(tag(text, "it", title="Napoli, le ultime"))


def test_a_club_that_puts_up_a_wall_is_the_seller() -> None:
    text = "In pole resta il difensore Thomas Kristensen, su cui l'Udinese sembra fare muro alle avance del Napoli."
    assert claims(tag(text, "it")) == {("Thomas Kristensen", "it/ssc-napoli"): "interest"}


def test_the_two_clubs_of_a_claim_speak_of_it_without_naming_the_player() -> None:
    text = (
        "Chelsea have opened talks with Lazio over a deal for Mario Gila.\n\n"
        "Meanwhile, Chelsea and Lazio have now reached an agreement on the fee."
    )
    assert claims(tag(text, "en"))[("Mario Gila", "eng/chelsea-fc")] == "agreement"


def test_a_paragraph_that_names_a_photo_agency_is_still_read() -> None:
    # A credit line is short; a long paragraph that happens to name an agency is the article's own text.
    text = (
        "Napoli have made an offer for Mario Gila, who was pictured by Getty Images leaving the Lazio training "
        "ground on Tuesday after a long meeting with the club's sporting director about his future, his role "
        "in the squad and the terms of the new contract that the club had put on the table last month, "
        "which he has not signed yet."
    )
    assert len(text) > 300
    assert claims(tag(text, "en")) == {("Mario Gila", "it/ssc-napoli"): "bid"}


def test_a_dotted_capital_i_keeps_the_cues_in_place() -> None:
    # "İ" lower-cases to two characters; the cues must still be found where they are.
    result = tag("İlkay Gündoğan wrote a letter. Napoli have made an offer for Mario Gila.", "en")
    assert claims(result) == {("Mario Gila", "it/ssc-napoli"): "bid"}
    [claim] = result.claims
    assert claim.evidence == "Napoli have made an offer for Mario Gila."


def test_a_claim_takes_its_credit_and_terms_from_every_sentence_that_makes_it() -> None:
    # The headline says the most (an agreement); the lead credits the story and gives its terms.
    body = "Juventus want Fikayo Tomori on loan until 2027, according to Tuttosport."
    [claim] = tag(body, "en", title="Juventus agree a deal for Fikayo Tomori").claims
    assert (claim.kind, claim.evidence) == ("agreement", "Juventus agree a deal for Fikayo Tomori")
    assert claim.deal == "loan"
    assert claim.contract_until is not None and "2027" in claim.contract_until
    assert [o.name for o in claim.cited] == ["Tuttosport"]


@pytest.mark.parametrize(
    ("text", "language", "buyer", "seller"),
    [
        ("Napoli have made an offer to Udinese for Mario Gila.", "en", "it/ssc-napoli", "it/udinese-calcio"),
        ("Il Napoli ha avviato i contatti con l'Udinese per Mario Gila.", "it", "it/ssc-napoli", "it/udinese-calcio"),
        ("El Sevilla FC negocia con el Real Betis por Dani Olmo.", "es", "es/sevilla-fc", "es/real-betis"),
        ("Der BVB verhandelt mit Juventus über Jonathan David.", "de", "de/borussia-dortmund", "it/juventus"),
        ("Le Paris FC discute avec le FC Porto pour João Neves.", "fr", "fr/paris-fc", "pt/fc-porto"),
        ("O FC Porto negoceia com o Sevilla FC por Orkun Kökçü.", "pt", "pt/fc-porto", "es/sevilla-fc"),
    ],
)
def test_the_club_asked_for_a_player_is_his_club_whatever_the_knowledge_base_says(
    text: str, language: str, buyer: str, seller: str
) -> None:
    # The knowledge base knows today's squads; an article from before a move names the club he was at.
    found = {club_key(c.club_id): c for c in tag(text, language).claims}
    assert found[buyer].kind in ("talks", "bid")
    assert found[buyer].from_club_id is not None and club_key(found[buyer].from_club_id) == seller


def test_the_club_he_joined_from_is_no_longer_his() -> None:
    # "joined from Lyon" names where he came from: the renewal is with the club he is at.
    text = (
        "Manchester City have extended Rayan Cherki's contract until 2031. "
        "Cherki joined from Olympique Lyonnais last summer."
    )
    assert claims(tag(text, "en"))[("Rayan Cherki", "eng/manchester-city-fc")] == "renewal"
    assert ("Rayan Cherki", "fr/olympique-lyonnais") not in claims(tag(text, "en"))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("AC Milan have sold Yacine Adli to Como 1907 on loan.", "en"),
        ("Il Milan ha ceduto Yacine Adli al Como in prestito con diritto di riscatto.", "it"),
    ],
)
def test_a_sale_names_an_unknown_player_and_the_club_he_leaves(text: str, language: str) -> None:
    [claim] = [c for c in tag(text, language).claims if c.kind == "completed"]
    assert (claim.player, club_key(claim.club_id)) == ("Yacine Adli", "it/como-1907")
    assert claim.from_club_id is not None and club_key(claim.from_club_id) == "it/ac-milan"


def test_a_headline_does_not_send_a_player_to_the_club_the_text_says_is_his() -> None:
    text = "Il Napoli ha chiesto informazioni alla Juventus per Fikayo Tomori."
    found = claims(tag(text, "it", title="Juventus, idea Tomori per gennaio"))
    assert found == {("Fikayo Tomori", "it/ssc-napoli"): "talks"}


def test_a_german_modal_hedges_the_verb_at_the_end_of_its_clause() -> None:
    # "möchte ... verpflichten": the infinitive comes last, far from the modal; a wish, not a signing.
    text = "Borussia Dortmund möchte Torhüter Alexander Neumann fest vom FC Bayern verpflichten."
    assert claims(tag(text, "de")) == {("Alexander Neumann", "de/borussia-dortmund"): "interest"}


def test_german_denials_in_the_past_tense_and_loans_to_a_club() -> None:
    denied = "Thomas Müller: Der FC Bayern dementierte am Sonntag Berichte über einen Wechsel zu Juventus."
    assert claims(tag(denied, "de"))[("Thomas Müller", "it/juventus")] == "denial"
    [loan] = tag("Der FC Bayern hat Thomas Müller an den FC Porto verliehen.", "de").claims
    assert (club_key(loan.club_id), loan.kind, loan.deal) == ("pt/fc-porto", "completed", "loan")


def test_a_player_who_will_not_leave_his_club_makes_no_claim_with_it() -> None:
    # "ne quittera pas le PSG": the club he will not leave is his, and his staying is no claim.
    assert claims(tag("Le milieu Adrien Martin ne quittera pas le Paris Saint-Germain cet hiver.", "fr")) == {}


def test_a_former_club_and_the_club_he_left_are_not_where_he_went() -> None:
    text = (
        "Former Arsenal midfielder Jacob Ramsey has joined Como 1907 on a free transfer after leaving Newcastle United."
    )
    [claim] = tag(text, "en").claims
    assert (club_key(claim.club_id), claim.kind, claim.deal) == ("it/como-1907", "completed", "free")
    assert club_key(claim.from_club_id) == "eng/newcastle-united-fc"


def test_a_name_made_of_his_aliases_words_is_the_known_player() -> None:
    # The knowledge base knows Rodri, also known as Rodrigo Hernández: "Rodri Hernández" is him.
    rodri = PlayerEntry(900, "Rodri", GAZETTEER.players[100].club_id, ("Rodrigo Hernández",), "verified")
    gazetteer = Gazetteer(clubs=GAZETTEER.clubs.values(), players=[rodri], outlets=())
    result = tag_article(text="Real Madrid want Rodri Hernández.", gazetteer=gazetteer, language="en", rules_only=True)
    assert [(p.name, p.player_id) for p in result.players] == [("Rodri", 900)]


def test_a_headline_ending_in_a_preposition_does_not_make_the_next_club_a_place() -> None:
    # "... close in" / "Juventus are ...": the "in" belongs to the headline, not to the club below it.
    found = claims(tag("Juventus are in advanced talks with Lazio over Fikayo Tomori.", "en", title="Napoli close in"))
    assert found[("Fikayo Tomori", "it/juventus")] == "talks"


def test_denied_talks_with_a_club_do_not_make_it_the_players_club() -> None:
    # Which of the two sells is left open; the club named after the denial is not taken for his.
    [claim] = tag("Juventus have denied holding talks with Napoli over Fikayo Tomori.", "en").claims
    assert (club_key(claim.club_id), claim.kind, claim.from_club_id) == ("it/ssc-napoli", "denial", None)


def test_a_capitalised_cue_word_opening_a_headline_is_no_player() -> None:
    result = tag(
        "El Sevilla FC ha presentado una oferta al FC Barcelona por Dani Olmo.",
        "es",
        title="Oferta del Sevilla por Olmo",
    )
    assert [p.name for p in result.players] == ["Dani Olmo"]


def test_an_offer_to_a_club_makes_it_the_players_club_even_against_the_knowledge_base() -> None:
    # The knowledge base has Gila at Lazio, today; the article says Lazio bid for him, to Udinese.
    [claim] = tag("Lazio have made an offer to Udinese for Mario Gila.", "en").claims
    assert (club_key(claim.club_id), claim.kind, club_key(claim.from_club_id)) == (
        "it/ss-lazio",
        "bid",
        "it/udinese-calcio",
    )


def test_a_headline_club_talked_with_is_the_seller_across_the_headlines_parts() -> None:
    found = claims(tag("Nessuna offerta ancora.", "it", title="Tomori, la Juventus accelera: contatti con il Milan"))
    assert found == {("Fikayo Tomori", "it/juventus"): "talks"}


NOT_YET = [
    (
        "en",
        "Juventus are in talks with Milan over Fikayo Tomori, but there is no agreement yet.",
        "it/juventus",
        "talks",
    ),
    ("en", "Juventus have yet to reach an agreement with Milan for Fikayo Tomori.", "it/juventus", "talks"),
    ("it", "La Juventus tratta con il Milan per Fikayo Tomori, ma l'accordo non c'è ancora.", "it/juventus", "talks"),
    (
        "es",
        "El Sevilla negocia con el Barcelona por Dani Olmo, aunque todavía no hay acuerdo.",
        "es/sevilla-fc",
        "talks",
    ),
    (
        "de",
        "Der BVB verhandelt mit den Bayern über Thomas Müller. Eine Einigung gibt es noch nicht.",
        "de/borussia-dortmund",
        "talks",
    ),
    (
        "de",
        "Der BVB hat Interesse an Thomas Müller. Ein Angebot liegt noch nicht vor.",
        "de/borussia-dortmund",
        "interest",
    ),
    (
        "fr",
        "L'OM discute avec le PSG pour João Neves, mais aucun accord n'a encore été trouvé.",
        "fr/olympique-de-marseille",
        "talks",
    ),
    ("pt", "O Porto negoceia com o Benfica por Orkun Kökçü, mas ainda não há acordo.", "pt/fc-porto", "talks"),
    ("it", "Il trasferimento di Fikayo Tomori alla Juventus non è ancora ufficiale.", "it/juventus", "agreement"),
]


@pytest.mark.parametrize(("language", "text", "club", "kind"), NOT_YET)
def test_a_step_not_yet_taken_is_the_step_before_it(language: str, text: str, club: str, kind: str) -> None:
    by_club = {club_key: kind for (_, club_key), kind in claims(tag(text, language)).items()}
    assert by_club.get(club) == kind


def test_a_missing_agreement_in_the_next_clause_is_not_the_buyers_denial() -> None:
    found = claims(tag("O Porto negoceia com o Benfica por Orkun Kökçü, mas não há acordo.", "pt"))
    assert found == {("Orkun Kökçü", "pt/fc-porto"): "talks"}


def test_a_want_that_governs_a_sale_is_the_sellers_exit() -> None:
    found = claims(tag("Der BVB will Serhou Guirassy nur gegen eine hohe Ablöse abgeben.", "de"))
    assert found == {("Serhou Guirassy", "de/borussia-dortmund"): "exit"}


def test_an_eye_on_a_player_is_interest_in_german() -> None:
    found = claims(tag("Laut Bild hat der FC Bayern ein Auge auf Serhou Guirassy geworfen.", "de"))
    assert found == {("Serhou Guirassy", "de/fc-bayern-munchen"): "interest"}


def test_weighing_a_player_leaving_a_club_is_interest_and_the_club_he_leaves_is_his() -> None:
    # The knowledge base has Kalulu at Juventus; the article says he is leaving Milan.
    result = tag("Il Napoli valuta il profilo di Pierre Kalulu, difensore in uscita dal Milan.", "it")
    assert claims(result) == {("Pierre Kalulu", "it/ssc-napoli"): "interest"}
    assert club_key(result.claims[0].from_club_id) == "it/ac-milan"


def test_a_role_after_a_players_name_that_titles_the_next_name_is_not_his() -> None:
    result = tag("Napoli have ruled out a move for Mario Gila, sporting director Giovanni Manna told reporters.", "en")
    assert [p.name for p in result.players] == ["Mario Gila"]
    assert claims(result) == {("Mario Gila", "it/ssc-napoli"): "denial"}


def test_a_nickname_two_named_clubs_share_goes_to_the_one_the_article_is_about() -> None:
    text = (
        "L'Inter ha presentato all'Atalanta un'offerta da 40 milioni per Ademola Lookman. "
        "Il nigeriano ha già un accordo con i nerazzurri."
    )
    found = claims(tag(text, "it", title="Inter, si accelera per Lookman"))
    assert found == {("Ademola Lookman", "it/fc-internazionale-milano"): "agreement"}


def test_an_offer_to_a_club_may_name_its_worth_before_the_player() -> None:
    # The knowledge base has Kalulu at Juventus; the offer goes to Milan, so Milan is his club.
    [claim] = tag("Napoli have made an offer to Milan worth €20m for Pierre Kalulu.", "en").claims
    assert (club_key(claim.club_id), claim.kind, club_key(claim.from_club_id)) == (
        "it/ssc-napoli",
        "bid",
        "it/ac-milan",
    )


REACHED_AGREEMENT = [
    ("it", "La Juventus ha raggiunto l'accordo con il Milan per Fikayo Tomori.", "Fikayo Tomori", "it/juventus"),
    ("es", "El Sevilla llegó a un acuerdo con el Athletic por Nico Williams.", "Nico Williams", "es/sevilla-fc"),
    ("fr", "L'OM est arrivé à un accord avec le PSG pour João Neves.", "João Neves", "fr/olympique-de-marseille"),
]


@pytest.mark.parametrize(("language", "text", "player", "club"), REACHED_AGREEMENT)
def test_reaching_an_agreement_is_no_arrival(language: str, text: str, player: str, club: str) -> None:
    assert claims(tag(text, language)).get((player, club)) == "agreement"


BUY_OUTS = [
    ("en", "Napoli have triggered the option to buy Pierre Kalulu from Juventus.", "completed"),
    ("it", "Il Napoli ha riscattato Pierre Kalulu dalla Juventus per 20 milioni.", "completed"),
    ("es", "El Sevilla ejercerá la opción de compra de Pierre Kalulu.", "agreement"),
    ("fr", "L'OM a levé l'option d'achat de Pierre Kalulu.", "completed"),
    ("de", "Der BVB zieht die Kaufoption für Pierre Kalulu.", "completed"),
    ("pt", "O Benfica exerceu a opção de compra de Pierre Kalulu.", "completed"),
]


@pytest.mark.parametrize(("language", "text", "kind"), BUY_OUTS)
def test_buying_a_player_out_of_his_loan_is_a_move(language: str, text: str, kind: str) -> None:
    kinds = {k for (player, club), k in claims(tag(text, language)).items() if club != "it/juventus"}
    assert kinds == {kind}


def test_from_right_after_the_name_is_his_club_but_after_a_participle_it_means_by() -> None:
    result = tag("Il Napoli ha acquistato Mario Gila dalla Lazio. Fikayo Tomori, seguito dalla Juventus, piace.", "it")
    assert claims(result) == {
        ("Mario Gila", "it/ssc-napoli"): "completed",
        ("Fikayo Tomori", "it/juventus"): "interest",
    }


def test_signed_by_a_club_is_a_move_to_it() -> None:
    assert claims(tag("Mario Gila has been snapped up by Napoli.", "en")) == {
        ("Mario Gila", "it/ssc-napoli"): "completed"
    }


LOANED_BY = [
    ("es", "El Sevilla ha fichado a Pierre Kalulu, cedido por la Juventus.", "es/sevilla-fc"),
    ("fr", "L'OM a recruté Pierre Kalulu, prêté par la Juventus.", "fr/olympique-de-marseille"),
]


@pytest.mark.parametrize(("language", "text", "club"), LOANED_BY)
def test_the_club_that_lends_him_behind_an_article_is_where_he_comes_from(language: str, text: str, club: str) -> None:
    [claim] = tag(text, language).claims
    assert (club_key(claim.club_id), claim.kind, club_key(claim.from_club_id)) == (club, "completed", "it/juventus")


SIGNINGS_IN_THE_PRESENT = [
    ("it", "Il Napoli ha tesserato Mario Gila.", "it/ssc-napoli"),
    ("it", "Pierre Kalulu passa al Napoli.", "it/ssc-napoli"),
    ("es", "Mario Gila ficha por el Sevilla.", "es/sevilla-fc"),
    ("de", "Der BVB holt Thomas Müller.", "de/borussia-dortmund"),
    ("de", "Thomas Müller wechselt zum BVB.", "de/borussia-dortmund"),
    ("fr", "L'OM s'offre Mario Gila.", "fr/olympique-de-marseille"),
]


@pytest.mark.parametrize(("language", "text", "club"), SIGNINGS_IN_THE_PRESENT)
def test_a_signing_told_in_the_present_is_completed(language: str, text: str, club: str) -> None:
    assert {c: k for (_, c), k in claims(tag(text, language)).items()} == {club: "completed"}


def test_an_outlet_after_reports_is_credited() -> None:
    result = tag("Juventus are in talks with Lazio over Mario Gila, reports Tuttosport.", "en")
    assert [c.name for c in result.cited] == ["Tuttosport"]


CREDITS = [
    ("es", "El Sevilla quiere a Mario Gila, tal y como adelantó Marca.", "Marca"),
    ("pt", "O Benfica quer Mario Gila, segundo apurou A Bola.", "A Bola"),
    ("de", "Nach Informationen der Bild will der BVB Mario Gila.", "Bild"),
]


@pytest.mark.parametrize(("language", "text", "outlet"), CREDITS)
def test_more_ways_to_credit_an_outlet(language: str, text: str, outlet: str) -> None:
    assert [c.name for c in tag(text, language).cited] == [outlet]


DENIALS_WORDED_INDIRECTLY = [
    ("en", "Napoli have distanced themselves from reports linking them with Pierre Kalulu.", "it/ssc-napoli"),
    ("en", "Napoli have no intention of signing Pierre Kalulu, sources say.", "it/ssc-napoli"),
    ("en", "The move for Pierre Kalulu to Napoli is off.", "it/ssc-napoli"),
    ("it", "Il Napoli si è tirato fuori dalla corsa per Pierre Kalulu.", "it/ssc-napoli"),
    ("fr", "La piste Pierre Kalulu est abandonnée par l'OM.", "fr/olympique-de-marseille"),
]


@pytest.mark.parametrize(("language", "text", "club"), DENIALS_WORDED_INDIRECTLY)
def test_a_denial_worded_indirectly(language: str, text: str, club: str) -> None:
    assert claims(tag(text, language)) == {("Pierre Kalulu", club): "denial"}


RENEWALS_TO_A_CLUB = [
    ("en", "Mario Gila has committed his future to Lazio."),
    ("fr", "Mario Gila prolonge à la Lazio jusqu'en 2030."),
]


@pytest.mark.parametrize(("language", "text"), RENEWALS_TO_A_CLUB)
def test_a_renewal_leading_straight_to_a_club_renews_with_it(language: str, text: str) -> None:
    assert claims(tag(text, language)) == {("Mario Gila", "it/ss-lazio"): "renewal"}


WANTED_OF_A_CLUB = [
    ("es", "Mario Gila, en la órbita del Sevilla.", "es/sevilla-fc"),
    ("de", "Mario Gila ist ein Thema beim BVB.", "de/borussia-dortmund"),
    ("pt", "Mario Gila está na mira do Benfica.", "pt/sl-benfica"),
]


@pytest.mark.parametrize(("language", "text", "club"), WANTED_OF_A_CLUB)
def test_words_of_wanting_before_of_make_the_club_the_one_that_wants_him(language: str, text: str, club: str) -> None:
    assert claims(tag(text, language)) == {("Mario Gila", club): "interest"}


def test_a_question_opening_a_sentence_is_no_enquiry() -> None:
    text = 'Asked about Mario Gila, Napoli director Giovanni Manna said: "He is a good player."'
    assert claims(tag(text, "en")) == {}
    assert claims(tag("Napoli have asked about Mario Gila.", "en")) == {("Mario Gila", "it/ssc-napoli"): "talks"}


def test_a_hedged_offer_to_a_club_still_makes_it_the_seller() -> None:
    found = claims(tag("Conte: «Gila mi piace». Il Napoli potrebbe fare un'offerta alla Lazio.", "it"))
    assert found == {("Mario Gila", "it/ssc-napoli"): "interest"}


def test_a_move_away_from_a_club_is_an_exit_from_it() -> None:
    # The knowledge base has Kalulu at Juventus; the article has him leaving Milan.
    assert claims(tag("Pierre Kalulu is pushing for a move away from Milan.", "en")) == {
        ("Pierre Kalulu", "it/ac-milan"): "exit"
    }


def test_the_club_a_player_or_his_sale_is_asked_of_is_his() -> None:
    assert claims(tag("Pierre Kalulu ha chiesto la cessione al Milan.", "it")) == {
        ("Pierre Kalulu", "it/ac-milan"): "exit"
    }
    [claim] = tag("Il Napoli ha chiesto Pierre Kalulu al Milan.", "it").claims
    assert (club_key(claim.club_id), claim.kind, club_key(claim.from_club_id)) == (
        "it/ssc-napoli",
        "talks",
        "it/ac-milan",
    )


def test_a_signing_before_of_makes_the_club_his_new_one() -> None:
    assert claims(tag("Oficial: Mario Gila, nuevo jugador del Sevilla.", "es")) == {
        ("Mario Gila", "es/sevilla-fc"): "completed"
    }


def test_the_club_he_arrived_from_is_no_destination() -> None:
    found = claims(tag("Il Napoli ha ingaggiato Fikayo Tomori, arrivato dal Milan nel 2021.", "it"))
    assert found == {("Fikayo Tomori", "it/ssc-napoli"): "completed"}


def test_the_club_that_trained_him_is_no_destination() -> None:
    found = claims(tag("L'OM suit le jeune milieu Théo Marchand, formé au PSG.", "fr"))
    assert found == {("Théo Marchand", "fr/olympique-de-marseille"): "interest"}


LISTENING_TO_OFFERS = [
    ("it", "La Lazio valuterà le offerte per Mario Gila."),
    ("es", "La Lazio escuchará ofertas por Mario Gila."),
]


@pytest.mark.parametrize(("language", "text"), LISTENING_TO_OFFERS)
def test_a_club_listening_to_offers_for_its_player_is_an_exit(language: str, text: str) -> None:
    assert claims(tag(text, language)) == {("Mario Gila", "it/ss-lazio"): "exit"}


def test_a_coach_asked_about_a_player_holds_no_talks() -> None:
    result = tag("Juventus want Mario Gila. Antonio Conte was asked about the Lazio defender on Tuesday.", "en")
    assert [p.name for p in result.players] == ["Mario Gila"]
    assert claims(result) == {("Mario Gila", "it/juventus"): "interest"}


def test_the_club_that_owns_him_is_no_destination() -> None:
    found = claims(tag("O Benfica quer Mario Gila. O Sporting também segue o defesa pertencente à Juventus.", "pt"))
    assert found == {("Mario Gila", "pt/sl-benfica"): "interest", ("Mario Gila", "pt/sporting-cp"): "interest"}


ENGLISH_MOVES = [
    ("Napoli are close to agreeing a deal with Lazio for Mario Gila.", "it/ssc-napoli", "agreement"),
    ("Napoli close to Mario Gila.", "it/ssc-napoli", "agreement"),
    ("Mario Gila's move to Napoli has collapsed.", "it/ssc-napoli", "denial"),
]


@pytest.mark.parametrize(("text", "club", "kind"), ENGLISH_MOVES)
def test_english_moves_close_and_collapsed(text: str, club: str, kind: str) -> None:
    assert claims(tag(text, "en")).get(("Mario Gila", club)) == kind


def test_the_club_he_is_loaned_from_is_no_destination() -> None:
    found = claims(tag("Pierre Kalulu has joined Napoli on a season-long loan from Milan.", "en"))
    assert found == {("Pierre Kalulu", "it/ssc-napoli"): "completed"}


def test_a_denial_in_the_clause_right_after_a_club_is_its() -> None:
    found = claims(tag("Il Napoli è vicino a Mario Gila. C'era anche la Juventus, che però si è defilata.", "it"))
    assert found.get(("Mario Gila", "it/juventus")) == "denial"


AGREED_RENEWALS = [
    ("fr", "La Lazio et Mario Gila ont trouvé un accord pour une prolongation jusqu'en 2030."),
    ("it", "La Lazio e Mario Gila hanno trovato l'accordo per il rinnovo fino al 2030."),
]


@pytest.mark.parametrize(("language", "text"), AGREED_RENEWALS)
def test_an_agreement_about_a_renewal_is_a_renewal(language: str, text: str) -> None:
    assert claims(tag(text, language)) == {("Mario Gila", "it/ss-lazio"): "renewal"}


NEGATED_INTEREST = [
    ("en", "Napoli are not looking at Mario Gila."),
    ("it", "Il Napoli non è interessato a Mario Gila."),
    ("es", "El Napoli no piensa en Mario Gila."),
    ("pt", "O Napoli não está interessado em Mario Gila."),
    ("de", "Napoli hat Mario Gila nicht auf dem Zettel."),
]


@pytest.mark.parametrize(("language", "text"), NEGATED_INTEREST)
def test_a_negated_interest_is_a_denial(language: str, text: str) -> None:
    assert claims(tag(text, language)) == {("Mario Gila", "it/ssc-napoli"): "denial"}


def test_not_only_and_no_club_negate_no_interest() -> None:
    text = "Non solo il Napoli è interessato a Mario Gila."
    assert claims(tag(text, "it")) == {("Mario Gila", "it/ssc-napoli"): "interest"}
    text = "Napoli and Juventus are keen on Mario Gila, though no club wants an expensive deal."
    assert set(claims(tag(text, "en")).values()) == {"interest"}


def test_a_word_ending_like_a_negation_negates_nothing() -> None:
    # "Milano" ends in "no", "Dani" in "ni": a window cut into the word must not find them.
    found = claims(tag("FC Internazionale Milano have opened talks over Mario Gila.", "en"))
    assert found == {("Mario Gila", "it/fc-internazionale-milano"): "talks"}
    assert claims(tag("Mario Gila es una prioridad para el Sevilla.", "es")) == {
        ("Mario Gila", "es/sevilla-fc"): "interest"
    }


def test_a_want_that_governs_a_renewal_is_no_denial() -> None:
    found = claims(tag("Mario Gila no quiere renovar con su club; el Sevilla presiona para incorporarlo.", "es"))
    assert found.get(("Mario Gila", "es/sevilla-fc")) == "interest"


FUTURE_MOVES = [
    ("en", "Mario Gila will sign for Napoli.", "it/ssc-napoli"),
    ("it", "Mario Gila firmerà con il Napoli.", "it/ssc-napoli"),
    ("es", "Mario Gila fichará por el Sevilla.", "es/sevilla-fc"),
    ("fr", "Mario Gila signera à l'OM.", "fr/olympique-de-marseille"),
]


@pytest.mark.parametrize(("language", "text", "club"), FUTURE_MOVES)
def test_a_move_told_in_the_future_is_agreed(language: str, text: str, club: str) -> None:
    assert claims(tag(text, language)) == {("Mario Gila", club): "agreement"}


def test_a_target_called_the_next_reinforcement_is_no_signing() -> None:
    found = claims(tag("Mario Gila pode ser o próximo reforço do Benfica.", "pt"))
    assert found == {("Mario Gila", "pt/sl-benfica"): "interest"}


def test_signing_with_a_club_after_leaving_another_joins_it() -> None:
    found = claims(tag("Pierre Kalulu, svincolato dal Milan, ha firmato con il Napoli.", "it"))
    assert found == {("Pierre Kalulu", "it/ssc-napoli"): "completed"}


def test_a_man_quoted_after_a_verb_of_speech_is_no_source() -> None:
    assert tag("Der FC Bayern will Thomas Müller halten, so Vincent Kompany.", "de").cited == []
    assert [c.name for c in tag("Der BVB will Thomas Müller, so die Bild.", "de").cited] == ["Bild"]


def test_a_club_named_like_a_common_word_counts_after_an_article() -> None:
    found = claims(tag("Mario Gila fue cedido al Como por la Lazio.", "es"))
    assert found == {("Mario Gila", "it/como-1907"): "completed"}
    assert claims(tag("Como se esperaba, el Sevilla quiere a Mario Gila.", "es")) == {
        ("Mario Gila", "es/sevilla-fc"): "interest"
    }


def _with_a_minor_club(alias: str) -> Gazetteer:
    """The test base and a little-known club whose short name is an ordinary word or place."""
    club = ClubEntry(9301, "xx/sv-adler", "SV Adler Neustadt", "DE", "", 1, (AliasEntry(alias, "", "short", False),))
    return Gazetteer(
        clubs=[*GAZETTEER.clubs.values(), club], players=GAZETTEER.players.values(), outlets=GAZETTEER.outlets.values()
    )


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("Lazio have signed Mario Gila before the Europa League tie.", "Europa"),  # a place
        ("Lazio have signed Mario Gila, a great start for the window. Start of a new era.", "Start"),  # a word
    ],
)
def test_a_little_known_club_is_not_read_from_an_ordinary_word(text: str, alias: str) -> None:
    result = tag_article(text=text, gazetteer=_with_a_minor_club(alias), language="en", rules_only=True)
    assert "SV Adler Neustadt" not in [c.name for c in result.clubs]


def test_a_little_known_club_named_in_full_is_read_by_its_short_name_too() -> None:
    text = "SV Adler Neustadt have signed Mario Gila, a fine start. Start paid two million euros for him."
    result = tag_article(text=text, gazetteer=_with_a_minor_club("Start"), language="en", rules_only=True)
    [adler] = [c for c in result.clubs if c.name == "SV Adler Neustadt"]
    assert len(adler.spans) == 2
