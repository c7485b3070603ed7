"""The decision tree, carried out: pure functions over plain values (no ORM, no clock)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

# How a step of the tree is carried out in the interface.
FORM_ACTIONS = {"reply", "private_reply", "ask_edit", "warn", "delete"}  # need a text or a reason
BUTTON_ACTIONS = {"hide", "unhide", "like", "mark_handled", "leave", "evidence"}
# Steps with no platform effect: staff do them (read, refer, report) and tick them off.
CHECKLIST_ACTIONS = {"check", "report_platform", "refer", "escalate", "follow_up", "propose_block"}
# Which recorded action kind counts as having done a step.
DONE_BY_KIND = {"ask_edit": "reply", "leave": "mark_handled"}
PLATFORM_STEPS = {"reply", "private_reply", "ask_edit", "hide", "unhide", "delete", "like"}


@dataclass(frozen=True)
class Step:
    action: str
    label: str
    guidance: str
    requirement: str = "suggested"  # required | suggested | optional
    template_key: str = ""


@dataclass(frozen=True)
class Done:
    by: str
    at: datetime


@dataclass(frozen=True)
class PlannedStep:
    step: Step
    done: Done | None
    is_next: bool
    available: bool  # False when the platform cannot do it


def suggest_steps(
    *, tree: Mapping[str, Sequence[Step]], category: str, prior_strikes: int, warnings_before_block: int = 2
) -> list[Step]:
    """The tree's steps for one comment's category; a moderator always confirms them."""
    steps = list(tree.get(category) or tree.get("other") or ())
    third_strike = prior_strikes >= warnings_before_block and any(s.action == "warn" for s in steps)
    if third_strike and not any(s.action == "propose_block" for s in steps):
        steps.append(
            Step(
                "propose_block",
                "Stel een blokkering voor",
                "Derde overtreding: volgens de three-strike rule wordt de gebruiker geblokkeerd. "
                "Een teamleider bevestigt de blokkering.",
                "suggested",
            )
        )
    return steps


def step_done_key(step: Step) -> str:
    """The key under which a carried-out step is recorded (action kind or step name)."""
    return DONE_BY_KIND.get(step.action, step.action)


def plan_steps(
    steps: Sequence[Step], *, done: Mapping[str, Done], capabilities: frozenset[str], comment_open: bool
) -> list[PlannedStep]:
    """Mark each step done or not, and point at the first step still to do."""
    planned: list[PlannedStep] = []
    next_found = False
    for step in steps:
        available = step.action not in PLATFORM_STEPS or _platform_name(step.action) in capabilities
        record = done.get(step_done_key(step))
        is_next = comment_open and not next_found and record is None and available and step.requirement != "optional"
        next_found = next_found or is_next
        planned.append(PlannedStep(step=step, done=record, is_next=is_next, available=available))
    return planned


def _platform_name(action: str) -> str:
    return "reply" if action == "ask_edit" else action


def mirror_form_of_address(text: str) -> str:
    """'u' when the citizen writes in the u-vorm, else 'je' (the seed: je by default, mirror u)."""
    words = {w.strip(".,!?;:()\"'").lower() for w in text.split()}
    u_words = {"u", "uw", "uzelf"}
    je_words = {"je", "jij", "jou", "jouw", "jullie", "ge", "gij", "uwe"}
    return "u" if words & u_words and not words & je_words else "je"
