"""Train the PHI tagger (CRF) from the repository's recipe: ``make train``.

    python benchmarks/train_tagger.py [--config benchmarks/tagger/crf.toml]
        [--out redactphi/models/phi_tagger] [--exclude-folds 3,4] [--cv-json FILE]

Training data: PhysioNet dev (when ../shared is present; minus the patients of any
excluded fold), our hand-written corpus and synthetic notes, every note surrogate-
augmented and re-cased (redactphi/bench/augment.py). Never ASQ-PHI, never blind2/blind3.
Writes model.crfsuite and PROVENANCE.json. Prints counts only, never note text.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redactphi.bench.gold import GoldNote, load_gold  # noqa: E402
from redactphi.tagger import FEATURES_VERSION, GOLD_LABEL, MODEL_FILE, PROVENANCE_FILE, bio_labels, note_features  # noqa: E402

DEFAULT_CONFIG = ROOT / "benchmarks" / "tagger" / "crf.toml"
DEFAULT_OUT = ROOT / "redactphi" / "models" / "phi_tagger"


def fold(patient: str, k: int = 5) -> int:
    """Patient-level fold, the same function as /work/tools/physionet_split.py."""
    return int(hashlib.sha256(patient.encode()).hexdigest(), 16) % k


def load_config(path: Path) -> dict[str, Any]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def physionet_path(cfg: dict[str, Any]) -> Path:
    return (ROOT / cfg["data"]["physionet"]).resolve()


def load_physionet(path: Path) -> list[tuple[str, GoldNote]]:
    """(patient, note) pairs."""
    patients = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                patients[rec["id"]] = str(rec["patient"])
    return [(patients[n.id], n) for n in load_gold(path)]


def training_notes(cfg: dict[str, Any], exclude_folds: set[int]) -> tuple[list[GoldNote], dict[str, Any]]:
    """The raw (not yet augmented) training notes and a description for the provenance."""
    from redactphi.bench.synth import generate

    notes: list[GoldNote] = []
    desc: dict[str, Any] = {}
    phys = physionet_path(cfg)
    if phys.is_file():
        pairs = load_physionet(phys)
        kept = [n for p, n in pairs if fold(p) not in exclude_folds]
        notes += kept
        desc["physionet_dev"] = {
            "file": "physionet-dev.jsonl (../shared/corpora, not in the repository)",
            "notes": len(kept),
            "excluded_folds": sorted(exclude_folds),
            "licence": "PhysioNet deid gold standard (surrogate PHI; described by PhysioNet as freely shareable)",
        }
    else:
        desc["physionet_dev"] = "absent (../shared not present): not used"
    hw = ROOT / cfg["data"]["handwritten"]
    hw_notes = list(load_gold(hw))
    notes += hw_notes
    desc["handwritten"] = {"file": cfg["data"]["handwritten"], "notes": len(hw_notes)}
    syn = list(generate(int(cfg["data"]["synth_notes"]), seed=int(cfg["data"]["synth_seed"])))
    notes += syn
    desc["synthetic"] = {"generator": "redactphi.bench.synth", "notes": len(syn), "seed": cfg["data"]["synth_seed"]}
    return notes, desc


def to_sequences(notes: list[GoldNote]) -> tuple[list[list[list[str]]], list[list[str]]]:
    """One CRF sequence per line. Lines without PHI are taken from the first copy of a note
    only: repeating them in every surrogate copy adds no information (they do not change)
    and would double the training time."""
    xs, ys = [], []
    for note in notes:
        first_copy = note.id.endswith("#aug0")
        spans = [(s.start, s.end, GOLD_LABEL.get(s.type, "ID")) for s in note.spans]
        lines, feats = note_features(note.text)
        for toks, xseq in zip(lines, feats, strict=True):
            lo, hi = toks[0].start, toks[-1].end
            line_spans = [sp for sp in spans if sp[0] < hi and sp[1] > lo]
            if not line_spans and not first_copy:
                continue
            xs.append(xseq)
            ys.append(bio_labels(toks, line_spans))
    return xs, ys


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def train(cfg: dict[str, Any], out_dir: Path, exclude_folds: set[int] = frozenset(), quiet: bool = False,  # type: ignore[assignment]
          extra_provenance: dict[str, Any] | None = None) -> dict[str, Any]:
    """Train one model into ``out_dir``; returns its provenance record."""
    import pycrfsuite

    from redactphi.bench.augment import FAKER_LOCALES, augment

    t0 = time.time()
    seed = int(cfg["seed"])
    raw, desc = training_notes(cfg, set(exclude_folds))
    aug = list(augment(raw, copies=int(cfg["data"]["copies"]), seed=seed, phi_free_copies=int(cfg["data"]["phi_free_copies"])))
    xs, ys = to_sequences(aug)
    n_tokens = sum(map(len, ys))
    if not quiet:
        print(f"training notes {len(raw)}, augmented {len(aug)}, sequences {len(xs)}, tokens {n_tokens}", file=sys.stderr)
    trainer = pycrfsuite.Trainer(algorithm=cfg["crf"]["algorithm"], verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params({
        "c1": float(cfg["crf"]["c1"]),
        "c2": float(cfg["crf"]["c2"]),
        "max_iterations": int(cfg["crf"]["max_iterations"]),
        "feature.minfreq": float(cfg["crf"]["feature_minfreq"]),
        "feature.possible_transitions": True,
    })
    out_dir.mkdir(parents=True, exist_ok=True)
    model_path = out_dir / MODEL_FILE
    trainer.train(str(model_path))
    seconds = time.time() - t0
    prov: dict[str, Any] = {
        "version": 1,
        "model": "linear-chain CRF (python-crfsuite 0.9.12, CRFsuite by Naoaki Okazaki, BSD licence)",
        "features_version": FEATURES_VERSION,
        "config": cfg,
        "config_file": "benchmarks/tagger/crf.toml",
        "seed": seed,
        "training_data": desc,
        "augmentation": {
            "copies_per_phi_note": cfg["data"]["copies"],
            "phi_free_copies": cfg["data"]["phi_free_copies"],
            "cases": ["as_written", "upper", "lower"],
            "values": {
                "names": "US Census 1990 first/last names (public domain); Faker 40.54.0 locale name lists (MIT), "
                         f"{len(FAKER_LOCALES)} locales; invented syllable words; initials",
                "towns": "GeoNames via redactphi/data/geo_cities.tsv (CC BY 4.0)",
                "facilities": "invented '<town/surname> <facility word>' names, 2-5 letter acronyms",
                "ids_phones_dates": "shape-preserving fresh values; dates re-generated in the same layout",
            },
        },
        "training": {
            "augmented_notes": len(aug),
            "sequences": len(xs),
            "tokens": n_tokens,
            "seconds": round(seconds, 1),
        },
        "decision": dict(cfg.get("decision", {})),
        "trained_at": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "git_commit": _git_commit(),
        "model_sha256": hashlib.sha256(model_path.read_bytes()).hexdigest(),
    }
    if extra_provenance:
        prov.update(extra_provenance)
    (out_dir / PROVENANCE_FILE).write_text(json.dumps(prov, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if not quiet:
        print(f"trained in {seconds:.0f} s; model {model_path.stat().st_size // 1024} KiB", file=sys.stderr)
    return prov


def cv_summary(cv: dict[str, Any]) -> dict[str, Any]:
    """The headline figures of a cv_tagger.py --json file (pooled folds, external corpora)."""
    keep = ("strict_recall", "token_precision", "phi_free_changed", "spans", "notes")
    out: dict[str, Any] = {"source": "benchmarks/tagger/cv.json (benchmarks/cv_tagger.py)", "physionet": {}, "external": {}}
    for section in ("physionet", "external"):
        for key, systems in cv.get(section, {}).items():
            if section == "physionet" and not key.startswith(("folds3-4", "allfolds")):
                continue
            out[section][key] = {name: {k: fig.get(k) for k in keep} for name, fig in systems.items()}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--exclude-folds", default="", help="comma-separated PhysioNet folds to leave out")
    ap.add_argument("--cv-json", type=Path, help="CV figures (from cv_tagger.py --json) to record in PROVENANCE.json")
    ap.add_argument("--adopt", type=Path, help="instead of training, ship a model that cv_tagger.py trained with this "
                    "same recipe (checked) on all folds; only the [decision] table and CV figures are updated")
    args = ap.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    cfg = load_config(args.config)
    excl = {int(f) for f in args.exclude_folds.split(",") if f.strip()}
    extra = {"cv": cv_summary(json.loads(args.cv_json.read_text()))} if args.cv_json and args.cv_json.is_file() else None
    if args.adopt:
        adopt(cfg, args.adopt, args.out, extra)
    else:
        train(cfg, args.out, excl, extra_provenance=extra)


def adopt(cfg: dict[str, Any], src: Path, out: Path, extra: dict[str, Any] | None) -> None:
    """Ship ``src`` (trained by this recipe on every fold) with an updated provenance.

    The decision settings are applied at prediction time, so changing them after training
    is honest; anything else in the recipe must match exactly, or this refuses."""
    import shutil

    prov = json.loads((src / PROVENANCE_FILE).read_text(encoding="utf-8"))
    recipe = {k: v for k, v in cfg.items() if k != "decision"}
    trained = {k: v for k, v in prov["config"].items() if k != "decision"}
    if recipe != trained or prov["training_data"].get("physionet_dev", {}).get("excluded_folds") != []:
        raise SystemExit("the model to adopt was not trained by this recipe on all folds: run without --adopt")
    sha = hashlib.sha256((src / MODEL_FILE).read_bytes()).hexdigest()
    if sha != prov["model_sha256"]:
        raise SystemExit("the model file does not match its provenance")
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src / MODEL_FILE, out / MODEL_FILE)
    prov["config"] = cfg
    prov["decision"] = dict(cfg.get("decision", {}))
    prov["adopted_at"] = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if extra:
        prov.update(extra)
    (out / PROVENANCE_FILE).write_text(json.dumps(prov, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
