"""The literal-anchor gates skip phrase rules that cannot match; skipping must never change a result.

Every seed comment (train, test and the threat check set) and a few odd inputs run through every tuple of
phrase rules twice, gated and ungated, and must give the same hits. The anchors themselves are checked against
every match the rules find in the seed set.
"""

from __future__ import annotations

import json
import re

import pytest

from moderation.classify import lexicon_abuse as lex
from moderation.classify import rules, rules_abuse
from moderation.classify.anchors import AnchorScanner, RuleGate, literal_anchors
from moderation.classify.normalise import normalise_text
from moderation.classify.patterns import finditer_gated, run_rules, run_rules_ungated, words
from moderation.classify.training import DATA_DIR

RULE_TUPLES = {
    "service": rules.SERVICE_RULES,
    "unwanted": rules.UNWANTED_RULES,
    "threat": lex.THREAT_RULES,
    "hate": lex.HATE_RULES,
    "swearing": lex.SWEARING_RULES,
    **{f"gated threat {index}": group for index, (_vocabulary, group) in enumerate(lex.GATED_THREAT_RULES)},
}
ODD_TEXTS = [
    "", "   ", "😀😀🔥", "🙏💐", "a" * 100_000, ("Ik sla je kop in, idioot! " * 5000)[:100_000],
    "Hallo مرحبا Привет 你好 ik maak je dood", "IK MAAK JE DOOD!!! WAAROM IS HET CONTAINERPARK DICHT???",
    "pffff grrrr, al 3 weken!!!", "-20% korting, pm voor prijs", "N-VA en CD&V", "\n\n\t",
]


def _seed_texts() -> list[str]:
    texts = []
    for name in ("seed_train.jsonl", "seed_test.jsonl", "seed_check_threats.jsonl"):
        with open(DATA_DIR / name, encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return texts


@pytest.fixture(scope="module")
def norms():
    return [normalise_text(text) for text in _seed_texts() + ODD_TEXTS]


@pytest.mark.parametrize("name", RULE_TUPLES)
def test_gated_rules_give_the_same_hits_as_ungated_ones(name, norms):
    rule_tuple = RULE_TUPLES[name]
    for norm in norms:
        assert run_rules(rule_tuple, norm) == run_rules_ungated(rule_tuple, norm), norm.original[:200]


GATED_PATTERNS = (
    rules_abuse.COUNTER_SPEECH_STRONG, lex.SWEAR_PREFIX, lex.INSULT_NOUN_PATTERN_STRONG, lex.INSULT_NOUN_PATTERN_MILD,
    lex.INSULT_NOUN_PATTERN_DIRECTED_ONLY, lex.INSULT_ADJECTIVE_PATTERN,
)


@pytest.mark.parametrize("pattern", GATED_PATTERNS, ids=lambda pattern: pattern.pattern[:40])
def test_gated_patterns_find_the_same_matches(pattern, norms):
    for norm in norms:
        expected = [match.span() for match in pattern.finditer(norm.text)]
        assert [match.span() for match in finditer_gated(pattern, norm.text)] == expected, norm.original[:200]


def test_every_match_contains_an_anchor(norms):
    patterns = [rule.pattern for rule_tuple in RULE_TUPLES.values() for rule in rule_tuple] + list(GATED_PATTERNS)
    for pattern in patterns:
        anchors = literal_anchors(pattern)
        if anchors is None:
            continue
        for norm in norms:
            for match in pattern.finditer(norm.text):
                assert any(anchor in match.group() for anchor in anchors), (pattern.pattern[:60], match.group())


def test_most_rules_are_gated():
    gated = [RuleGate([rule.pattern for rule in rule_tuple]) for rule_tuple in RULE_TUPLES.values()]
    always = sum(bin(gate.always).count("1") for gate in gated)
    assert always <= 3, "a lexicon change left rules without literal anchors: they now run on every comment"


@pytest.mark.parametrize(("source", "anchors"), [
    (words("idioot"), {"idioot", "idiot"}),                         # a doubled letter may be single
    (words("pf+", "gr+"), {"pf", "gr"}),                            # a repeat contributes its first copy
    (words("stom", "dom(?:wijf|kop)"), {"stom", "domwijf", "domkop"}),  # few spellings: spelled out
    (words("dom (?:wijf|vent)"), {"wijf", "vent"}),                  # a blank matches any non-word run
    (words("al (?:\\d+ )?weken"), {"weken"}),                        # a digit class breaks the literal
    (re.compile("a?b?"), None),                                     # can match the empty string
    (re.compile("(?i)kop"), None),                                  # case-insensitive: not gated
])
def test_literal_anchors(source, anchors):
    found = literal_anchors(source)
    assert (None if found is None else set(found)) == anchors


def test_a_shared_scanner_opens_the_same_rules_as_a_gate_of_its_own(norms):
    tuples = list(RULE_TUPLES.values())
    scanner = AnchorScanner()
    shared = [RuleGate([rule.pattern for rule in rule_tuple], scanner) for rule_tuple in tuples]
    alone = [RuleGate([rule.pattern for rule in rule_tuple]) for rule_tuple in tuples]
    opened = 0
    for norm in norms:
        for one, other in zip(shared, alone, strict=True):
            assert one.open_rules(norm.text) == other.open_rules(norm.text), norm.original[:200]
            opened += one.open_rules(norm.text) != one.always
    assert opened > len(norms)   # the gates did open rules, so the comparison compared something


def test_a_gate_whose_scanner_was_cleared_runs_every_rule():
    scanner = AnchorScanner()
    gate = RuleGate([words("idioot"), words("sukkel")], scanner)
    assert gate.open_rules("wat een idioot") == 0b01
    scanner.clear()
    RuleGate([words("gek")], scanner)   # takes the cleared gate's slot
    assert gate.open_rules("wat een idioot") == 0b11
    assert gate.open_rules("niets hier") == 0b11
