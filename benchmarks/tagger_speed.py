"""Notes per second with and without the PHI tagger, one process, one BLAS thread.

    python benchmarks/tagger_speed.py [samples | synth:N | physionet] [--repeat K] [--engine spacy|rules]

Same measurement as benchmarks/speed.py (warm-up, then redact_many over the notes K
times), for two configs that differ only in ``disabled_recognizers``; plus the tagger
alone (features + CRF + veto). Prints JSON figures only.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def load_texts(source: str) -> list[str]:
    if source == "physionet":
        from redactphi.bench.gold import load_gold

        return [n.text for n in load_gold(ROOT.parent / "shared" / "corpora" / "physionet-dev.jsonl")][:300]
    from speed import load_texts as _load

    return _load(source)


def nps(texts: list[str], repeat: int, disabled: tuple[str, ...], engine: str) -> float:
    from redactphi import Config, Redactor

    r = Redactor(Config(engine=engine, disabled_recognizers=disabled))
    list(r.redact_many(texts[:5]))
    t0 = time.perf_counter()
    for _ in range(repeat):
        for _res in r.redact_many(texts):
            pass
    return round(repeat * len(texts) / (time.perf_counter() - t0), 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("source", nargs="?", default="samples")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--engine", default="spacy")
    args = ap.parse_args()
    texts = load_texts(args.source)
    # redactphi.pipeline.engine first: it keeps Presidio's e-mail recognizer offline (tldextract)
    importlib.import_module("redactphi.pipeline.engine")
    from redactphi.recognizers.tagger import tagger_results

    from redactphi.tagger import load_model

    model = load_model()
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for t in texts:
            tagger_results(t, model)
    alone = round(args.repeat * len(texts) / (time.perf_counter() - t0), 1)
    out = {
        "source": args.source,
        "notes": len(texts),
        "mean_chars": round(sum(map(len, texts)) / len(texts)),
        "engine": args.engine,
        "with_tagger_notes_per_second": nps(texts, args.repeat, (), args.engine),
        "without_tagger_notes_per_second": nps(texts, args.repeat, ("phi_tagger",), args.engine),
        "tagger_alone_notes_per_second": alone,
    }
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
