"""Cross-validated ablation of the PHI tagger: rules only, tagger only, rules + tagger.

    nice -n 10 python benchmarks/cv_tagger.py [--splits 0/1/2/3/4] [--folds 0,1,2,3,4] [--cases as_written,upper,lower]
        [--external] [--work /tmp/cv_tagger] [--json cv.json] [--thresholds 0.2,0.3,0.5]

PhysioNet dev is split by patient, fold(patient) = int(sha256(patient).hexdigest(), 16) % 5
(the split of /work/tools/physionet_split.py). Fold f is scored only by a model trained
without fold f's patients (benchmarks/train_tagger.py with the same recipe file), so no
note is scored by a model that saw its patient. ``--splits 3/4/012`` groups folds 0-2 into
one held-out split (one model trained on folds 3-4 only: fewer models, a pessimistic figure). Folds 3-4 are the cleanest figure: the
rules were never tuned on them either. ``--external`` also scores, with a model trained on
all five folds (the shipped recipe), ASQ-PHI dev, blind2, handwritten (IN the tagger's
training data: not a held-out figure) and synthetic notes (300, seed 7; training uses 101).

Systems: "rules" is the current pipeline (spaCy engine, every recognizer but the tagger);
"tagger" is the tagger recognizer alone (same veto and score threshold); "both" is their
union, which is what resolve() does with overlapping detections; "both-no-ner" drops
spaCy's general NER from the rules, to see whether it still adds recall; "pipeline" is
the whole pipeline run with the fold's model, which adds the tagger's veto of weak rule
evidence (recognizers/tagger.py, WEAK_EVIDENCE) to the union: the figure a user gets.

Prints figures only (recall, precision, counts), never note text. Rules predictions and
fold models are cached under --work (offsets only, no text).
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import train_tagger as T  # noqa: E402

from redactphi.bench.gold import GoldNote, load_gold, recase  # noqa: E402
from redactphi.bench.score import Report, Scorer  # noqa: E402

SCORE_THRESHOLD = 0.35  # Config().score_threshold; checked at start-up
SYSTEMS = ("rules", "tagger", "both", "both-no-ner", "pipeline")
Pred = list[tuple[int, int, str]]


def _recased(notes: Sequence[GoldNote], case: str) -> list[GoldNote]:
    return list(notes) if case == "as_written" else [recase(n, case) for n in notes]


def _key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def rules_predictions(notes: Sequence[GoldNote], tag: str, work: Path, no_ner: bool = False,
                      cached_only: bool = False) -> list[Pred] | None:
    """The rule pipeline's redactions (tagger disabled), cached by the notes' content."""
    from redactphi.bench.run import redactphi_predictor
    from redactphi.config import Config

    disabled = ("phi_tagger", "spacy_ner") if no_ner else ("phi_tagger",)
    key = _key(tag, str(no_ner), *(n.text for n in notes), _rules_version())
    path = work / f"rules_{tag}_{'noner' if no_ner else 'all'}_{key}.json"
    if path.is_file():
        return [[tuple(p) for p in ps] for ps in json.loads(path.read_text())]  # type: ignore[misc]
    if cached_only:
        return None
    t0 = time.time()
    predict = redactphi_predictor(Config(disabled_recognizers=disabled))
    preds = [list(p) for p in predict(n.text for n in notes)]
    secs = time.time() - t0
    print(f"  rules{'-no-ner' if no_ner else ''} on {tag}: {len(notes)} notes in {secs:.0f} s", file=sys.stderr)
    path.write_text(json.dumps(preds))
    return preds  # type: ignore[return-value]


def pipeline_predictions(notes: Sequence[GoldNote], tag: str, work: Path, model_dir: Path) -> list[Pred]:
    """The whole pipeline's redactions with the fold's tagger model in place of the shipped
    one: the tagger's spans and its veto of weak rule evidence, as a user gets them."""
    from redactphi import tagger as tagger_module
    from redactphi.bench.run import redactphi_predictor

    key = _key(tag, str(model_dir), *(n.text for n in notes), _rules_version(),
               (ROOT / "recognizers" / "tagger.py").read_text(), (ROOT / "redactphi" / "tagger.py").read_text())
    path = work / f"pipeline_{tag}_{key}.json"
    if path.is_file():
        return [[tuple(p) for p in ps] for ps in json.loads(path.read_text())]  # type: ignore[misc]
    shipped = tagger_module.default_model_dir
    tagger_module.default_model_dir = lambda: model_dir  # type: ignore[assignment]
    try:
        t0 = time.time()
        preds = [list(p) for p in redactphi_predictor()(n.text for n in notes)]
        print(f"  pipeline on {tag}: {len(notes)} notes in {time.time() - t0:.0f} s", file=sys.stderr)
    finally:
        tagger_module.default_model_dir = shipped  # type: ignore[assignment]
    path.write_text(json.dumps(preds))
    return preds  # type: ignore[return-value]


def _rules_version() -> str:
    """Hash of the rule code, so a cached rules run is redone after the rules change."""
    h = hashlib.sha256()
    for folder in ("recognizers", "redactphi"):
        for p in sorted((ROOT / folder).rglob("*")):
            # the tagger's own files are not rules (the rules run has the tagger disabled)
            if p.suffix in (".py", ".yaml", ".txt", ".tsv") and "tagger" not in p.name and p.name != "augment.py" \
                    and "models" not in p.parts:
                h.update(p.read_bytes())
    return h.hexdigest()[:12]


def fold_model(cfg: dict[str, Any], cfg_bytes: bytes, exclude: set[int], work: Path) -> Path:
    # the [decision] table is applied at prediction time (from the config, not the fold
    # model's provenance), so changing it needs no retraining
    recipe = {k: v for k, v in cfg.items() if k != "decision"}
    training_code = "".join(inspect.getsource(f) for f in (T.training_notes, T.to_sequences, T.train, T.load_physionet))
    key = _key(json.dumps(recipe, sort_keys=True), ",".join(map(str, sorted(exclude))), training_code,
               (ROOT / "redactphi" / "tagger.py").read_text(), (ROOT / "redactphi" / "bench" / "augment.py").read_text())
    out = work / f"model_ex{''.join(map(str, sorted(exclude))) or 'none'}_{key}"
    if not (out / "model.crfsuite").is_file():
        t0 = time.time()
        T.train(cfg, out, exclude, quiet=True)
        print(f"  trained model without folds {sorted(exclude)} in {time.time() - t0:.0f} s", file=sys.stderr)
    return out


def tagger_predictions(notes: Iterable[GoldNote], model_dir: Path, threshold: float | None = None) -> tuple[list[Pred], float]:
    from redactphi.recognizers.tagger import tagger_results

    from redactphi.tagger import load_model

    model = load_model(model_dir)
    out = []
    t0 = time.perf_counter()
    n = 0
    for note in notes:
        rs = tagger_results(note.text, model, threshold=threshold)
        out.append([(r.start, r.end, r.entity_type) for r in rs if r.score >= SCORE_THRESHOLD])
        n += 1
    secs = time.perf_counter() - t0
    return out, (n / secs if secs else 0.0)


def score(notes: Sequence[GoldNote], preds: Sequence[Pred]) -> Report:
    sc = Scorer()
    for n, p in zip(notes, preds, strict=True):
        sc.add(n, p)
    return sc.report


def systems(rules: list[Pred], rules_noner: list[Pred] | None, tagger: list[Pred]) -> dict[str, list[Pred]]:
    out = {"rules": rules, "tagger": tagger, "both": [a + b for a, b in zip(rules, tagger, strict=True)]}
    if rules_noner is not None:
        out["both-no-ner"] = [a + b for a, b in zip(rules_noner, tagger, strict=True)]
    return out


def _fmt(v: float | None) -> str:
    return "   -  " if v is None else f"{100 * v:6.2f}"


def summary(rep: Report) -> dict[str, Any]:
    return {
        "notes": rep.notes,
        "spans": rep.spans,
        "strict_recall": rep.strict_recall,
        "token_precision": rep.token_precision,
        "missed_spans": rep.missed_spans,
        "leaking_notes": rep.leaking_notes,
        "phi_free_notes": rep.phi_free_notes,
        "phi_free_changed": rep.over_redaction_rate,
        "by_type": {t: {"spans": rep.by_type[t].spans, "strict_recall": rep.by_type[t].strict_recall} for t in rep.type_order()},
    }


def print_block(title: str, reports: dict[str, Report]) -> None:
    print(f"\n== {title}")
    print(f"{'system':<12} {'notes':>5} {'spans':>5} {'recall':>7} {'prec':>7} {'missed':>6} {'PHI-free changed':>17}")
    for name, r in reports.items():
        over = f"{r.over_redacted_notes}/{r.phi_free_notes} ({_fmt(r.over_redaction_rate).strip()}%)"
        print(f"{name:<12} {r.notes:>5} {r.spans:>5} {_fmt(r.strict_recall):>7} {_fmt(r.token_precision):>7} {r.missed_spans:>6} {over:>17}")
    types = [t for t in next(iter(reports.values())).type_order()]
    if types:
        print("  strict recall by type: " + " | ".join(f"{t}({next(iter(reports.values())).by_type[t].spans})" for t in types))
        for name, r in reports.items():
            print(f"  {name:<12} " + " | ".join(_fmt(r.by_type[t].strict_recall).strip() for t in types))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", type=Path, default=T.DEFAULT_CONFIG)
    ap.add_argument("--folds", default="0,1,2,3,4")
    ap.add_argument("--splits", default="0/1/2/3/4",
                    help="held-out groups, one model each: '0/1/2/3/4' is 5-fold; '3/4/012' trains one model "
                         "without folds 0-2 (cheaper on a busy machine)")
    ap.add_argument("--cases", default="as_written,upper,lower")
    ap.add_argument("--work", type=Path, default=Path("/tmp/cv_tagger"))
    ap.add_argument("--json", type=Path)
    ap.add_argument("--external", action="store_true", help="also score ASQ-PHI dev, blind2, handwritten, synthetic")
    ap.add_argument("--external-model", type=Path, help="model for --external (default: train on all folds into --work)")
    ap.add_argument("--no-rules", action="store_true", help="tagger figures only (fast)")
    ap.add_argument("--rules-if-cached", action="store_true",
                    help="score the rules only where an earlier run cached them (a busy machine)")
    ap.add_argument("--thresholds", default="", help="also sweep token thresholds on folds 0-2 (tagger and both)")
    args = ap.parse_args()

    from redactphi.config import Config

    if Config().score_threshold != SCORE_THRESHOLD:
        raise SystemExit("Config().score_threshold changed: update SCORE_THRESHOLD in cv_tagger.py")
    args.work.mkdir(parents=True, exist_ok=True)
    cfg_bytes = args.config.read_bytes()
    cfg = T.load_config(args.config)
    folds = [int(f) for f in args.folds.split(",")]
    cases = args.cases.split(",")
    result: dict[str, Any] = {"version": 1, "config": str(args.config.relative_to(ROOT)) if args.config.is_relative_to(ROOT) else str(args.config), "physionet": {}, "external": {}}

    phys = T.physionet_path(cfg)
    if not phys.is_file():
        raise SystemExit("PhysioNet dev corpus not found (../shared/corpora): the CV needs it")
    pairs = T.load_physionet(phys)
    by_fold = {f: [n for p, n in pairs if T.fold(p) == f] for f in range(5)}
    groups = [{int(c) for c in g} for g in args.splits.split("/")]
    models = {}
    for g in groups:
        if g & set(folds):
            path = fold_model(cfg, cfg_bytes, g, args.work)
            for f in g:
                models[f] = path
    result["splits"] = [sorted(g) for g in groups]

    cfg_thr = float(cfg.get("decision", {}).get("token_threshold", 0.5))

    def run(notes: list[GoldNote], tag: str, model: Path, thr: float | None = None) -> tuple[dict[str, list[Pred]], float]:
        tagp, nps = tagger_predictions(notes, model, cfg_thr if thr is None else thr)
        if args.no_rules:
            return {"tagger": tagp}, nps
        rules = rules_predictions(notes, tag, args.work, cached_only=args.rules_if_cached)
        if rules is None:
            return {"tagger": tagp}, nps
        noner = rules_predictions(notes, tag, args.work, no_ner=True, cached_only=args.rules_if_cached)
        out = systems(rules, noner, tagp)
        out["pipeline"] = pipeline_predictions(notes, tag, args.work, model)
        return out, nps

    for case in cases:
        pooled: dict[str, dict[str, tuple[list[GoldNote], list[Pred]]]] = {"folds 3-4": {}, "all folds": {}, "folds 0-2": {}}
        for f in folds:
            notes = _recased(by_fold[f], case)
            preds, nps = run(notes, f"physio_f{f}_{case}", models[f])
            reps = {s: score(notes, p) for s, p in preds.items()}
            print_block(f"PhysioNet fold {f} ({case}), tagger {nps:.0f} notes/s", reps)
            result["physionet"][f"fold{f}_{case}"] = {s: summary(r) for s, r in reps.items()}
            for group, members in (("folds 3-4", {3, 4}), ("all folds", {0, 1, 2, 3, 4}), ("folds 0-2", {0, 1, 2})):
                if f in members:
                    for s, p in preds.items():
                        ns, ps = pooled[group].setdefault(s, ([], []))
                        ns.extend(notes)
                        ps.extend(p)
        for group, sys_preds in pooled.items():
            if not sys_preds:
                continue
            reps = {s: score(ns, ps) for s, (ns, ps) in sys_preds.items()}
            print_block(f"PhysioNet {group} pooled ({case})", reps)
            result["physionet"][f"{group.replace(' ', '')}_{case}"] = {s: summary(r) for s, r in reps.items()}

    for thr in [float(t) for t in args.thresholds.split(",") if t]:
        notes = [n for f in (0, 1, 2) if f in folds for n in by_fold[f]]
        preds_t: list[Pred] = []
        for f in (0, 1, 2):
            if f in folds:
                preds_t += tagger_predictions(by_fold[f], models[f], thr)[0]
        reps = {"tagger": score(notes, preds_t)}
        if not args.no_rules:
            rules = [p for f in (0, 1, 2) if f in folds
                     for p in rules_predictions(by_fold[f], f"physio_f{f}_as_written", args.work) or []]
            reps["both"] = score(notes, [a + b for a, b in zip(rules, preds_t, strict=True)])
        print_block(f"threshold sweep {thr} on folds 0-2 (as written)", reps)

    if args.external:
        model = args.external_model or fold_model(cfg, cfg_bytes, set(), args.work)
        from redactphi.bench.synth import generate

        corpora = {
            "asq-phi-dev": list(load_gold("/work/shared/corpora/asq-phi-dev.jsonl")),
            "blind2": list(load_gold(ROOT / "benchmarks/corpora/blind2.jsonl")),
            "handwritten (IN TRAINING)": list(load_gold(ROOT / "benchmarks/corpora/handwritten.jsonl")),
            "synthetic n300 seed7": list(generate(300, seed=7)),
        }
        for name, base in corpora.items():
            for case in cases:
                notes = _recased(base, case)
                preds, nps = run(notes, f"{name.split()[0]}_{case}", model)
                reps = {s: score(notes, p) for s, p in preds.items()}
                print_block(f"{name} ({case}), tagger {nps:.0f} notes/s", reps)
                result["external"][f"{name}_{case}"] = {s: summary(r) for s, r in reps.items()}
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
