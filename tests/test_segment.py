"""Dutch sentence splitting and over-long sentence cutting: edge-case tables, invariants, eval-set F1."""


from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import load_script

from translate.segment import PREFIX_CHARS_PER_TOKEN, counted_prefix, fits_tokens, split_sentences, split_to_fit

ROOT = Path(__file__).resolve().parent.parent

SPLITS = [
    # ellipses: a capital after them starts a sentence, lower case continues it, an omission "(...)" never ends
    ("Hij aarzelde... Toen ging hij.", ["Hij aarzelde...", "Toen ging hij."]),
    ("Hij aarzelde… Toen ging hij.", ["Hij aarzelde…", "Toen ging hij."]),
    ("Dus ja... ik zie de bui al hangen.", ["Dus ja... ik zie de bui al hangen."]),
    ("Hij zei (...) Daarna niets meer.", ["Hij zei (...) Daarna niets meer."]),
    # quotes: the closing quote stays with its sentence; a lower-case continuation stays in it
    ("‘Dit is het.’ Daarna ging hij.", ["‘Dit is het.’", "Daarna ging hij."]),
    (
        "‘Dit is het gevaarlijkste moment,’ zei Johnson. ‘Echt.’",
        ["‘Dit is het gevaarlijkste moment,’ zei Johnson.", "‘Echt.’"],
    ),
    ("‘Kom hier!’ riep hij. Maar de hond bleef.", ["‘Kom hier!’ riep hij.", "Maar de hond bleef."]),
    ("“Dit is onacceptabel.” Het onderzoek volgt.", ["“Dit is onacceptabel.”", "Het onderzoek volgt."]),
    (
        ",,Dit had slecht kunnen aflopen'', zegt de politie. ,,Het is een wonder.'' De vrouw is aangehouden.",
        [",,Dit had slecht kunnen aflopen'', zegt de politie.", ",,Het is een wonder.''", "De vrouw is aangehouden."],
    ),
    (
        '"Waarom?" vroeg hij. "Ze wisten het!" De gemeente ontkent.',
        ['"Waarom?" vroeg hij.', '"Ze wisten het!"', "De gemeente ontkent."],
    ),
    ("'Dat is waar,' gaf ze toe. 'Maar ik had geen keus.'", ["'Dat is waar,' gaf ze toe.", "'Maar ik had geen keus.'"]),
    (
        "Ze riep: ‘Wat een avond!’ Voor het CDA was het slecht.",
        ["Ze riep: ‘Wat een avond!’", "Voor het CDA was het slecht."],
    ),
    (
        "Zijn broer zei: ,,Het is klaar. Zonder hem gaat het niet.''",
        ["Zijn broer zei: ,,Het is klaar.", "Zonder hem gaat het niet.''"],
    ),
    # brackets
    (
        "Het verslag (zie bijlage 3) is klaar. (Het persbericht staat online.) Lees het.",
        ["Het verslag (zie bijlage 3) is klaar.", "(Het persbericht staat online.)", "Lees het."],
    ),
    (
        "De reserve daalt naar € 14,8 mln. (was € 16,0 mln.). Dat is zorgelijk.",
        ["De reserve daalt naar € 14,8 mln. (was € 16,0 mln.).", "Dat is zorgelijk."],
    ),
    # Dutch elision, IJ, brand names in lower case
    ("Het was laat. ’s Avonds sliep hij.", ["Het was laat.", "’s Avonds sliep hij."]),
    (
        "Het dorp ontwaakt. 's Morgens gaat de bakker open. 't Is klein.",
        ["Het dorp ontwaakt.", "'s Morgens gaat de bakker open.", "'t Is klein."],
    ),
    ("Ze woont in Breda. 's-Hertogenbosch is mooier.", ["Ze woont in Breda.", "'s-Hertogenbosch is mooier."]),
    ("Hij belde om drie uur ’s nachts op. Hij huilde.", ["Hij belde om drie uur ’s nachts op.", "Hij huilde."]),
    ("Ze vloog naar Reykjavik. IJsland is koud.", ["Ze vloog naar Reykjavik.", "IJsland is koud."]),
    ("Ik kocht een telefoon. iPhones zijn duur.", ["Ik kocht een telefoon.", "iPhones zijn duur."]),
    # ? and !
    ("Wie had dit gedacht?! Go Ahead won.", ["Wie had dit gedacht?!", "Go Ahead won."]),
    (
        "Het stadion ontplofte!!! Supporters bestormden het veld.",
        ["Het stadion ontplofte!!!", "Supporters bestormden het veld."],
    ),
    ("Waarom Lissabon? ‘Het licht.’", ["Waarom Lissabon?", "‘Het licht.’"]),
    # a detached opening quote or bracket goes with the word after it (real Trouw text: ",, Tien jaar")
    (
        "Dat concludeert Lode. ,, Tien jaar geleden was het anders.",
        ["Dat concludeert Lode.", ",, Tien jaar geleden was het anders."],
    ),
    (
        "Het rapport ( zie bijlage) is klaar. ( Het staat online.)",
        ["Het rapport ( zie bijlage) is klaar.", "( Het staat online.)"],
    ),
    # titles, initials and leading abbreviations never end a sentence
    (
        "Aanwezig waren o.a. burgemeester J.F.M. van Vught en prof. dr. A.B.C. de Vries.",
        ["Aanwezig waren o.a. burgemeester J.F.M. van Vught en prof. dr. A.B.C. de Vries."],
    ),
    ("Dhr. Smit en Mevr. De Boer kwamen. Ze waren laat.", ["Dhr. Smit en Mevr. De Boer kwamen.", "Ze waren laat."]),
    (
        "Advocaat mr. P. van der Linden pleitte. Hij verloor.",
        ["Advocaat mr. P. van der Linden pleitte.", "Hij verloor."],
    ),
    ("Het was J.F. Kennedy. W. Hoekstra zei het.", ["Het was J.F. Kennedy.", "W. Hoekstra zei het."]),
    ("Wethouder F. (Floor) Roduner sprak.", ["Wethouder F. (Floor) Roduner sprak."]),
    ("Dit is plan B. Het werkt.", ["Dit is plan B.", "Het werkt."]),
    ("Washington D.C. is de hoofdstad.", ["Washington D.C. is de hoofdstad."]),
    (
        "De zitting is in St. Michielsgestel, a.s. maandag om 19.30 uur.",
        ["De zitting is in St. Michielsgestel, a.s. maandag om 19.30 uur."],
    ),
    ("Amerikanen moeten z.s.m. Oekraïne verlaten.", ["Amerikanen moeten z.s.m. Oekraïne verlaten."]),
    (
        "Het ging i.p.v. m.b.t. de zaak t.a.v. de raad n.a.v. klachten, d.w.z. nu.",
        ["Het ging i.p.v. m.b.t. de zaak t.a.v. de raad n.a.v. klachten, d.w.z. nu."],
    ),
    (
        "Er komen ca. 50 mensen. Zie blz. 14 e.v. van het voorstel.",
        ["Er komen ca. 50 mensen.", "Zie blz. 14 e.v. van het voorstel."],
    ),
    ("Er kwam een zgn. stopstick aan te pas.", ["Er kwam een zgn. stopstick aan te pas."]),
    # trailing abbreviations: end a sentence before a capital, not before a digit
    (
        "Ze bezochten Groningen, Zwolle enz. De volgende dag waren ze terug.",
        ["Ze bezochten Groningen, Zwolle enz.", "De volgende dag waren ze terug."],
    ),
    ("Op sport, cultuur etc. Niemand ontkomt eraan.", ["Op sport, cultuur etc.", "Niemand ontkomt eraan."]),
    ("ChatGPT, Bard etc. zijn populair.", ["ChatGPT, Bard etc. zijn populair."]),
    ("Op 5 jan. 2022 gebeurde het.", ["Op 5 jan. 2022 gebeurde het."]),
    ("Dat gebeurde op 5 jan. Daarna bleef het stil.", ["Dat gebeurde op 5 jan.", "Daarna bleef het stil."]),
    ("Ik belde ma. Ze nam niet op.", ["Ik belde ma.", "Ze nam niet op."]),
    ("Het debat is op wo. 21 sept. om 10.15 uur.", ["Het debat is op wo. 21 sept. om 10.15 uur."]),
    ("Hij won op 3 mei jl. De finale volgt.", ["Hij won op 3 mei jl.", "De finale volgt."]),
    # quantities: end before a capital, except before a people or its adjective
    ("Het kost € 3,5 mld. Dat is veel.", ["Het kost € 3,5 mld.", "Dat is veel."]),
    ("Het kost € 25 p.p. De prijs is incl. btw.", ["Het kost € 25 p.p.", "De prijs is incl. btw."]),
    ("Het kabinet geeft € 3,5 mld. extra uit.", ["Het kabinet geeft € 3,5 mld. extra uit."]),
    ("Er gaat € 2 mld. Europese steun naar Italië.", ["Er gaat € 2 mld. Europese steun naar Italië."]),
    ("Er wonen 330 mln. Amerikanen in de VS.", ["Er wonen 330 mln. Amerikanen in de VS."]),
    ("De file was 20 km. Weggebruikers werden omgeleid.", ["De file was 20 km.", "Weggebruikers werden omgeleid."]),
    ("Het werd 29 gr. en later 31 graden.", ["Het werd 29 gr. en later 31 graden."]),
    # numbers, times, dates, list numbers
    ("Het was 12.30 uur. De trein vertrok.", ["Het was 12.30 uur.", "De trein vertrok."]),
    (
        "Er kwamen 1.000.000 bezoekers. Pi is ongeveer 3.14. Dat weet iedereen.",
        ["Er kwamen 1.000.000 bezoekers.", "Pi is ongeveer 3.14.", "Dat weet iedereen."],
    ),
    ("De uitslag: 1. Ajax, 2. PSV, 3. Feyenoord.", ["De uitslag: 1. Ajax, 2. PSV, 3. Feyenoord."]),
    ("1. Winkels sluiten om 17.00 uur.", ["1. Winkels sluiten om 17.00 uur."]),
    (
        "De maatregelen. 1. Winkels dicht. 2. Horeca dicht.",
        ["De maatregelen.", "1. Winkels dicht.", "2. Horeca dicht."],
    ),
    ("Hij eindigde als nr. 2. Daarna ging hij.", ["Hij eindigde als nr. 2.", "Daarna ging hij."]),
    ("Max werd 2. Lewis 3.", ["Max werd 2.", "Lewis 3."]),
    ("De cijfers staan in tabel 2. Zie blz. 7.", ["De cijfers staan in tabel 2.", "Zie blz. 7."]),
    ("Het record is van 1922. 2023 wordt warmer.", ["Het record is van 1922.", "2023 wordt warmer."]),
    ("Het kost nog ca. € 25. ‘Wij kunnen niet anders.’", ["Het kost nog ca. € 25.", "‘Wij kunnen niet anders.’"]),
    ("Feyenoord won met 2-1. AZ speelde 1-1.", ["Feyenoord won met 2-1.", "AZ speelde 1-1."]),
    # web and mail addresses
    ("Kijk op www.nos.nl. Daar staat alles.", ["Kijk op www.nos.nl.", "Daar staat alles."]),
    (
        "Mail naar naam@bedrijf.nl of bel. Zie https://www.knmi.nl/a.b/c.html voor meer.",
        ["Mail naar naam@bedrijf.nl of bel.", "Zie https://www.knmi.nl/a.b/c.html voor meer."],
    ),
    (
        "Een preprint staat op arxiv.org. De resultaten volgen.",
        ["Een preprint staat op arxiv.org.", "De resultaten volgen."],
    ),
    # degenerate input
    ("", []),
    ("Hallo.", ["Hallo."]),
    ("geen punt aan het eind", ["geen punt aan het eind"]),
]


@pytest.mark.parametrize(("paragraph", "expected"), SPLITS)
def test_split_sentences(paragraph: str, expected: list[str]) -> None:
    assert split_sentences(paragraph) == expected


VOCABULARY_TEXT = (
    "de het een en Hij Ze zei. dhr. J.F. o.a. 3.5 1.000 € mln. enz. jan. 2022 ‘Dit het.’ ,,Ja'' "
    "... … ?! !!! (zie kaart). 's Avonds ’t www.nos.nl. naam@x.nl 1. 2-1 IJsland mr. Smit, riep ? ! ."
)
VOCABULARY = VOCABULARY_TEXT.split()


def random_paragraphs(count: int) -> list[str]:
    rng = random.Random(0)
    return [" ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(1, 60))) for _ in range(count)]


def eval_paragraphs() -> list[str]:
    data = ROOT / "tests" / "data"
    texts = [*(data / "splitter_eval").glob("*/*.txt"), *(data / "splitter_real").glob("*/*.txt")]
    return [" ".join(block.split()) for path in texts for block in path.read_text(encoding="utf-8").split("\n\n")]


@pytest.mark.parametrize("paragraph", random_paragraphs(500) + eval_paragraphs())
def test_split_sentences_joins_back(paragraph: str) -> None:
    sentences = split_sentences(paragraph)
    assert " ".join(sentences) == paragraph
    assert all(s and s == s.strip() for s in sentences)


# --- split_to_fit -------------------------------------------------------------------------------


def count_words(text: str) -> int:
    return len(text.split())


def assert_fits(sentence: str, pieces: list[str], count_tokens, max_tokens: int) -> None:
    assert "".join(pieces) == sentence
    assert all(p.strip() and count_tokens(p.strip()) <= max_tokens for p in pieces)


def test_split_to_fit_returns_a_fitting_sentence_whole() -> None:
    assert split_to_fit("Een korte zin.", count_words, 10) == ["Een korte zin."]


def test_split_to_fit_long_unpunctuated_sentence_by_words() -> None:
    sentence = " ".join(f"woord{i}" for i in range(3000))
    calls = []
    pieces = split_to_fit(sentence, lambda t: calls.append(t) or count_words(t), 100)
    assert_fits(sentence, pieces, count_words, 100)
    assert [count_words(p) for p in pieces] == [100] * 30  # greedy: every piece as large as fits
    assert pieces[0].endswith(" ")  # the trailing space stays with the piece
    assert len(calls) < 30 * 20  # galloping search, not a call per word


def test_split_to_fit_counts_a_huge_sentence_only_in_bounded_parts() -> None:
    # A dump without punctuation (issue 20): counting it whole cost memory in proportion to it. The counter is
    # given texts of a bounded size, a bounded number of times per piece.
    sentence = " ".join(f"woord{i % 997}" for i in range(100_000))
    sizes: list[int] = []
    pieces = split_to_fit(sentence, lambda t: sizes.append(len(t)) or count_words(t), 100)
    assert_fits(sentence, pieces, count_words, 100)
    assert len(pieces) == 1000
    assert max(sizes) <= PREFIX_CHARS_PER_TOKEN * 100 < len(sentence) / 100
    assert len(sizes) < 20 * len(pieces)


def test_fits_tokens_counts_whole_where_the_prefix_fits() -> None:
    # A text whose prefix fits is counted whole: the prefix is only a shortcut to "does not fit".
    sentence = " ".join(["x" * 40] * 300)  # 300 "tokens" of 41 characters: the prefix at 32 per token holds 78
    calls: list[int] = []
    assert not fits_tokens(sentence, lambda t: calls.append(len(t)) or count_words(t), 100)
    assert calls[-1] == len(sentence)
    assert fits_tokens(sentence, count_words, 300)
    assert counted_prefix("kort", 1) == "kort"
    assert counted_prefix("a" * 100, 1) == "a" * PREFIX_CHARS_PER_TOKEN  # no space: cut inside the word


def test_split_to_fit_long_unpunctuated_sentence_by_characters() -> None:
    sentence = " ".join(f"woord{i}" for i in range(3000))
    pieces = split_to_fit(sentence, len, 200)
    assert_fits(sentence, pieces, len, 200)
    assert all(len(p.strip()) > 190 for p in pieces[:-1])


def test_split_to_fit_cuts_inside_a_word_only_as_a_last_resort() -> None:
    sentence = "Begin " + "x" * 5000 + " einde."
    pieces = split_to_fit(sentence, len, 100)
    assert_fits(sentence, pieces, len, 100)
    assert pieces[0] == "Begin "  # the word boundary before the long word is used first
    assert all(len(p) == 100 for p in pieces[1:-2])


def test_split_to_fit_prefers_clause_boundaries() -> None:
    sentence = "De minister zei dinsdag in Den Haag, na lang overleg met de Kamer, dat het plan door zou gaan"
    pieces = split_to_fit(sentence, count_words, 15)  # 15 words would end in "dat het "
    assert_fits(sentence, pieces, count_words, 15)
    assert pieces[0] == "De minister zei dinsdag in Den Haag, na lang overleg met de Kamer, "


@pytest.mark.parametrize("sentence", ["  voor en na  ", "  " + "y" * 30 + "  z  "])
def test_split_to_fit_keeps_outer_whitespace_in_visible_pieces(sentence: str) -> None:
    assert_fits(sentence, split_to_fit(sentence, len, 4), len, 4)


def test_split_to_fit_rejects_an_impossible_budget() -> None:
    with pytest.raises(ValueError, match="max_tokens"):
        split_to_fit("abc def", lambda t: len(t) + 5, 3)


@pytest.mark.parametrize("sentence", random_paragraphs(100))
@pytest.mark.parametrize("max_tokens", [3, 7, 40])
def test_split_to_fit_invariants(sentence: str, max_tokens: int) -> None:
    pieces = split_to_fit(sentence, len, max_tokens)
    assert_fits(sentence, pieces, len, max_tokens)


# --- accuracy on the hand-split eval set --------------------------------------------------------


@pytest.mark.parametrize("part", ["heldout", "dev"])
def test_boundary_f1_on_eval_set(part: str) -> None:
    scores = load_script("eval_splitter").score(split_sentences, part)
    assert scores.true_positives > 150  # the set is there and was read
    assert scores.f1 >= 0.99, "\n".join(scores.errors)


@pytest.mark.parametrize("part", ["heldout", "dev"])
def test_boundary_f1_on_real_newspaper_text(part: str) -> None:
    """Trouw articles with the UD Dutch-Alpino treebank's human sentence split; see the README there."""
    scores = load_script("eval_splitter").score(split_sentences, part, ROOT / "tests" / "data" / "splitter_real")
    assert scores.true_positives > 80  # the set is there and was read
    assert scores.f1 >= 0.99, "\n".join(scores.errors)
