"""Recurring topics: the content words that come back in many comments from different people.

Pure functions over plain values. The seed (part 3) asks to notice recurring signals,
questions and complaints and pass them on to the departments concerned; a word counts once per
comment, and only words used by at least two authors count as recurring.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
MIN_LENGTH = 4

# Dutch function words and the filler of social media comments; they say nothing about a topic.
STOP_WORDS = frozenset(
    """
    aan aangezien achter al alle allemaal alleen als altijd ander andere anders bij binnen boven
    daar daarom daarna dan dat de deze die dit doch doen door dus echt een eens eigenlijk en enkel
    er erg even geen geweest gewoon haar had heb hebben heeft hem hen het hier hij hoe hoeveel hun
    iedereen iemand iets ik in is ja je jij jou jouw jullie kan kon kunnen laat laten maar me meer
    men met mij mijn moet moeten na naar niet niets nog nu of om omdat ons onze ook op over reeds
    toch toen tot u uit uw van veel voor vooral waar waarom wanneer want waren was wat we wel welk
    welke werd wie wij wil worden wordt zal ze zelf zich zij zijn zo zoals zonder zou zouden zullen
    alweer beetje best bedankt bent dank dankjewel dankuwel deed doet dag dingen eerst elke enige
    ergens gaan gaat gedaan gelijk goed graag hallo heel helemaal hopelijk jaar keer komen komt
    krijgen krijg lang mag maken mensen misschien mogen moment nieuwe net nooit ofwel ooit precies
    snel staan staat tijd vind vinden vindt waarop weer weet weten zeker zeggen zegt zien ziet
    gemeente stad zo'n da's
    """.split()  # noqa: SIM905 -- a word list reads better as text
)


@dataclass(frozen=True)
class Topic:
    word: str
    comments: int
    authors: int
    top_category: str


def content_words(text: str) -> set[str]:
    """The distinct words of a comment worth counting (lower case, no stop words, no numbers)."""
    words = (match.group(0).replace("’", "'") for match in WORD.finditer(text.lower()))
    return {word for word in words if len(word) >= MIN_LENGTH and word not in STOP_WORDS}


def recurring_topics(
    comments: Iterable[tuple[str, int | None, str]],
    *,
    limit: int = 10,
    min_comments: int = 3,
    min_authors: int = 2,
) -> list[Topic]:
    """Words used in at least ``min_comments`` comments by at least ``min_authors`` people, most frequent first.

    ``comments`` are (text, author id, category) triples; comments without a known author count
    towards ``comments`` but not towards ``authors``.
    """
    in_comments: Counter[str] = Counter()
    authors: defaultdict[str, set[int]] = defaultdict(set)
    categories: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for text, author_id, category in comments:
        for word in content_words(text):
            in_comments[word] += 1
            categories[word][category] += 1
            if author_id is not None:
                authors[word].add(author_id)
    recurring = [
        Topic(word, count, len(authors[word]), _most_common(categories[word]))
        for word, count in in_comments.items()
        if count >= min_comments and len(authors[word]) >= min_authors
    ]
    recurring.sort(key=lambda topic: (-topic.comments, -topic.authors, topic.word))
    return recurring[:limit]


def _most_common(counter: Counter[str]) -> str:
    """The most frequent key; ties go to the alphabetically first, so results are stable."""
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0]
