"""The learned PHI tagger: tokenizer, features and a linear-chain CRF (python-crfsuite).

One module is shared by training (``benchmarks/train_tagger.py``) and by the recognizer
(``recognizers/tagger.py``), so the features a model was trained on are exactly the ones
it sees at run time. No spaCy: the tagger works in ``--engine rules`` too.

The model is package data (``redactphi/models/phi_tagger/``) with ``PROVENANCE.json``
beside it, loaded once per process per path. A missing or unreadable model file is a
:class:`ModelNotInstalledError` naming what to reinstall, never a silent fall-back: a
redactor that quietly lost a detector would leak without saying so.

Why features are what they are: the training notes are surrogate-augmented (every PHI
span replaced by a fresh value, ``redactphi/bench/augment.py``), so the model can only learn
context ("dr", "transferred to", "pager"), shape (``Xxxxx``, ``dd/dd``) and lexicon
membership (Census names, GeoNames towns, clinical terms), not which names recur.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from redactphi.errors import ModelNotInstalledError
from redactphi.pipeline.casing import letter_counts

#: Version of the feature set; a model records it and refuses to load under another.
FEATURES_VERSION = 1
MODEL_NAME = "phi_tagger"
MODEL_FILE = "model.crfsuite"
PROVENANCE_FILE = "PROVENANCE.json"

#: Tagger labels (BIO over these) -> our entity schema (redactphi/entities.py).
LABEL_ENTITY = {
    "NAME": "NAME",
    "LOC": "LOCATION",
    "DATE": "DATE",
    "AGE": "AGE",
    "PHONE": "PHONE",
    "ID": "ID",
}

#: Gold category -> tagger label. Identifiers of every kind share one label: their shapes
#: overlap and the rules already type them; the tagger's job is to find them.
GOLD_LABEL = {
    "NAME": "NAME",
    "GEOGRAPHIC_LOCATION": "LOC",
    "DATE": "DATE",
    "AGE": "AGE",
    "PHONE_NUMBER": "PHONE",
    "FAX_NUMBER": "PHONE",
    "MEDICAL_RECORD_NUMBER": "ID",
    "HEALTH_PLAN_BENEFICIARY_NUMBER": "ID",
    "SOCIAL_SECURITY_NUMBER": "ID",
    "ACCOUNT_NUMBER": "ID",
    "CERTIFICATE_LICENSE_NUMBER": "ID",
    "VEHICLE_IDENTIFIER": "ID",
    "DEVICE_IDENTIFIER": "ID",
    "UNIQUE_IDENTIFIER": "ID",
    "IP_ADDRESS": "ID",
    "EMAIL_ADDRESS": "ID",
    "URL": "ID",
}

# Letters, digits and single punctuation marks are separate tokens: "DR.SMITH" and
# "on7/6" split where a human reader would, so a span boundary is a token boundary.
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s]|_")


class Token(NamedTuple):
    """One token (a tuple: a note has tens of thousands, made afresh for every note)."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[list[Token]]:
    """Tokens of ``text`` grouped by line (one CRF sequence per line)."""
    lines: list[list[Token]] = []
    current: list[Token] = []
    last_end = 0
    for m in _TOKEN.finditer(text):
        if current and "\n" in text[last_end : m.start()]:
            lines.append(current)
            current = []
        current.append(Token(m.start(), m.end(), m.group()))
        last_end = m.end()
    if current:
        lines.append(current)
    return lines


def _shape(word: str) -> str:
    """"Hello" -> "Xxxxx", "7/6" -> "d/d": upper, lower and digit characters as X, x, d."""
    if word.isascii():
        return word.translate(_ASCII_SHAPE)
    out = []
    for c in word:
        if c.isupper():
            out.append("X")
        elif c.islower():
            out.append("x")
        elif c.isdigit():
            out.append("d")
        else:
            out.append(c)
    return "".join(out)


_ASCII_SHAPE = str.maketrans(
    {**{chr(c): "X" for c in range(65, 91)}, **{chr(c): "x" for c in range(97, 123)}, **{str(d): "d" for d in range(10)}}
)
_RUNS = re.compile(r"(.)\1+")


def _short_shape(shape: str) -> str:
    """The shape with runs collapsed: "Xxxxx" -> "Xx". The shapes of most tokens (one
    letter case, a digit run) are answered without the regular expression."""
    first = shape[:1]
    if shape == first * len(shape) and first != "\n":  # "." never matches a line break
        return first
    if first == "X" and shape[1:] == "x" * (len(shape) - 1):
        return "Xx"
    return _RUNS.sub(r"\1", shape)


@cache
def _lexicons() -> dict[str, frozenset[str]]:
    from redactphi.lexicons import (
        census_first_names,
        census_last_names,
        city_names,
        clinical_terms,
        common_words,
        name_words,
        us_states,
    )

    return {
        "first": census_first_names(),
        "last": census_last_names(),
        "city": frozenset(c for c in city_names() if " " not in c),
        "cityp": frozenset(w for c in city_names() if " " in c for w in c.split()),
        "state": frozenset(us_states()),
        "clin": clinical_terms(),
        "common": common_words(),
        "nameword": name_words(),
    }


def _word_info(low: str) -> tuple[str, ...]:
    """Lexicon flags of one lower-cased word (cached: notes repeat their vocabulary)."""
    return tuple(k for k, words in _lexicons().items() if low in words)


@lru_cache(maxsize=1 << 15)
def _token_feats(tok: str) -> tuple[str, tuple[str, ...], dict[int, tuple[str, ...]]]:
    """(lower form, own attributes, attributes it gives its neighbours by offset) of one
    token string. Cached because notes repeat their vocabulary; bounded small because
    every fresh ID, phone and name is a new key, and a large cache made RSS climb for the
    first ~100,000 notes of a stream."""
    low = tok.lower()
    shape = _shape(tok)
    feats = [
        "w=" + low if len(low) <= 20 else "w=<long>",
        "sh=" + (shape if len(shape) <= 10 else shape[:10]),
        "ssh=" + _short_shape(shape),
        "suf3=" + low[-3:],
        "pre2=" + low[:2],
        "len=" + str(min(len(tok), 12)),
    ]
    if tok.isalpha():
        if tok.isupper():
            feats.append("upper")
        elif tok[0].isupper():
            feats.append("title")
        elif tok.islower():
            feats.append("lower")
    info = _word_info(low) if tok.isalpha() else ()
    feats.extend("lex=" + k for k in info)
    if tok.isalpha() and not info:
        feats.append("lex=none")
    word = low if len(low) <= 20 else "<long>"
    short = _short_shape(shape)
    # what this token contributes to the attributes of the token ``off`` places away
    seen_from = {
        off: (f"{-off}w={word}",) + ((f"{-off}sh={short}",) + tuple(f"{-off}lex={k}" for k in info) if abs(off) == 1 else ())
        for off in (-2, -1, 1, 2)
    }
    return word, tuple(feats), seen_from


_PAD = {off: f"{off}w=<pad>" for off in (-2, -1, 1, 2)}
_PAD_BEFORE2, _PAD_BEFORE1, _PAD_AFTER1, _PAD_AFTER2 = ((_PAD[off],) for off in (-2, -1, 1, 2))


def _letter_counts(tokens: list[Token]) -> tuple[int, int]:
    """(letters, upper-case letters) in one line's tokens."""
    joined = "".join(t.text for t in tokens)
    if joined.isascii():
        return letter_counts(joined)
    letters = [c for c in joined if c.isalpha()]
    return len(letters), sum(c.isupper() for c in letters)


def line_features(tokens: list[Token], text: str) -> list[list[str]]:
    """CRF attributes for each token of one line."""
    base = [_token_feats(t.text) for t in tokens]
    n_letters, n_upper = _letter_counts(tokens)
    upper_line = n_letters > 0 and n_upper > 0.8 * n_letters
    n = len(tokens)
    out = []
    for i in range(n):
        low, own, _ = base[i]
        feats = list(own)
        if upper_line:
            feats.append("uline")
        if i == 0:
            feats.append("BOL")
        if i == n - 1:
            feats.append("EOL")
        # glued to the previous token (no space): "Dr.Smith", "7/6", "410-555"
        if i > 0 and tokens[i - 1].end == tokens[i].start:
            feats.append("glued")
        # what the tokens two and one before and one and two after give this one (the
        # order of the attributes is the model's; unrolled, this loop is a tenth of the tagger)
        feats.extend(base[i - 2][2][2] if i >= 2 else _PAD_BEFORE2)
        feats.extend(base[i - 1][2][1] if i >= 1 else _PAD_BEFORE1)
        feats.extend(base[i + 1][2][-1] if i + 1 < n else _PAD_AFTER1)
        feats.extend(base[i + 2][2][-2] if i + 2 < n else _PAD_AFTER2)
        if i > 0:
            feats.append(f"-1w|w={base[i - 1][0]}|{low}")
        out.append(feats)
    return out


def note_features(text: str) -> tuple[list[list[Token]], list[list[list[str]]]]:
    """Tokens by line and their attributes, for a whole note."""
    lines = tokenize(text)
    return lines, [line_features(line, text) for line in lines]


def bio_labels(tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[str]:
    """BIO labels of one line's tokens for gold ``(start, end, label)`` spans: a token
    inside a span (letters/digits overlapping it, punctuation wholly inside) carries it."""
    labels = []
    prev_span = None
    for tok in tokens:
        hit = None
        for k, (s, e, lab) in enumerate(spans):
            inside = tok.start >= s and tok.end <= e
            overlap = tok.start < e and tok.end > s and tok.text[0].isalnum()
            if inside or overlap:
                hit = (k, lab)
                break
        if hit is None:
            labels.append("O")
            prev_span = None
        else:
            labels.append(("I-" if prev_span == hit[0] else "B-") + hit[1])
            prev_span = hit[0]
    return labels


# --- the model at run time ------------------------------------------------------------


def default_model_dir() -> Path:
    """Where the shipped model lives inside the installed package."""
    return Path(str(resources.files("redactphi.models").joinpath(MODEL_NAME)))


_REINSTALL = (
    "reinstall RedactPHI (`pip install --force-reinstall redactphi`, or `make install` in a "
    "checkout) so that redactphi/models/phi_tagger/ is present, or rebuild it with `make train`; "
    "to run without the tagger, add phi_tagger to disabled_recognizers in the config"
)


class TokenPhi(NamedTuple):
    """One token's offsets and the tagger's probability that it is PHI (1 - P(O))."""

    start: int
    end: int
    phi: float


@dataclass
class TaggerModel:
    """A loaded CRF with its provenance and decision settings."""

    tagger: Any
    provenance: dict[str, Any]
    path: Path

    @property
    def threshold(self) -> float:
        """Minimum probability that a token is PHI (1 - P(O)) for it to be tagged."""
        return float(self.provenance.get("decision", {}).get("token_threshold", 0.5))

    def predict(self, text: str, threshold: float | None = None) -> list[tuple[int, int, str, float]]:
        """``(start, end, label, score)`` spans; score = mean PHI probability of its tokens.

        A token is PHI when P(not O) reaches the threshold (a recall knob the Viterbi path
        lacks); its label is the type with the most B+I probability; consecutive PHI
        tokens of one type form a span."""
        return self.predict_with_probs(text, threshold)[0]

    def predict_with_probs(self, text: str, threshold: float | None = None) -> tuple[list[tuple[int, int, str, float]], list[TokenPhi]]:
        """:meth:`predict`'s spans, and every token's P(PHI) from the same pass (what
        the tagger's veto of weak rule evidence reads, at no extra cost)."""
        lines, feats = note_features(text)
        out: list[tuple[int, int, str, float]] = []
        probs: list[TokenPhi] = []
        labels = [lab for lab in self.tagger.labels() if lab != "O"]
        thr = self.threshold if threshold is None else threshold
        marginal, add_prob, plainly_o = self.tagger.marginal, probs.append, thr - 1e-9
        for toks, xseq in zip(lines, feats, strict=True):
            self.tagger.set(xseq)
            cur: list[Any] | None = None  # [start, end, label, probs]
            for i, tok in enumerate(toks):
                # Most tokens are plainly O: one marginal call decides them. The margin
                # keeps the decision identical to summing every PHI label's marginal.
                not_o = 1.0 - marginal("O", i)
                add_prob(TokenPhi(tok.start, tok.end, not_o))
                if not_o < plainly_o:
                    if cur is not None:
                        out.append((cur[0], cur[1], cur[2], sum(cur[3]) / len(cur[3])))
                        cur = None
                    continue
                best_lab, phi_p = self._phi_label(labels, i)
                if phi_p >= thr:
                    if cur is not None and cur[2] == best_lab:
                        cur[1] = tok.end
                        cur[3].append(phi_p)
                    else:
                        if cur is not None:
                            out.append((cur[0], cur[1], cur[2], sum(cur[3]) / len(cur[3])))
                        cur = [tok.start, tok.end, best_lab, [phi_p]]
                else:
                    if cur is not None:
                        out.append((cur[0], cur[1], cur[2], sum(cur[3]) / len(cur[3])))
                    cur = None
            if cur is not None:
                out.append((cur[0], cur[1], cur[2], sum(cur[3]) / len(cur[3])))
        # A span of punctuation alone (a dash between two names) identifies nobody.
        return [s for s in out if any(c.isalnum() for c in text[s[0] : s[1]])], probs

    def _phi_label(self, labels: list[str], i: int) -> tuple[str, float]:
        """(type with the most B+I probability, P(any PHI label)) of token ``i`` of the
        sequence last set on the tagger."""
        phi_p = 0.0
        by_type: dict[str, float] = {}
        for lab in labels:
            p = self.tagger.marginal(lab, i)
            phi_p += p
            typ = lab[2:]
            by_type[typ] = by_type.get(typ, 0.0) + p
        best_lab, best_p = "", 0.0
        for typ, p in by_type.items():
            if p > best_p:
                best_lab, best_p = typ, p
        return best_lab, phi_p


_CACHE: dict[str, TaggerModel] = {}


def load_model(model_dir: Path | str | None = None) -> TaggerModel:
    """The model in ``model_dir`` (default: the shipped one), loaded once per process."""
    folder = Path(model_dir) if model_dir is not None else default_model_dir()
    key = str(folder.resolve())
    if key in _CACHE:
        return _CACHE[key]
    model_path = folder / MODEL_FILE
    prov_path = folder / PROVENANCE_FILE
    if not model_path.is_file() or not prov_path.is_file():
        raise ModelNotInstalledError(f"the PHI tagger model is missing ({MODEL_NAME}/{MODEL_FILE} or {PROVENANCE_FILE}); {_REINSTALL}")
    try:
        import pycrfsuite
    except ImportError:
        raise ModelNotInstalledError(
            "the PHI tagger needs python-crfsuite; install it with `pip install python-crfsuite==0.9.12` "
            "or `make install`"
        ) from None
    provenance = json.loads(prov_path.read_text(encoding="utf-8"))
    if provenance.get("features_version") != FEATURES_VERSION:
        raise ModelNotInstalledError(
            f"the PHI tagger model was trained with features version {provenance.get('features_version')}, "
            f"this code expects {FEATURES_VERSION}; {_REINSTALL}"
        )
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(model_path))
    except (OSError, ValueError) as exc:
        raise ModelNotInstalledError(f"could not open the PHI tagger model ({type(exc).__name__}); {_REINSTALL}") from None
    model = TaggerModel(tagger, provenance, folder)
    _CACHE[key] = model
    return model
