"""Why the text model chose a category: the words of the comment whose features weighed most towards it.

A linear model's score is a sum over features of weight x value. Every character n-gram belongs to the word it
was cut from, a word unigram to its word, a word bigram half to each of its words, a word class ("<group>") to
the words of that class; so each word of the comment gets the sum of what its features contributed. The best
few words with a positive sum are the evidence, quoted exactly as written (the folded text maps back to the
original, see ``normalise``). Frequent function words ("de", "is") are left out of the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any, NamedTuple

import numpy as np

from .features import MAX_TOKENS, word_class
from .language import DUTCH_STOP_WORDS
from .normalise import Normalised
from .results import CATEGORIES

_TOKEN = re.compile(r"\w+")
MIN_EVIDENCE_CHARS = 2
# Never shown as evidence on their own: they carry weight only together with other words.
FUNCTION_WORDS = DUTCH_STOP_WORDS | frozenset({
    "die", "is", "in", "was", "den", "der", "des", "het", "een", "en", "alle", "al", "of", "om", "tot", "zo",
    "nog", "er", "hij", "zij", "ze", "je", "jij", "u", "wie", "wat", "dat", "dit", "deze", "daar", "hier", "toch",
})


class Request(NamedTuple):
    """One explanation to give: row ``row`` of the feature ``matrix`` is the comment ``norm`` (folded to
    ``prepared``, see ``features.prepared_from``); which of its words weigh most towards ``category``?"""

    matrix: Any
    row: int
    norm: Normalised
    prepared: str
    category: str


class Explainer:
    """Built once per model from its vocabularies and the category SVM's weights; caches features per word."""

    def __init__(self, features, category_model) -> None:
        blocks = dict(features.transformer_list)
        self.chars = blocks["chars"]
        self.words = blocks["words"].vocabulary_
        self.classes = blocks["classes"].vocabulary_
        self.words_offset = len(self.chars.vocabulary_)
        self.classes_offset = self.words_offset + len(self.words)
        svm = category_model.calibrated_classifiers_[0].estimator
        classes = list(category_model.classes_)
        self.rows = {name: classes.index(name) for name in CATEGORIES if name in classes}
        self.coef = np.asarray(svm.coef_, dtype=np.float32)

    def top_words_many(self, requests: Sequence[Request], *, limit: int) -> list[list[str]]:
        """For each request, up to ``limit`` words (as written) that pushed the model most towards its category.

        The arithmetic for a whole batch is a handful of numpy calls: every word's feature indices, their
        values in the comment's row of the feature matrix (one scipy lookup for all) times the category's
        weights, summed per word (one ``bincount``). Requests may come from different matrices.
        """
        evidence: list[list[str]] = [[] for _request in requests]
        groups: dict[int, list[int]] = {}
        for position, request in enumerate(requests):
            groups.setdefault(id(request.matrix), []).append(position)
        for positions in groups.values():
            batch = [requests[position] for position in positions]
            for position, words in zip(positions, self._batch(batch[0].matrix, batch, limit), strict=True):
                evidence[position] = words
        return evidence

    def _batch(self, matrix, requests: list[Request], limit: int) -> list[list[str]]:
        cache = self.__dict__.setdefault("_cache", {})
        lookup, offset = self.words.get, self.words_offset
        texts, counts, ids, coef_rows, bigrams = [], [], [], [], []   # bigrams: (feature, first word, second word)
        first_word = 0
        for request in requests:
            category_row = self.rows.get(request.category)
            if category_row is None or matrix.indptr[request.row] == matrix.indptr[request.row + 1]:
                texts.append(None)
                continue
            words = request.prepared.split()[:MAX_TOKENS]
            features = [cache.get(word) or self._word_features(word) for word in words]
            texts.append((words, features, first_word))
            if not features:
                continue
            word_ids, word_tokens, _spans, word_counts = zip(*features, strict=True)
            ids += word_ids
            counts += word_counts
            tokens = [token for found in word_tokens for token in found]
            owners = [position for position, found in enumerate(word_tokens, first_word) for _token in found]
            coef_rows.append((request.row, category_row, len(words)))
            for index, bigram in enumerate(map(lookup, _bigrams(tokens))):
                if bigram is not None:
                    bigrams.append((offset + bigram, owners[index], owners[index + 1]))
            first_word += len(words)
        scores = self._scores(matrix, coef_rows, counts, ids, bigrams) if first_word else []
        return [
            [] if text is None else self._evidence(request, *text, scores, limit)
            for request, text in zip(requests, texts, strict=True)
        ]

    def _scores(self, matrix, coef_rows, counts, ids, bigrams) -> list[float]:
        """Per word (over the batch): the summed contribution of its own features, then half of each bigram's."""
        words_per_text = np.fromiter((count for _row, _category, count in coef_rows), dtype=np.int64)
        matrix_rows = np.repeat(np.fromiter((row for row, _c, _n in coef_rows), dtype=np.int64), words_per_text)
        category_rows = np.repeat(np.fromiter((category for _r, category, _n in coef_rows), dtype=np.int64), words_per_text)
        per_word = np.asarray(counts, dtype=np.int64)
        word_of = np.repeat(np.arange(len(per_word)), per_word)
        features = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
        contributions = self._contributions(matrix, matrix_rows[word_of], category_rows[word_of], features)
        scores = np.bincount(word_of, weights=contributions, minlength=len(per_word)).tolist()
        if bigrams:
            feature, first, second = np.array(bigrams, dtype=np.int64).T
            halves = (self._contributions(matrix, matrix_rows[first], category_rows[first], feature) / 2).tolist()
            for half, one, other in zip(halves, first.tolist(), second.tolist(), strict=True):
                scores[one] += half   # Python floats, in order: the same sums as one comment at a time
                scores[other] += half
        return scores

    def _contributions(self, matrix, rows, category_rows, features) -> np.ndarray:
        """value x weight of each (row, feature) pair, rounded to float32 (0 where the row lacks the feature)."""
        values = np.asarray(matrix[rows, features]).ravel()   # scipy looks each up within its (sorted) row
        return (values * self.coef[category_rows, features]).astype(np.float32).astype(np.float64)

    def _evidence(self, request: Request, words, features, first_word: int, scores: list[float], limit: int) -> list[str]:
        own = scores[first_word:first_word + len(words)]
        positive = [position for position, score in enumerate(own) if score > 0]
        candidates = sorted(positive, key=own.__getitem__, reverse=True)[: 4 * limit]   # stable: ties keep order
        starts = _word_starts(request.prepared, words, max(candidates, default=-1))
        norm = request.norm
        evidence: list[str] = []
        for position in candidates:
            quotable = features[position][2]
            if quotable is not None:
                start = starts[position]
                quoted = norm.evidence(start + quotable[0], start + quotable[1])
                if len(quoted) >= MIN_EVIDENCE_CHARS and quoted not in evidence:
                    evidence.append(quoted)
                    if len(evidence) == limit:
                        break
        return evidence

    def _word_features(self, word: str):
        """Cached per whitespace-separated word: its feature indices (character n-grams, unigrams, classes),
        its tokens, the span to quote (None for function words) and the number of indices."""
        cache = self.__dict__.setdefault("_cache", {})
        found = cache.get(word)
        if found is None:
            tokens = _TOKEN.findall(word)
            extra = []
            for token in tokens:
                if token in self.words:
                    extra.append(self.words_offset + self.words[token])
                tag = word_class(token)
                if tag is not None and f"<{tag}>" in self.classes:
                    extra.append(self.classes_offset + self.classes[f"<{tag}>"])
            ids = np.concatenate([self.chars.word_indices(word).astype(np.int64), np.asarray(extra, dtype=np.int64)])
            found = (ids, tuple(tokens), _quotable_span(word), len(ids))
            if len(cache) > 100_000:
                cache.clear()
            cache[word] = found
        return found


def _bigrams(tokens: list[str]) -> list[str]:
    """Each pair of adjacent tokens as the word vectorizer writes it ("a b")."""
    return [first + " " + second for first, second in pairwise(tokens)]


def _word_starts(prepared: str, words: list[str], last: int) -> list[int]:
    """Where the first ``last + 1`` whitespace-separated words start in ``prepared``."""
    starts = []
    position = 0
    for word in words[: last + 1]:
        position = prepared.find(word, position)
        starts.append(position)
        position += len(word)
    return starts


def _quotable_span(word: str) -> tuple[int, int] | None:
    """Where the word proper sits inside a whitespace-separated word ("open?" -> "open"); None for function words."""
    tokens = list(_TOKEN.finditer(word))
    if not tokens or all(token.group() in FUNCTION_WORDS for token in tokens):
        return None
    return tokens[0].start(), tokens[-1].end()
