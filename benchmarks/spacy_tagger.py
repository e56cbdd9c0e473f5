"""The spaCy NER alternative to the CRF tagger, on one patient split (issue 10's comparison).

    python benchmarks/spacy_tagger.py data --exclude-folds 3,4 --out /tmp/sp
    python -m spacy train benchmarks/tagger/spacy_ner.cfg --paths.train /tmp/sp/train.spacy \\
        --paths.dev /tmp/sp/dev.spacy --output /tmp/sp/out
    python benchmarks/spacy_tagger.py eval --model /tmp/sp/out/model-best --folds 3,4 [--crf DIR]

The training notes and their augmentation are exactly the CRF's (benchmarks/train_tagger.py
with benchmarks/tagger/crf.toml); dev.spacy is a slice of the augmented training notes,
used only for spaCy's checkpoint choice. ``eval`` scores the held-out folds' notes: tagger
alone and rules + tagger (rules cached by cv_tagger.py under --work), with the same
clinical veto as the CRF recognizer. Prints figures only.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import cv_tagger as CV  # noqa: E402
import train_tagger as T  # noqa: E402

from redactphi.tagger import GOLD_LABEL  # noqa: E402


def make_data(exclude: set[int], out: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    from redactphi.bench.augment import augment

    cfg = T.load_config(T.DEFAULT_CONFIG)
    raw, _ = T.training_notes(cfg, exclude)
    aug = list(augment(raw, copies=int(cfg["data"]["copies"]), seed=int(cfg["seed"]), phi_free_copies=int(cfg["data"]["phi_free_copies"])))
    random.Random(int(cfg["seed"])).shuffle(aug)
    nlp = spacy.blank("en")
    train, dev = DocBin(), DocBin()
    n_dev = max(50, len(aug) // 20)
    for k, note in enumerate(aug):
        doc = nlp.make_doc(note.text)
        ents, taken = [], set()
        for s in note.spans:
            span = doc.char_span(s.start, s.end, label=GOLD_LABEL.get(s.type, "ID"), alignment_mode="expand")
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            ents.append(span)
        doc.ents = ents
        (dev if k < n_dev else train).add(doc)
    out.mkdir(parents=True, exist_ok=True)
    train.to_disk(out / "train.spacy")
    dev.to_disk(out / "dev.spacy")
    print(f"train {len(aug) - n_dev} docs, dev {n_dev} docs", file=sys.stderr)


def spacy_predictions(notes, model_dir: Path) -> tuple[list[CV.Pred], float]:  # type: ignore[no-untyped-def]
    import spacy
    from redactphi.recognizers.tagger import judge_span

    nlp = spacy.load(model_dir)
    t0 = time.perf_counter()
    out = []
    for note, doc in zip(notes, nlp.pipe(n.text for n in notes), strict=True):
        preds = []
        for ent in doc.ents:
            judged = judge_span(note.text, ent.start_char, ent.end_char, ent.label_, 1.0, {})
            if judged is not None:
                preds.append(judged)
        out.append(preds)
    secs = time.perf_counter() - t0
    return out, len(out) / secs if secs else 0.0


def evaluate(model: Path, folds: list[int], work: Path, crf: Path | None) -> None:
    cfg = T.load_config(T.DEFAULT_CONFIG)
    pairs = T.load_physionet(T.physionet_path(cfg))
    for case in ("as_written", "upper", "lower"):
        notes, rules = [], []
        for f in folds:
            fnotes = CV._recased([n for p, n in pairs if T.fold(p) == f], case)
            notes += fnotes
            rules += CV.rules_predictions(fnotes, f"physio_f{f}_{case}", work)
        sp, nps = spacy_predictions(notes, model)
        reps = {"rules": CV.score(notes, rules), "spacy-ner": CV.score(notes, sp),
                "rules+spacy": CV.score(notes, [a + b for a, b in zip(rules, sp, strict=True)])}
        if crf is not None:
            cp, cnps = CV.tagger_predictions(notes, crf)
            reps["crf"] = CV.score(notes, cp)
            reps["rules+crf"] = CV.score(notes, [a + b for a, b in zip(rules, cp, strict=True)])
            print(f"crf {cnps:.0f} notes/s", file=sys.stderr)
        CV.print_block(f"PhysioNet folds {folds} ({case}); spaCy NER {nps:.0f} notes/s", reps)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("data")
    d.add_argument("--exclude-folds", default="3,4")
    d.add_argument("--out", type=Path, required=True)
    e = sub.add_parser("eval")
    e.add_argument("--model", type=Path, required=True)
    e.add_argument("--folds", default="3,4")
    e.add_argument("--work", type=Path, default=Path("/tmp/cv_tagger"))
    e.add_argument("--crf", type=Path, help="a CRF model trained on the same split, for a side-by-side")
    args = ap.parse_args()
    if args.cmd == "data":
        make_data({int(f) for f in args.exclude_folds.split(",") if f}, args.out)
    else:
        evaluate(args.model, [int(f) for f in args.folds.split(",")], args.work, args.crf)


if __name__ == "__main__":
    main()
