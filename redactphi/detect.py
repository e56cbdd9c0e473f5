"""Detect: run Presidio's analyzer (our recognizers + spaCy NER) over notes in batches.

spaCy runs through ``nlp.pipe`` over a batch of notes; notes longer than
``config.chunk_chars`` are split into overlapping chunks first, so PHI lying across a
chunk boundary is wholly inside at least one chunk and still found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from redactphi.config import Config
from redactphi.engine import Engine, build_engine
from redactphi.recognizers.casing import truecase
from redactphi.resolve import Detection

#: Characters shared by neighbouring chunks; longer than any single PHI span.
CHUNK_OVERLAP = 1_000


@dataclass(frozen=True)
class DetectOutcome:
    """Detections for one note, or the reason it could not be processed (never note text)."""

    detections: tuple[Detection, ...]
    error: str | None = None


def chunk_spans(text: str, size: int, overlap: int = CHUNK_OVERLAP) -> list[tuple[int, int]]:
    """(start, end) windows of at most ``size`` characters covering ``text``, neighbours
    overlapping by at least ``overlap``; cuts fall on whitespace where possible so a word
    is not split mid-way."""
    n = len(text)
    if n <= size:
        return [(0, n)]
    spans = []
    start = 0
    while True:
        end = min(start + size, n)
        if end < n:
            cut = max(text.rfind(" ", start + size - overlap // 2, end), text.rfind("\n", start + size - overlap // 2, end))
            if cut > start:
                end = cut
        spans.append((start, end))
        if end >= n:
            break
        start = max(end - overlap, start + 1)
        # begin the next chunk on a word boundary too
        ws = max(text.rfind(" ", start - overlap // 2, start), text.rfind("\n", start - overlap // 2, start))
        if ws > spans[-1][0]:
            start = ws + 1
    return spans


#: spaCy's tokenizer peels prefixes and suffixes off a token one character at a time,
#: copying the rest each time: 40,000 "(" took 112 s. The copy spaCy reads gets a space
#: in every long run of one punctuation character and in every very long token (same
#: length, so offsets hold); the recognizers' patterns still read the original text.
MAX_PUNCT_RUN = 16
MAX_TOKEN = 200
_PUNCT_RUN = re.compile(r"([^\w\s])\1{%d,}" % MAX_PUNCT_RUN)
_LONG_TOKEN = re.compile(r"\S{%d,}" % (MAX_TOKEN + 1))


def _spaced(run: str, every: int) -> str:
    chars = list(run)
    chars[every :: every + 1] = " " * len(chars[every :: every + 1])
    return "".join(chars)


def nlp_copy(text: str) -> str:
    """``text`` with long punctuation runs and over-long tokens broken by spaces, for
    spaCy only (see MAX_PUNCT_RUN); same length as ``text``."""
    text = _PUNCT_RUN.sub(lambda m: _spaced(m.group(), MAX_PUNCT_RUN), text)
    return _LONG_TOKEN.sub(lambda m: _spaced(m.group(), MAX_TOKEN), text)


# A title right before a word makes it a person whatever the allow list says
# ("Dr. Mercy" is a clinician even if the site allows "Mercy" for its hospital).
_TITLE_BEFORE = re.compile(r"\b(?:dr|mr|mrs|ms|miss|mx|prof)\.?\s*$", re.I)


def allowed(text: str, d: Detection, allow: frozenset[str]) -> bool:
    """True when the user's allow list keeps this detection's text (exact, any case)."""
    if not allow or d.recognizer == "config_deny":
        return False
    if text[d.start:d.end].strip().lower() not in allow:
        return False
    return not (d.entity == "NAME" and _TITLE_BEFORE.search(text[max(0, d.start - 8):d.start]))


class Detector:
    """Turns texts into detections with one engine, built once for ``config``."""

    def __init__(self, config: Config, engine: Engine | None = None):
        if engine is not None and engine.config.engine_key() != config.engine_key():
            # the recognizers (deny lists, site patterns, thresholds) belong to the config
            raise ValueError("engine was built for a different config")
        self.config = config
        self.engine = engine or build_engine(config)
        self._entities = list(config.entities) or None
        self._allow = frozenset(w.strip().lower() for w in config.allow)

    def detect(self, text: str) -> list[Detection]:
        """Detections in one text (raises on failure)."""
        out = next(self.detect_many([text]))
        if out.error:
            raise RuntimeError(out.error)
        return list(out.detections)

    def detect_many(self, texts: Iterable[str]) -> Iterator[DetectOutcome]:
        """One outcome per text, in order. A failure is confined to its own note."""
        it = iter(texts)
        while True:
            batch = list(islice(it, self.config.batch_size))
            if not batch:
                return
            try:
                yield from self._detect_batch(batch)
            except Exception:
                # Isolate the failing note: redo the batch one note at a time.
                for text in batch:
                    try:
                        yield from self._detect_batch([text])
                    except Exception as exc:  # noqa: BLE001 - reported per note, content-free
                        yield DetectOutcome((), f"detection failed ({type(exc).__name__})")

    def _detect_batch(self, texts: list[str]) -> Iterator[DetectOutcome]:
        pieces: list[tuple[int, int, str]] = []  # (note index, offset, chunk text)
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError("note text must be str")
            for s, e in chunk_spans(text, self.config.chunk_chars):
                pieces.append((i, s, text[s:e]))
        found: list[list[Detection]] = [[] for _ in texts]
        analyzer = self.engine.analyzer
        # spaCy reads caseless lines re-cased: its NER relies on capitals that upper-case
        # nursing notes and lower-case queries do not have (offsets are unchanged)
        artifacts = analyzer.nlp_engine.process_batch(
            [nlp_copy(truecase(p[2])) for p in pieces], language="en", batch_size=self.config.batch_size
        )
        for (i, offset, chunk), (_, nlp_artifacts) in zip(pieces, artifacts, strict=True):
            results = analyzer.analyze(
                text=chunk,
                language="en",
                entities=self._entities,
                nlp_artifacts=nlp_artifacts,
                score_threshold=self.config.score_threshold,
            )
            for r in results:
                meta = r.recognition_metadata or {}
                found[i].append(
                    Detection(
                        start=r.start + offset,
                        end=r.end + offset,
                        entity=r.entity_type,
                        score=round(float(r.score), 4),
                        recognizer=str(meta.get("recognizer_name", "unknown")),
                        pattern=str(meta.get("pattern_name", "")),
                    )
                )
        for text, dets in zip(texts, found, strict=True):
            if self._allow:
                dets = [d for d in dets if not allowed(text, d, self._allow)]
            yield DetectOutcome(tuple(dets))
