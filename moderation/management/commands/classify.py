"""``manage.py classify --input IN.jsonl --output OUT.jsonl``: classify comments from a file, offline.

Input lines are {"id": ..., "text": ...} (JSONL) or a CSV with "id" and "text" columns; output lines are
{"id", "sentiment", "category", "labels", "conduct", "confidence", "reasons"} plus per-label confidences.
Uses the shipped model (trained from the seed set on first use, no network) or, with --organisation, that
organisation's active model, contact details and code of conduct.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from moderation.classify import ClassificationContext, classify_many
from moderation.classify.records import BadLine, VerdictWriter, atomic_output, file_format, read_rows
from moderation.conduct import conduct_of

BATCH = 500
PROGRESS_EVERY = 2_000
MAX_TEXT_CHARS = 100_000      # longer texts are cut (the classifier reads the first 10,000 characters anyway)
SHOWN_ERRORS = 20


class Command(BaseCommand):
    help = "Classify comments from a JSONL or CSV file (by extension) into a JSONL or CSV file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--input", required=True, help='JSONL lines {"id": ..., "text": ...} or CSV; "-" is stdin')
        parser.add_argument("--output", required=True, help='JSONL or CSV (by extension); "-" is stdout')
        parser.add_argument("--organisation", help="slug: use its active model, contact details and code of conduct")
        parser.add_argument("--rules-only", action="store_true", help="skip the text model (rules only)")

    def handle(self, *args: Any, **options: Any) -> None:
        model, context, kinds = self._setup(options)
        started = time.perf_counter()
        done = 0
        errors: list[BadLine] = []
        batch: list[tuple[Any, str]] = []
        try:
            with atomic_output(options["output"]) as output:
                writer = VerdictWriter(output, file_format(options["output"]))
                for item in read_rows(options["input"]):
                    if isinstance(item, BadLine):
                        errors.append(item)
                        self.stderr.write(f"line {item.line}: {item.error}")
                        continue
                    text = item.data.get("text")
                    if not isinstance(text, str):
                        errors.append(BadLine(item.line, "no text (a string) on this line"))
                        self.stderr.write(f"line {item.line}: no text (a string) on this line")
                        continue
                    batch.append((item.data.get("id", item.line), text[:MAX_TEXT_CHARS]))
                    if len(batch) == BATCH:
                        done += self._flush(batch, writer, model, context, kinds)
                        batch = []
                        self._progress(done, started)
                done += self._flush(batch, writer, model, context, kinds)
        except OSError as exc:
            raise CommandError(f"cannot read or write: {exc}") from exc
        elapsed = time.perf_counter() - started
        self.stderr.write(f"classified {done:,} comments in {elapsed:.1f} s")
        if errors:
            shown = ", ".join(str(error.line) for error in errors[:SHOWN_ERRORS])
            more = f" and {len(errors) - SHOWN_ERRORS} more" if len(errors) > SHOWN_ERRORS else ""
            raise CommandError(f"{len(errors)} lines could not be classified (line {shown}{more}); the others were written")

    def _setup(self, options: dict[str, Any]):
        kinds: dict[str, str] = {}
        context = ClassificationContext()
        organisation = None
        if options.get("organisation"):
            from accounts.models import Organisation
            from codeofconduct.selectors import article_kinds, code_in_force
            from moderation.classification import context_for

            organisation = Organisation.objects.filter(slug=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"no organisation with slug {options['organisation']!r}")
            context = context_for(organisation)
            kinds = article_kinds(code_in_force(organisation))
        if options.get("rules_only"):
            return None, context, kinds
        self.stderr.write("loading the text model (trained from the seed set on first use, a few seconds)")
        if organisation is not None:
            from moderation.classify.active import model_for

            return model_for(organisation), context, kinds
        from moderation.classify.shipped import shipped_model

        return shipped_model(), context, kinds

    def _flush(self, batch, writer: VerdictWriter, model, context, kinds) -> int:
        if not batch:
            return 0
        from moderation.classification import needs_review

        verdicts = classify_many([text for _id, text in batch], context=context, model=model)
        for (identifier, _text), verdict in zip(batch, verdicts, strict=True):
            writer.write({
                "id": identifier,
                "sentiment": verdict.sentiment,
                "category": verdict.category,
                "labels": list(verdict.labels),
                "conduct": conduct_of(verdict.category, kinds),
                "confidence": verdict.confidence,
                "reasons": [{"code": reason.code, "evidence": reason.evidence[:200]} for reason in verdict.reasons],
                "confidences": {
                    "labels": dict(zip(verdict.labels, verdict.label_confidences or (verdict.confidence,), strict=False)),
                    "sentiment": verdict.sentiment_confidence or None,
                },
                "needs_review": needs_review(verdict),
            })
        return len(batch)

    def _progress(self, done: int, started: float) -> None:
        if done % PROGRESS_EVERY == 0:
            rate = done / max(time.perf_counter() - started, 1e-9)
            self.stderr.write(f"classified {done:,} comments ({rate:,.0f}/s)")
