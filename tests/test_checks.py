from pathlib import Path

import pytest

from translate.articles import parse_text
from translate.checks import copied, has_markup, length_ratio_off, looks_dutch, needs_translation, repetition
from translate.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent

# The seed's sentences with English as a good translator (or opus-mt on a good day) writes it.
SEED_PAIRS = [
    ("De Amerikaanse president Joe Biden heeft alle Amerikanen in Oekraïne opgeroepen het land direct te verlaten.",
     "US President Joe Biden has called on all Americans in Ukraine to leave the country immediately."),
    ("Volgens Biden kan de situatie er snel uit de hand lopen als de huidige gesprekken met het Kremlin op niets "
     "uitlopen.",
     "According to Biden, the situation could quickly get out of hand if the current talks with the Kremlin come "
     "to nothing."),
    ("Biden zei ook dat hij onder geen beding van plan is grondtroepen te sturen: ‘Als Amerikanen en Russen op "
     "elkaar gaan schieten, heb je een Derde Wereldoorlog.’",
     "Biden also said that he has no intention of sending ground troops under any circumstances: 'If Americans "
     "and Russians start shooting at each other, you have a Third World War.'"),
    ("Donderdag vond er overleg plaats tussen vertegenwoordigers van Duitsland, Frankrijk, Oekraïne en Rusland.",
     "On Thursday there were talks between representatives of Germany, France, Ukraine and Russia."),
    ("Na negen uur vergaderen was er geen resultaat geboekt.",
     "After nine hours of meetings, no result had been achieved."),
    ("Vrijdag spreken de Britse ministers van Buitenlandse Zaken Liz Truss en Defensie Ben Wallace in Moskou met "
     "hun Russische collega Sergei Lavrov.",
     "On Friday, British Foreign Secretary Liz Truss and Defence Secretary Ben Wallace will meet their Russian "
     "counterpart Sergei Lavrov in Moscow."),
    ("De kans dat daar iets uitkomt is klein.", "The chance that anything will come of it is small."),
    ("Lavrov noemde de besprekingen op voorhand al ‘een gesprek tussen de stomme en de dove’.",
     "Lavrov had already called the talks 'a conversation between the dumb and the deaf' in advance."),
    ("‘Dit is waarschijnlijk het gevaarlijkste moment,’ zei Johnson.",
     "'This is probably the most dangerous moment,' Johnson said."),
    ("Nederland houdt voor Oekraïne vooralsnog code oranje aan, wat inhoudt dat er wordt geadviseerd niet in het "
     "land te zijn tenzij dat strikt noodzakelijk is.",
     "The Netherlands is maintaining code orange for Ukraine for the time being, which means that people are "
     "advised not to be in the country unless strictly necessary."),
    # Short and cognate-heavy pairs, where a careless check would cry "copied".
    ("Joe Biden is in Washington.", "Joe Biden is in Washington."),
    ("De president is in Washington.", "The president is in Washington."),
    ("Liz Truss en Ben Wallace.", "Liz Truss and Ben Wallace."),
    ("De Jong scoorde twee keer.", "De Jong scored twice."),
    ("Ja.", "Yes, of course."),
    ("Nee.", "No."),
    ("Het is 3 graden.", "It's 3 degrees."),
    ("NAVO-top in Brussel", "NATO summit in Brussels"),
    ("Hij zei: ‘Nee, nee, nee.’", "He said, 'No, no, no.'"),
    ("Het was heel, heel erg koud.", "It was very, very cold."),
]


def dutch_texts() -> list[str]:
    files = sorted((ROOT / "tests" / "data" / "splitter_eval").rglob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    return [p for path in files for p in parse_text(path.read_text(encoding="utf-8"))[1]]


@pytest.mark.parametrize(("text", "expected"), [
    ("12.345", False), ("---", False), ("2-1 (1-0)", False), ("https://nos.nl/artikel/123", False),
    ("www.rtl.nl", False), ("nos.nl/nieuws", False), ("info@nos.nl", False), ("@NOS", False),
    ("🎉🎉", False), ("* * *", False), ("12-02-2022, 14:30", False), ("", False), ("A.", False),
    ("€ 3,5 mln.", True), ("14.30 uur", True), ("Foto: ANP", True), ("Zie https://nos.nl voor meer", True),
    ("Joe Biden", True), ("Ja.", True), ("Oekraïne 🇺🇦", True),
])
def test_needs_translation(text, expected):
    assert needs_translation(text) is expected


FOREIGN = [
    "US President Joe Biden has called on all Americans in Ukraine to leave the country immediately.",
    "Talks took place on Thursday between representatives of Germany, France, Ukraine and Russia. After nine "
    "hours of meetings, no result had been achieved.",
    "Prices rose by 3.5 percent in March, the highest increase since 1983, the statistics office said.",
    "The police are investigating.",
    "Der amerikanische Präsident Joe Biden hat alle Amerikaner in der Ukraine aufgerufen, das Land sofort zu "
    "verlassen.",
    "Die Bundesregierung will die Maßnahmen bis Ende März verlängern, wie ein Sprecher am Mittwoch sagte.",
    "Nach neun Stunden Verhandlungen gab es noch kein Ergebnis.",
    "Le président américain Joe Biden a appelé tous les Américains en Ukraine à quitter le pays immédiatement.",
    "Le gouvernement a annoncé mardi une hausse des prix de l'énergie pour les ménages.",
    "El presidente estadounidense Joe Biden ha pedido a todos los estadounidenses en Ucrania que abandonen el país.",
    "Il presidente americano Joe Biden ha invitato tutti gli americani in Ucraina a lasciare il paese.",
]


@pytest.mark.parametrize("text", FOREIGN)
def test_looks_dutch_rejects_other_languages(text):
    assert looks_dutch(text) is False


@pytest.mark.parametrize(("text", "expected"), [
    ("De politie doet onderzoek.", True),
    ("Het kabinet valt.", None),  # three words: too short to tell
    ("Joe Biden, Boris Johnson, Liz Truss, Emmanuel Macron", None),
    ("Joe Biden, Boris Johnson, Liz Truss, Vladimir Poetin", True),  # Dutch spelling: Putin would be None
    ("12 34 56 78 90", None),
    ("Andere bekende nummers zijn o.a. Twilight Zone en When the Lady Smiles.", None),
    ("Hij zei: ‘We will never give up’, en vertrok.", True),
])
def test_looks_dutch_cases(text, expected):
    assert looks_dutch(text) is expected


def test_looks_dutch_never_rejects_the_dutch_test_texts():
    paragraphs = dutch_texts()
    assert len(paragraphs) > 150
    assert all(looks_dutch(p) is True for p in paragraphs)
    sentences = [s for p in paragraphs for s in split_sentences(p)]
    verdicts = [looks_dutch(s) for s in sentences]
    assert False not in verdicts
    assert verdicts.count(True) > 0.9 * len(sentences)


@pytest.mark.parametrize(("text", "expected"), [
    ("<p>Tekst</p>", True), ("Eerste regel<br/>tweede", True), ('<a href="https://nos.nl">link</a>', True),
    ("<script>alert(1)</script>", True), ("Tom &amp; Jerry", True), ("Het &#39;kabinet&#39;", True),
    ("<!-- opmerking -->", True), ('<div class="x" data-id=3>', True), ("Tom&nbsp;Jerry", True),
    ("a < b en c > d", False), ("Ik hou van jou <3", False), ("Tom & Jerry", False), ("AT&T", False),
    ("De prijs is <10 euro", False), ("Emoji 🎉 en → pijl", False), ("R&D-afdeling; Q&A", False),
])
def test_has_markup(text, expected):
    assert has_markup(text) is expected


@pytest.mark.parametrize("text", [
    "the the the the",
    "Biden said Biden said Biden said that Russia",
    "He said that the situation is serious, he said that the situation is serious.",
    "remremremrem",
    "The, the, the, the, the, the, the, the, the",
    "in Ukraine in Ukraine in Ukraine in Ukraine in Ukraine",
    "aaaaaaaaaaaaaaaa",
    "It's a - - - - - - - - - - - - - - - - - - -  a b c d e f g h h h h",
])
def test_repetition_catches_decoder_loops(text):
    assert repetition(text)


@pytest.mark.parametrize("text", [
    *(english for _dutch, english in SEED_PAIRS),
    "No, no, no, he said.",
    "It was very, very cold.",
    "Bye bye.",
    "Hahaha, he laughed.",
    "The score went from 1-1 to 2-1 to 3-1.",
    "1.000.000.000 euros",
    "......",
    "Step by step, the plan came together.",
    "They had had enough.",
    "More and more people are moving to the city.",
    "That that is is that that is not is not is that it it is",  # the classic grammatical puzzle
])
def test_repetition_leaves_normal_text_alone(text):
    assert not repetition(text)


@pytest.mark.parametrize(("source", "output"), [
    (SEED_PAIRS[0][0], "US President Joe Biden has called"),  # truncated
    (SEED_PAIRS[9][0], "The Netherlands."),
    (SEED_PAIRS[4][0], SEED_PAIRS[4][1] + " " + " ".join(["The meeting was long."] * 12)),  # runaway
    ("Nee.", "No, I don't think so, because that would not be a good idea at all for anyone."),
    (SEED_PAIRS[0][0], ""),
])
def test_length_ratio_off_catches_truncation_and_runaways(source, output):
    assert length_ratio_off(source, output)


@pytest.mark.parametrize(("source", "output"), SEED_PAIRS)
def test_good_translations_are_not_flagged(source, output):
    assert not length_ratio_off(source, output)
    assert not copied(source, output)
    assert not repetition(output)


@pytest.mark.parametrize(("source", "output"), [
    (SEED_PAIRS[0][0], SEED_PAIRS[0][0]),  # the model gave the input back
    (SEED_PAIRS[6][0], "The kans dat daar iets uitkomt is klein"),  # one word changed, the full stop lost
    (SEED_PAIRS[1][0], SEED_PAIRS[1][0].replace("Volgens", "According to")),  # one word translated
    (SEED_PAIRS[5][0], SEED_PAIRS[5][0].replace("Vrijdag", "Friday").replace("Moskou", "Moscow")),
    ("Het is 3 graden.", "Het is 3 graden"),
    ("Liz Truss en Ben Wallace.", "Liz Truss en Ben Wallace."),
])
def test_copied_catches_untranslated_outputs(source, output):
    assert copied(source, output)


@pytest.mark.parametrize(("source", "output"), [
    ("Joe Biden", "Joe Biden"),  # names
    ("12.345", "12.345"),  # numbers
    ("https://nos.nl/artikel/123", "https://nos.nl/artikel/123"),
    ("Joe Biden is in Washington.", "Joe Biden is in Washington."),  # the right translation is the same
    ("NAVO", "NATO"),
    ("Ajax - PSV 2-1", "Ajax - PSV 2-1"),
])
def test_copied_leaves_names_numbers_and_cognates_alone(source, output):
    assert not copied(source, output)
