"""Text heuristics: what needs translating, whether it is Dutch, and what looks wrong in a model output.

Pure Python, deterministic and fast (microseconds per sentence), so they run on every sentence. Each
answers one question with thresholds chosen to miss real failures rather than flag good translations:
a flag sends a sentence to a second try and to a reviewer, so false alarms cost attention.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W\d_]+)*")  # letters and digits; "z'n" and "Biden's" are one word
LETTERS = re.compile(r"[^\W\d_]{2,}")
# What holds letters but nothing to translate: links, e-mail addresses, handles, bare domains (nos.nl/x).
UNTRANSLATABLE = re.compile(r"""(?xi)
    \b(?:https?|ftp)://\S+ | \bwww\.\S+
  | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
  | (?<!\w)@\w+
  | \b(?:[a-z0-9-]+\.)+(?:nl|be|com|org|net|eu|de|uk|fr|io|info|gov|edu)\b(?:/\S*)?
""")
MARKUP = re.compile(r"""(?xi)
    </?[a-z][a-z0-9-]*(?:\s+[a-z_:][\w:.-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*/?>
  | <!--.*?--> | <!\[CDATA\[ | <!doctype\b
  | &(?:[a-z][a-z0-9]{1,30}|\#[0-9]{1,7}|\#x[0-9a-f]{1,6});
""")
# The same short unit back to back inside a word: "remremremrem", "aaaaaaaaaaaa".
CHARACTER_LOOP = re.compile(r"(\S{1,10}?)\1{3,}")
CHARACTER_LOOP_MIN = 12  # characters; "hahaha" (6) and "zzzz" are words a news quote may hold

DUTCH_SPELLING = re.compile(r"ij|aa|uu|oe\B")  # rare in the rival languages' words; "Joe" does not count
SHORT_TEXT_WORDS = 4  # fewer words than this are too few to tell a language by
RATIO_LOW, RATIO_HIGH = 0.4, 3.0  # English/Dutch characters; real translations stay near 0.7-1.3
# Characters of allowance, so short sources may vary a lot: "Ja." -> "Yes, of course.", "Ja, hoor." -> "Sure."
SLACK_LOW, SLACK_HIGH = 5, 15
COPY_SIMILARITY = 0.8  # difflib ratio; a real translation of a Dutch sentence scores about 0.3-0.6


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Frequent function words; news sentences hold several, other languages' texts few of the Dutch ones.
STOPWORDS = {
    "nl": _word_set("""de het een en van in is op te dat die niet met voor zijn er aan om ook als bij naar dan
        maar nog wel geen hij ze zich worden wordt werd werden heeft hebben had hadden was waren
        door over uit tot na onder tegen tussen deze dit wat wie hoe waar want omdat nadat toen
        zou zouden kan kunnen moet moeten zal zullen mag al veel meer haar hun hem wij we jullie
        ik je u mijn ons onze zo nu of alle iets niets volgens tijdens sinds zegt zei
        jaar dag gaat komt kwam staat"""),
    "en": _word_set("""the of and to a in is that for it on with as was at by from be have has had are were
        this which or an will would not but they he she his her their its been who also said says
        after about more than there what when into over can could should do does did we you"""),
    "de": _word_set("""der die das und ist nicht ein eine einer einen dem den des zu mit sich auf für von
        im auch es an werden wird wurde wurden hat haben sind war waren nach bei aus wie oder aber
        noch nur vor über sein seine ihre ihr dass kann soll sagte heute schon diese dieser"""),
    "fr": _word_set("""le la les de des du un une et est en que qui dans pour pas sur au aux avec ce cette
        il elle ils sont été être a ont par plus ne se son sa ses leur mais ou où comme aussi
        selon après avait était fait dit"""),
    "es": _word_set("""el la los las de del y en que un una es por con para no se su sus al lo como más
        pero fue ha han son está están este esta entre sobre también según dijo"""),
    "it": _word_set("""il lo la gli le di del della dei e è che un una per con non si su al alla sono
        come più ma anche è stato stata ha hanno questo questa secondo dopo"""),
}
# Dutch words that English text does not use: when they survive into an output, Dutch was copied.
DUTCH_ONLY = STOPWORDS["nl"] - STOPWORDS["en"] - {"door", "met", "die", "want", "hem", "u", "al"}
NAME_PARTICLES = frozenset(["De", "Den", "Het", "Van", "Ten", "Ter", "Te"])  # De Jong, Van Dijk, Ten Hag


def needs_translation(text: str) -> bool:
    """True when the text holds a word to translate: two letters in a row outside links and addresses.

    Segments of only numbers, punctuation, URLs, e-mail addresses, handles or emoji ("12.345",
    "---", "https://nos.nl/artikel/123", "2-1 (1-0)") are passed through as they are: a model
    only garbles them. Abbreviations and units count as words ("€ 3,5 mln.", "14.30 uur"), since
    their English differs.
    """
    return bool(LETTERS.search(UNTRANSLATABLE.sub(" ", text)))


def looks_dutch(text: str) -> bool | None:
    """Dutch by its function words: True, False (another language clearly wins), or None (can't tell).

    Each function word counts for every language that uses it, split between them ("de" is Dutch,
    French and Spanish), and Dutch spellings (ij, aa, uu, oe) add half a point a word. None for
    fewer than 4 words, for texts with no clue (lists of names) and for ties. False needs two
    points for the winner and twice the Dutch score, so a quoted English title ("When the Lady
    Smiles") never makes a Dutch sentence foreign. Rivals: English, German, French, Spanish, Italian.
    """
    words = [w.lower() for w in WORD.findall(text) if len(w) > 1 and not w.isdigit()]
    if len(words) < SHORT_TEXT_WORDS:
        return None
    scores = dict.fromkeys(STOPWORDS, 0.0)
    for word in words:
        langs = [lang for lang, stopwords in STOPWORDS.items() if word in stopwords]
        for lang in langs:
            scores[lang] += 1 / len(langs)
    scores["nl"] += 0.5 * sum(bool(DUTCH_SPELLING.search(w)) for w in words)
    dutch = scores.pop("nl")
    rival = max(scores.values())
    if dutch > rival:
        return True
    return False if rival >= 2 and rival > 2 * dutch else None


def has_markup(text: str) -> bool:
    """True for HTML/XML tags (<p>, </a>, <br/>, <script ...>), comments and entities (&amp;, &#39;).

    Markup is kept as written (nothing lost) but flagged: the model translates around it badly and
    a reviewer should see it. Comparisons ("a < b > c", "<3") and bare ampersands do not count.
    """
    return bool(MARKUP.search(text))


def repetition(text: str) -> bool:
    """True for a repetition loop, the typical runaway of a seq2seq decoder.

    Word n-grams repeated back to back: one word 4 times ("the the the the"), 2-4 words 3 times
    ("Biden said Biden said Biden said"), 5 or more words twice (a whole clause doubled). Or one
    short unit filling 12+ characters inside a word ("remremremrem"). Normal prose repeats a word
    at most twice or thrice ("very, very", "no, no, no") and never doubles a long clause.
    """
    words = [w.lower() for w in WORD.findall(text)]
    return _word_loop(words) or any(len(m.group(0)) >= CHARACTER_LOOP_MIN and _has_letter(m.group(1))
                                    for m in CHARACTER_LOOP.finditer(text))


def _word_loop(words: list[str]) -> bool:
    for size in range(1, min(12, len(words) // 2) + 1):
        needed = 4 if size == 1 else 3 if size <= 4 else 2
        for start in range(len(words) - size * needed + 1):
            unit = words[start:start + size]
            if all(words[start + k * size:start + (k + 1) * size] == unit for k in range(1, needed)):
                return True
    return False


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def length_ratio_off(source: str, output: str) -> bool:
    """True when the output is far too short or long for its source: a truncation or a runaway.

    English runs at about 0.7-1.3 times the characters of its Dutch source. Under 0.4 a clause or
    more was lost (opus-mt's truncations drop the tail of a sentence); over 3.0 the model made up
    or repeated text. A few characters of slack keep short sources ("Ja." -> "Yes, of course.") out.
    """
    src, out = len(" ".join(source.split())), len(" ".join(output.split()))
    return out > RATIO_HIGH * src + SLACK_HIGH or out < RATIO_LOW * src - SLACK_LOW


def copied(source: str, output: str) -> bool:
    """True when the output is (nearly) the Dutch source, untranslated.

    Only sources with Dutch function words ("het", "een", "heeft", ...) can be copied in this sense:
    names, numbers and cognate-only sentences ("Joe Biden is in Washington.") may rightly come out
    unchanged. A copy keeps most of those Dutch words and stays close to the source character for
    character; a translation replaces them with English ones.
    """
    dutch = _dutch_words(source)
    if not dutch or not needs_translation(source):
        return False
    kept = _dutch_words(output)
    similar = SequenceMatcher(None, _plain(source), _plain(output), autojunk=False).ratio()
    return similar >= COPY_SIMILARITY and len(kept) * 2 >= len(dutch)


def _dutch_words(text: str) -> list[str]:
    """Dutch-only function words in lower case, or opening the sentence; capitals elsewhere are names."""
    words = WORD.findall(text)
    name = len(words) > 1 and words[0] in NAME_PARTICLES and words[1][:1].isupper()  # "De Jong scoorde"
    opening = words[:1] if words and not name else []
    return [w.lower() for w in opening + [w for w in words[1:] if w.islower()] if w.lower() in DUTCH_ONLY]


def _plain(text: str) -> str:
    return " ".join(w.lower() for w in WORD.findall(text))
