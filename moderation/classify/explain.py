"""Why the text model chose a category: the words of the comment whose features weighed most towards it.

A linear model's score is a sum over features of weight x value. Every character n-gram belongs to the word it
was cut from, a word unigram to its word, a word bigram half to each of its words, a word class ("<group>") to
the words of that class; so each word of the comment gets the sum of what its features contributed. The best
few words with a positive sum are the evidence, quoted exactly as written (the folded text maps back to the
original, see ``normalise``). Frequent function words ("de", "is") are left out of the evidence.
"""

from __future__ import annotations

import re
import threading
from itertools import pairwise

import numpy as np

from .features import MAX_TOKENS, word_class
from .language import DUTCH_STOP_WORDS
from .normalise import Normalised
from .results import CATEGORIES

_TOKEN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
MIN_EVIDENCE_CHARS = 2
# Never shown as evidence on their own: they carry weight only together with other words.
FUNCTION_WORDS = DUTCH_STOP_WORDS | frozenset({
    "die", "is", "in", "was", "den", "der", "des", "het", "een", "en", "alle", "al", "of", "om", "tot", "zo",
    "nog", "er", "hij", "zij", "ze", "je", "jij", "u", "wie", "wat", "dat", "dit", "deze", "daar", "hier", "toch",
})


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
        self._local = threading.local()

    def top_words(self, norm: Normalised, indices: np.ndarray, values: np.ndarray, category: str, *, limit: int) -> list[str]:
        """Up to ``limit`` words (as written) that pushed the model most towards ``category``."""
        if category not in self.rows or len(indices) == 0:
            return []
        buffer = getattr(self._local, "buffer", None)   # one scratch vector per thread, kept all zeros
        if buffer is None:
            buffer = self._local.buffer = np.zeros(self.coef.shape[1], dtype=np.float32)
        buffer[indices] = values * self.coef[self.rows[category], indices]
        prepared = _DIGIT.sub("0", norm.text)
        try:
            words, features, scores = self._word_scores(prepared, buffer)
        finally:
            buffer[indices] = 0.0
        positive = [position for position, score in enumerate(scores) if score > 0]
        candidates = sorted(positive, key=scores.__getitem__, reverse=True)[: 4 * limit]   # stable: ties keep order
        starts = _word_starts(prepared, words, max(candidates, default=-1))
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

    def _word_scores(self, prepared: str, buffer: np.ndarray):
        """Each whitespace-separated word with the summed contribution of its own features and its bigrams."""
        words = prepared.split()[:MAX_TOKENS]
        cache = self.__dict__.setdefault("_cache", {})
        features = [cache.get(word) or self._word_features(word) for word in words]
        if not features:
            return words, features, []
        scores = np.bincount(
            np.repeat(np.arange(len(features)), [found[3] for found in features]),
            weights=buffer[np.concatenate([found[0] for found in features])],
            minlength=len(features),
        ).tolist()   # Python floats from here: the same doubles, without numpy's per-element cost
        tokens = [token for found in features for token in found[1]]
        owners = [position for position, found in enumerate(features) for _token in found[1]]
        lookup, offset = self.words.get, self.words_offset
        for index, bigram in enumerate(map(lookup, _bigrams(tokens))):
            if bigram is not None:
                half = float(buffer[offset + bigram]) / 2
                scores[owners[index]] += half
                scores[owners[index + 1]] += half
        return words, features, scores

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
