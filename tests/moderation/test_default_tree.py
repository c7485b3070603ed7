"""The default decision tree and reply templates: pure data checks (no Django)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from moderation import default_tree
from moderation.default_tree import (
    ACTIONS,
    DEFAULT_TREE,
    GENERAL_GUIDELINES,
    REPLY_TEMPLATES,
    REQUIREMENTS,
    TEMPLATE_ACTIONS,
    TEMPLATE_VARIABLES,
    WARNING_TEMPLATE_BY_CONSEQUENCE,
)

CATEGORIES = (
    "hate_speech",
    "threat",
    "doxing",
    "insult",
    "party_political",
    "spam",
    "commercial",
    "misinformation",
    "off_topic",
    "criticism",
    "frustration",
    "question",
    "report",
    "political",
    "sympathy",
    "compliment",
    "other",
)

EXPECTED_ACTIONS = {
    "check",
    "evidence",
    "report_platform",
    "refer",
    "escalate",
    "hide",
    "unhide",
    "reply",
    "private_reply",
    "warn",
    "ask_edit",
    "follow_up",
    "delete",
    "propose_block",
    "like",
    "leave",
    "mark_handled",
}

ALLOWED_VARIABLES = {
    "author_first_name",
    "post_title",
    "code_url",
    "article_title",
    "department",
    "meldpunt_url",
    "organisation",
    "report_reference",
    "correction",
    "correction_url",
}

REQUIRED_TEMPLATES = {
    "question_answer",
    "question_unknown",
    "question_private",
    "thanks_answering_citizen",
    "report_thanks_forwarded",
    "report_thanks_contact",
    "insult_public_norm",
    "ask_edit",
    "frustration_empathy",
    "criticism_thanks",
    "misinformation_correction",
    "misinformation_unknown",
    "warning_first",
    "warning_second",
    "block_notice",
    "privacy_removed",
    "compliment_thanks",
    "criminal_public_norm",
    "political_removed",
    "commercial_removed",
}

# Words that make a first sentence start positive: thanks, empathy, appreciation (seed: "positief beginnen").
POSITIVE_WORDS = (
    "bedankt",
    "dank",
    "fijn",
    "goed",
    "spijt",
    "begrijp",
    "begrip",
    "blij",
    "leuk",
    "mooi",
    "waardeer",
)

U_WORDS = re.compile(r"\b(u|uw)\b", re.IGNORECASE)
JE_WORDS = re.compile(r"\b(je|jij|jou|jouw)\b", re.IGNORECASE)
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[A-ZÀ-Ý])")

ALL_STEPS = [
    (category, index, step) for category, steps in DEFAULT_TREE.items() for index, step in enumerate(steps)
]
ALL_VARIANTS = [
    (template.key, form, text)
    for template in REPLY_TEMPLATES.values()
    for form, text in (("je", template.text_je), ("u", template.text_u))
]


def actions(category: str) -> list[str]:
    return [step.action for step in DEFAULT_TREE[category]]


def fields(text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (name, spec, conversion)
        for _literal, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    ]


def first_sentence(text: str) -> str:
    return re.split(r"[.!?]", text, maxsplit=1)[0]


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(item in it for item in needle)


# --------------------------------------------------------------------------------------------- constants


def test_actions_are_exactly_the_agreed_set_without_duplicates():
    assert set(ACTIONS) == EXPECTED_ACTIONS
    assert len(ACTIONS) == len(set(ACTIONS))


def test_template_actions_and_variables():
    assert set(TEMPLATE_ACTIONS) == {"reply", "private_reply", "warn", "ask_edit"}
    assert set(TEMPLATE_VARIABLES) == ALLOWED_VARIABLES
    assert set(REQUIREMENTS) == {"required", "suggested", "optional"}


# --------------------------------------------------------------------------------------------- the tree


def test_every_category_has_a_tree_entry_and_nothing_else():
    assert set(DEFAULT_TREE) == set(CATEGORIES)


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_has_at_least_one_step(category):
    assert len(DEFAULT_TREE[category]) >= 1


@pytest.mark.parametrize(
    ("category", "index", "step"), ALL_STEPS, ids=lambda v: str(v) if isinstance(v, (str, int)) else ""
)
def test_step_is_well_formed(category, index, step):
    assert step.action in ACTIONS
    assert step.requirement in REQUIREMENTS
    assert step.label.strip() and len(step.label) <= 200
    assert step.guidance.strip()
    assert 1 <= len([s for s in SENTENCE_BREAK.split(step.guidance.strip()) if s]) <= 3, step.guidance
    if step.action in TEMPLATE_ACTIONS:
        assert step.template_key, f"{category}[{index}] {step.action} needs a template"
        assert step.template_key in REPLY_TEMPLATES, step.template_key
    else:
        assert step.template_key == "", f"{category}[{index}] {step.action} should not carry a template"


@pytest.mark.parametrize("category", CATEGORIES)
def test_tree_ends_with_mark_handled_or_leave(category):
    assert actions(category)[-1] in ("mark_handled", "leave")


@pytest.mark.parametrize("category", CATEGORIES)
def test_mark_handled_only_at_the_end(category):
    acts = actions(category)
    assert "mark_handled" not in acts[:-1]


@pytest.mark.parametrize("category", CATEGORIES)
def test_evidence_comes_before_any_delete(category):
    acts = actions(category)
    if "delete" in acts:
        assert "evidence" in acts, category
        assert acts.index("evidence") < acts.index("delete"), category


@pytest.mark.parametrize("category", ["hate_speech", "threat"])
def test_criminal_branches_follow_the_seed_in_order(category):
    expected = [
        "check",
        "evidence",
        "report_platform",
        "refer",
        "escalate",
        "hide",
        "reply",
        "warn",
        "ask_edit",
        "delete",
        "propose_block",
    ]
    assert is_subsequence(expected, actions(category)), actions(category)


@pytest.mark.parametrize("category", ["hate_speech", "threat", "doxing"])
def test_criminal_evidence_is_required(category):
    evidence = [s for s in DEFAULT_TREE[category] if s.action == "evidence"]
    assert evidence and evidence[0].requirement == "required"


@pytest.mark.parametrize("category", ["hate_speech", "threat"])
def test_criminal_branch_details(category):
    steps = {s.action: s for s in DEFAULT_TREE[category]}
    assert "unia" in steps["check"].guidance.lower()
    refer = steps["refer"].guidance.lower()
    assert "politie" in refer
    assert "unia" in refer or category == "threat"
    assert "vlaams mensenrechteninstituut" in refer
    assert "gelijkheid van vrouwen en mannen" in refer
    # hide or leave a few hours and respond: the trade-off is explained
    hide = steps["hide"].guidance.lower()
    assert "paar uur" in hide and "zichtbaarheid" in hide
    assert steps["reply"].template_key == "criminal_public_norm"
    assert steps["reply"].requirement == "optional"
    assert steps["warn"].template_key in WARNING_TEMPLATE_BY_CONSEQUENCE.values()
    assert "gedragscode" in steps["warn"].guidance.lower()
    assert steps["propose_block"].requirement == "optional"
    assert "onomkeerbaar" in steps["delete"].guidance.lower()


def test_hate_speech_escalation_mentions_gelijke_kansen():
    escalate = next(s for s in DEFAULT_TREE["hate_speech"] if s.action == "escalate")
    assert "gelijke kansen" in escalate.guidance.lower()


def test_doxing_deletes_at_once_after_evidence_and_explains_privately():
    steps = DEFAULT_TREE["doxing"]
    acts = [s.action for s in steps]
    assert acts[:2] == ["evidence", "delete"]
    assert steps[0].requirement == "required"
    assert steps[1].requirement == "required"
    explain = [s for s in steps if s.action in ("warn", "private_reply")]
    assert explain and explain[0].template_key == "privacy_removed"
    assert explain[0].requirement == "required"


def test_insult_sets_the_norm_asks_to_edit_and_follows_up_after_24_hours():
    steps = DEFAULT_TREE["insult"]
    acts = [s.action for s in steps]
    assert is_subsequence(["reply", "ask_edit", "follow_up", "warn", "delete"], acts), acts
    assert "hide" in acts
    reply = steps[acts.index("reply")]
    assert reply.template_key == "insult_public_norm"
    follow_up = steps[acts.index("follow_up")]
    assert "24 uur" in (follow_up.label + follow_up.guidance)
    assert "verwijder" in (follow_up.label + follow_up.guidance).lower()
    assert steps[acts.index("ask_edit")].template_key == "ask_edit"


def test_frustration_uses_empathy_and_the_90_9_1_rule():
    steps = DEFAULT_TREE["frustration"]
    replies = [s for s in steps if s.action == "reply"]
    assert replies and replies[0].template_key == "frustration_empathy"
    assert any("90-9-1" in s.label + s.guidance for s in steps)


def test_criticism_is_left_standing_and_discussions_are_followed():
    acts = actions("criticism")
    assert acts[0] == "leave"
    assert "delete" not in acts and "hide" not in acts and "warn" not in acts
    assert "follow_up" in acts
    reply = next(s for s in DEFAULT_TREE["criticism"] if s.action == "reply")
    assert reply.template_key == "criticism_thanks"
    assert reply.requirement == "optional"


def test_misinformation_corrects_checks_with_department_and_keeps_monitoring():
    steps = DEFAULT_TREE["misinformation"]
    keys = [s.template_key for s in steps if s.action == "reply"]
    assert "misinformation_correction" in keys and "misinformation_unknown" in keys
    assert "escalate" in [s.action for s in steps]
    follow_up = next(s for s in steps if s.action == "follow_up")
    assert "monitor" in follow_up.guidance.lower()
    correction = next(s for s in steps if s.template_key == "misinformation_correction")
    assert "emotie" in correction.guidance.lower()
    assert "delete" not in [s.action for s in steps]


def test_spam_checks_for_well_meant_repeats_first():
    steps = DEFAULT_TREE["spam"]
    assert steps[0].action == "check"
    assert "bedreven" in steps[0].guidance.lower() or "goedbedoeld" in steps[0].guidance.lower()


def test_off_topic_is_not_removed():
    acts = actions("off_topic")
    assert acts[0] == "leave"
    assert "delete" not in acts and "hide" not in acts and "warn" not in acts


def test_question_always_gets_an_answer_path():
    keys = {s.template_key for s in DEFAULT_TREE["question"]}
    assert {"question_answer", "question_unknown", "question_private", "thanks_answering_citizen"} <= keys
    assert "escalate" in actions("question")
    assert "delete" not in actions("question") and "hide" not in actions("question")
    first = DEFAULT_TREE["question"][0]
    assert first.template_key == "question_answer"
    assert "sneller" in first.guidance.lower()  # response time


def test_report_thanks_and_forwards_or_gives_contact():
    steps = DEFAULT_TREE["report"]
    acts = [s.action for s in steps]
    keys = {s.template_key for s in steps}
    assert {"report_thanks_forwarded", "report_thanks_contact"} <= keys
    assert "escalate" in acts
    assert acts.index("escalate") < [s.template_key for s in steps].index("report_thanks_forwarded")


def test_party_political_and_commercial_may_be_removed_with_a_reason():
    for category, key in (("party_political", "political_removed"), ("commercial", "commercial_removed")):
        acts = actions(category)
        assert "hide" in acts or "delete" in acts
        assert key in {s.template_key for s in DEFAULT_TREE[category]}


def test_political_opinions_of_citizens_are_left_standing():
    acts = actions("political")
    assert "leave" in acts
    assert "delete" not in acts and "hide" not in acts and "warn" not in acts


def test_sympathy_is_left_alone():
    steps = DEFAULT_TREE["sympathy"]
    assert [s.action for s in steps] == ["leave"]
    assert "niet" in steps[0].guidance.lower()  # need not respond


def test_compliment_is_liked_or_thanked_consistently():
    steps = DEFAULT_TREE["compliment"]
    acts = [s.action for s in steps]
    assert "like" in acts
    assert "compliment_thanks" in {s.template_key for s in steps}
    assert any("consequent" in s.guidance.lower() for s in steps)


@pytest.mark.parametrize(
    "category",
    [
        "criticism",
        "off_topic",
        "question",
        "report",
        "political",
        "sympathy",
        "compliment",
        "other",
        "frustration",
        "misinformation",
    ],
)
def test_allowed_and_unintended_categories_never_warn_or_block(category):
    acts = actions(category)
    assert "warn" not in acts and "propose_block" not in acts and "delete" not in acts


# --------------------------------------------------------------------------------------------- guidelines


def test_general_guidelines_cover_the_seed():
    assert len(GENERAL_GUIDELINES) >= 8
    joined = " ".join(GENERAL_GUIDELINES).lower()
    for needle in (
        "positief",
        "je-vorm",
        "u-vorm",
        "heldere taal",
        "feitelijk",
        "menselijkheid",
        "standaardantwoorden",
        "emotie",
    ):
        assert needle in joined, needle
    for line in GENERAL_GUIDELINES:
        assert line.strip() and "\n" not in line


# --------------------------------------------------------------------------------------------- templates


def test_required_templates_exist():
    missing = REQUIRED_TEMPLATES - set(REPLY_TEMPLATES)
    assert not missing


def test_template_keys_match_their_dict_keys():
    for key, template in REPLY_TEMPLATES.items():
        assert template.key == key
        assert template.title.strip() and len(template.title) <= 200
        assert len(key) <= 60


def test_warning_templates_by_consequence_exist():
    assert set(WARNING_TEMPLATE_BY_CONSEQUENCE) == {"first_warning", "second_warning", "block"}
    for key in WARNING_TEMPLATE_BY_CONSEQUENCE.values():
        assert key in REPLY_TEMPLATES


@pytest.mark.parametrize(("key", "form", "text"), ALL_VARIANTS)
def test_template_variables_are_allowed(key, form, text):
    for name, spec, conversion in fields(text):
        assert name in ALLOWED_VARIABLES, f"{key}/{form}: {{{name}}}"
        assert not spec and conversion is None, f"{key}/{form}: {{{name}}} has a format spec"
    # and it actually formats
    text.format(**dict.fromkeys(ALLOWED_VARIABLES, "x"))


@pytest.mark.parametrize("key", sorted(REPLY_TEMPLATES))
def test_je_and_u_variants_use_the_same_variables_and_fill_ins(key):
    template = REPLY_TEMPLATES[key]
    assert sorted(f[0] for f in fields(template.text_je)) == sorted(f[0] for f in fields(template.text_u))
    fill_ins = re.compile(r"\[[^\]]*\]")
    assert len(fill_ins.findall(template.text_je)) == len(fill_ins.findall(template.text_u))


@pytest.mark.parametrize("key", sorted(REPLY_TEMPLATES))
def test_je_variant_uses_je_and_not_u(key):
    text = REPLY_TEMPLATES[key].text_je
    assert JE_WORDS.search(text), text
    assert not U_WORDS.search(text), U_WORDS.findall(text)


@pytest.mark.parametrize("key", sorted(REPLY_TEMPLATES))
def test_u_variant_uses_u_and_not_je(key):
    text = REPLY_TEMPLATES[key].text_u
    assert U_WORDS.search(text), text
    assert not JE_WORDS.search(text), JE_WORDS.findall(text)


@pytest.mark.parametrize(("key", "form", "text"), ALL_VARIANTS)
def test_templates_start_positive(key, form, text):
    sentence = first_sentence(text).lower()
    assert any(word in sentence for word in POSITIVE_WORDS), f"{key}/{form}: {sentence!r}"


def test_for_form_mirrors_u():
    template = REPLY_TEMPLATES["question_answer"]
    assert template.for_form("u") == template.text_u
    assert template.for_form("je") == template.text_je


@pytest.mark.parametrize(
    "key", ["warning_first", "warning_second", "block_notice", "ask_edit", "privacy_removed"]
)
def test_code_references_cite_the_article_and_link_the_code(key):
    template = REPLY_TEMPLATES[key]
    for text in (template.text_je, template.text_u):
        names = {f[0] for f in fields(text)}
        assert {"article_title", "code_url"} <= names, key


def test_signature_phrases_from_the_seed():
    t = REPLY_TEMPLATES
    assert "recht op zijn of haar mening" in t["insult_public_norm"].text_je
    assert "de manier waarop" in t["insult_public_norm"].text_je
    assert "Hoe bedoelt u?" in t["frustration_empathy"].text_u
    assert "klopt niet helemaal" in t["misinformation_correction"].text_je
    assert "{meldpunt_url}" in t["report_thanks_forwarded"].text_je
    assert "{report_reference}" in t["report_thanks_forwarded"].text_je  # "uw melding is doorgegeven met nummer ..."
    assert "{department}" in t["question_unknown"].text_je
    assert "privébericht" in t["question_private"].text_je
    assert "persoonsgegevens" in t["privacy_removed"].text_je
    assert "verwijderd" in t["privacy_removed"].text_je
    assert "waarschuwing" in t["privacy_removed"].text_je
    assert "tweede" in t["warning_second"].text_je
    assert "blokkeren" in t["block_notice"].text_je
    assert "niet eens" in t["block_notice"].text_je  # appeal
    assert "strafbaar" in t["criminal_public_norm"].text_je


def test_module_has_no_django_or_third_party_imports():
    tree = ast.parse(Path(default_tree.__file__).read_text(encoding="utf-8"))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            modules.add((node.module or "").split(".")[0])
    assert modules <= {"__future__", "dataclasses", "typing"}, modules
