"""`make bench` (classifier part): scores on the held-aside test set, speed, retraining time, memory.

Printed, never asserted (the timed tests stay generous). Runs on one core: the process is pinned to one CPU
and BLAS threads are limited to one. No database is needed: the shipped model is trained from the seed set
(or read from the cache in VAR_DIR) and the retraining figure trains on 20,000 resampled seed comments.
"""

from __future__ import annotations

import io
import os
import random
import resource
import statistics
import time
import tracemalloc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

TARGETS = "targets: category >= 0.80, sentiment >= 0.85, criminal recall >= 0.90, false criminal <= 3 %"
BATCH = 500


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def pin_to_one_core() -> str:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity)"


def bench_scores(model) -> None:
    from moderation.classify.evaluation import evaluate
    from moderation.classify.training import SEED_TEST, load_examples

    for name, used in (("rules only", None), ("rules + model", model)):
        report = evaluate(load_examples(SEED_TEST), model=used)
        recall = ", ".join(f"{label} {value:.3f}" for label, value in report.criminal_recall.items())
        print(
            f"scores ({name}, {report.count} held-aside comments): category macro-F1 {report.category_macro_f1:.3f}, "
            f"sentiment macro-F1 {report.sentiment_macro_f1:.3f}; recall {recall}; "
            f"false criminal on allowed {report.false_criminal_rate:.1%} of {report.allowed_count}"
        )
    print(TARGETS)


def bench_throughput(model, texts: list[str]) -> None:
    from moderation.classify import classify_many

    classify_many(texts[:BATCH], model=model)   # warm caches
    for name, used in (("rules only", None), ("rules + model", model)):
        wall, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(texts), BATCH):
            classify_many(texts[start:start + BATCH], model=used)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"batch ({name}): {len(texts):,} comments in {wall:.2f} s = {len(texts) / wall:,.0f} comments/s "
              f"(CPU time {len(texts) / cpu:,.0f} comments/s)")


def bench_latency(model, texts: list[str]) -> None:
    from moderation.classify import classify_text

    timings = []
    for text in texts[:1000]:
        started = time.perf_counter()
        classify_text(text, model=model)
        timings.append((time.perf_counter() - started) * 1000)
    print(f"single comment: p50 {statistics.median(timings):.2f} ms, p95 {percentile(timings, 0.95):.2f} ms, "
          f"max {max(timings):.2f} ms")


def bench_retraining(count: int = 20_000) -> None:
    from moderation.classify.training import SEED_TRAIN, load_examples, train_model

    seed = load_examples(SEED_TRAIN)
    rng = random.Random(5)
    examples = [rng.choice(seed) for _ in range(count)]
    started = time.perf_counter()
    model = train_model(examples, trained_on={"examples": count})
    print(f"retraining on {count:,} comments (seed resampled): {time.perf_counter() - started:.1f} s "
          f"(features: {sum(len(v.vocabulary_) for _n, v in model.features.transformer_list):,})")


def bench_memory(model) -> None:
    from moderation.classify import classify_many
    from moderation.classify.storage import dump_model, load_model, sign_model_bytes

    data = dump_model(model)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    loaded = load_model(data, sign_model_bytes(data))
    classify_many(["Wanneer is het containerpark open?", "Ik sla zijn kop in"] * 50, model=loaded)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    buffer = io.BytesIO()
    import pickle

    pickle.dump(model, buffer)
    print(f"model memory: {current / 2**20:.1f} MB held after loading and classifying (peak {peak / 2**20:.1f} MB); "
          f"stored {len(data) / 2**20:.1f} MB compressed, {buffer.tell() / 2**20:.1f} MB pickled; "
          f"max RSS grew {(rss_after - rss_before) / 1024:.1f} MB")


def main() -> None:
    from threadpoolctl import threadpool_limits

    from moderation.classify.shipped import shipped_model
    from moderation.classify.training import SEED_TEST, load_examples

    print(f"classifier bench: {pin_to_one_core()}, BLAS threads limited to 1")
    with threadpool_limits(limits=1):
        started = time.perf_counter()
        model = shipped_model()
        print(f"shipped model ready in {time.perf_counter() - started:.1f} s (trained on first use, then cached)")
        texts = [example.text for example in load_examples(SEED_TEST)]
        bench_scores(model)
        bench_throughput(model, (texts * 22)[:10_000])
        bench_latency(model, texts * 3)
        bench_memory(model)
        bench_retraining()


if __name__ == "__main__":
    main()
