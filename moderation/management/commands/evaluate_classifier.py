"""``manage.py evaluate_classifier``: per-label precision/recall/F1, confusion matrices and safety figures.

Without --input it scores the project's held-aside test set (moderation/classify/data/seed_test.jsonl);
--input takes labelled JSONL or CSV (text, category and/or sentiment, optional labels).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from moderation.classify.evaluation import evaluate, format_report
from moderation.classify.records import BadLine, read_rows
from moderation.classify.training import SEED_TEST, Example, example_from_row

TARGETS = {"category_macro_f1": 0.80, "sentiment_macro_f1": 0.85, "criminal_recall": 0.90, "false_criminal_rate": 0.03}


class Command(BaseCommand):
    help = "Score the classifier on the project's test set or on a labelled JSONL/CSV file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--input", help="labelled JSONL or CSV (columns text, category, sentiment, labels)")
        parser.add_argument("--organisation", help="slug: score that organisation's active model")
        parser.add_argument("--rules-only", action="store_true", help="score the rules without the text model")

    def handle(self, *args: Any, **options: Any) -> None:
        examples = self._examples(options.get("input"))
        if not examples:
            raise CommandError("no labelled comments to evaluate")
        model = None if options["rules_only"] else self._model(options.get("organisation"))
        started = time.perf_counter()
        report = evaluate(examples, model=model)
        elapsed = time.perf_counter() - started
        source = options.get("input") or f"the project's test set ({SEED_TEST.name})"
        self.stdout.write(f"classifier: {'rules only' if model is None else model.source}; data: {source}")
        self.stdout.write(format_report(report))
        self.stdout.write("")
        self.stdout.write(self._targets(report))
        self.stdout.write(f"\nclassified {len(examples)} comments in {elapsed:.2f} s")

    def _examples(self, path: str | None) -> list[Example]:
        path = path or str(SEED_TEST)
        examples, problems = [], []
        try:
            for item in read_rows(path):
                if isinstance(item, BadLine):
                    problems.append(f"line {item.line}: {item.error}")
                    continue
                try:
                    examples.append(example_from_row(_normalised_row(item.data)))
                except (KeyError, ValueError, TypeError, AttributeError) as exc:
                    problems.append(f"line {item.line}: {exc if not isinstance(exc, KeyError) else f'missing {exc}'}")
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        if problems:
            raise CommandError("cannot evaluate, fix these lines first:\n" + "\n".join(problems[:20]))
        return examples

    def _model(self, slug: str | None):
        if slug:
            from accounts.models import Organisation
            from moderation.classify.active import model_for

            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is None:
                raise CommandError(f"no organisation with slug {slug!r}")
            return model_for(organisation, fresh=True)
        from moderation.classify.shipped import shipped_model

        return shipped_model()

    def _targets(self, report) -> str:
        lines = ["targets (issue 5):"]
        for key, label in (("category_macro_f1", "category macro-F1"), ("sentiment_macro_f1", "sentiment macro-F1")):
            value = getattr(report, key)
            lines.append(f"  {label} {value:.3f} (target >= {TARGETS[key]:.2f}): {'met' if value >= TARGETS[key] else 'NOT met'}")
        for label, value in report.criminal_recall.items():
            met = "met" if value >= TARGETS["criminal_recall"] else "NOT met"
            lines.append(f"  recall {label} {value:.3f} (target >= {TARGETS['criminal_recall']:.2f}): {met}")
        rate = report.false_criminal_rate
        met = "met" if rate <= TARGETS["false_criminal_rate"] else "NOT met"
        lines.append(f"  false criminal on allowed {rate:.1%} (target <= {TARGETS['false_criminal_rate']:.0%}): {met}")
        return "\n".join(lines)


def _normalised_row(data: dict) -> dict:
    """CSV gives strings: labels as "a|b" (or JSON); empty cells mean "not labelled"."""
    row = dict(data)
    labels = row.get("labels")
    if isinstance(labels, str):
        labels = labels.strip()
        if labels.startswith("["):
            import json

            row["labels"] = json.loads(labels)
        else:
            row["labels"] = [label.strip() for label in labels.split("|") if label.strip()]
    if not row.get("category") and not row.get("sentiment"):
        raise ValueError("needs a category or a sentiment")
    return row
