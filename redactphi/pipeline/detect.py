"""Detect: run Presidio's analyzer (our recognizers + spaCy NER) over notes in batches.

Every text is read through one windowing implementation, :func:`iter_windows`: windows
of at most ``config.chunk_chars`` characters, neighbours overlapping by at least
``CHUNK_OVERLAP``. A whole note (folder mode, the API) and a byte stream (``redact -``,
fed piece by piece) get the same windows, and a detection is kept only from a window
where it does not lie within ``EDGE`` characters of a cut (see :func:`trusted`), so what
is found does not depend on how the text arrived. spaCy gets the windows a few at a
time, at most ``SPACY_BATCH_CHARS`` characters per call, so memory is bounded by the
window size, not by the note's length.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol, TypeVar

from redactphi import vocabulary
from redactphi.config import Config
from redactphi.pipeline.casing import truecase
from redactphi.pipeline.decode import lf_view
from redactphi.pipeline.engine import Engine, build_engine
from redactphi.pipeline.resolve import Detection

T = TypeVar("T")

#: Characters shared by neighbouring chunks; longer than any single PHI span.
CHUNK_OVERLAP = 1_000
#: A detection this close to a window's cut is taken from the neighbouring window, where
#: it has context on both sides (a detection longer than CHUNK_OVERLAP - 2 * EDGE is
#: kept wherever it is found: no window need hold it whole with margins).
EDGE = CHUNK_OVERLAP // 4
#: Characters handed to spaCy in one call (several short notes, or one window).
SPACY_BATCH_CHARS = 50_000
#: spaCy batches run before memory zones begin (they fill the tokenizer's cache).
WARM_BATCHES = 4


@dataclass(frozen=True)
class DetectOutcome:
    """Detections for one note, or the reason it could not be processed (never note text)."""

    detections: tuple[Detection, ...]
    error: str | None = None


@dataclass(frozen=True)
class Window:
    """``text`` is the window's slice of the whole text, which begins at ``start``;
    ``first``/``last``: the window begins/ends the whole text (no cut on that side)."""

    start: int
    text: str
    first: bool
    last: bool

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _ws_before(buf: str, lo: int, hi: int) -> int:
    return max(buf.rfind(" ", lo, hi), buf.rfind("\n", lo, hi))


def iter_windows(pieces: Iterable[str], size: int, overlap: int = CHUNK_OVERLAP) -> Iterator[Window]:
    """Windows of at most ``size`` characters covering the concatenation of ``pieces``,
    neighbours overlapping by at least ``overlap``; cuts fall on whitespace where possible
    so a word is not split mid-way. Reads ``pieces`` lazily and keeps about one window
    in memory, so a stream and the same text given whole get identical windows."""
    it = iter(pieces)
    buf, base, start, eof = "", 0, 0, False  # buf[0] is at absolute offset base
    while True:
        while not eof and len(buf) - (start - base) <= size:
            piece = next(it, None)
            if piece is None:
                eof = True
            else:
                buf += piece
        n = base + len(buf)  # the text's length, once eof
        end = min(start + size, n)
        if end < n:
            cut = _ws_before(buf, start + size - overlap // 2 - base, end - base) + base
            if cut > start:
                end = cut
        yield Window(start, buf[start - base : end - base], start == 0, end >= n and eof)
        if end >= n:
            return
        prev, start = start, max(end - overlap, start + 1)
        ws = _ws_before(buf, start - overlap // 2 - base, start - base) + base  # start on a word boundary too
        if ws > prev:
            start = ws + 1
        drop = max(0, start - overlap // 2 - base)
        buf, base = buf[drop:], base + drop


def chunk_spans(text: str, size: int, overlap: int = CHUNK_OVERLAP) -> list[tuple[int, int]]:
    """(start, end) of the windows :func:`iter_windows` makes for ``text``."""
    return [(w.start, w.end) for w in iter_windows([text], size, overlap)]


def trusted(d: Detection, window: Window, edge: int = EDGE, overlap: int = CHUNK_OVERLAP) -> bool:
    """Keep detection ``d`` (offsets relative to ``window``) from this window? Not when it
    lies within ``edge`` of a cut: the neighbouring window sees it with context."""
    if d.end - d.start > overlap - 2 * edge:
        return True
    if not window.first and d.start < edge:
        return False
    return window.last or d.end <= len(window.text) - edge


#: spaCy's tokenizer peels prefixes and suffixes off a token one character at a time,
#: copying the rest each time: 40,000 "(" took 112 s. In the copy spaCy reads, a run of
#: one punctuation character keeps its first MAX_PUNCT_RUN characters and the rest become
#: spaces (each would be a token of its own), and a very long token gets a space every
#: MAX_TOKEN characters. Same length, so offsets hold; the patterns read the original.
MAX_PUNCT_RUN = 16
MAX_TOKEN = 200
_PUNCT_RUN = re.compile(rf"([^\w\s])\1{{{MAX_PUNCT_RUN},}}")
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN + 1},}}")


def _spaced(run: str, every: int) -> str:
    chars = list(run)
    chars[every :: every + 1] = " " * len(chars[every :: every + 1])
    return "".join(chars)


def nlp_copy(text: str) -> str:
    """``text`` with long punctuation runs and over-long tokens broken by spaces, for
    spaCy only (see MAX_PUNCT_RUN); same length as ``text``."""
    text = _PUNCT_RUN.sub(lambda m: m.group()[:MAX_PUNCT_RUN].ljust(len(m.group())), text)
    return _LONG_TOKEN.sub(lambda m: _spaced(m.group(), MAX_TOKEN), text)


# A title right before a word makes it a person whatever the allow list says
# ("Dr. Mercy" is a clinician even if the site allows "Mercy" for its hospital).
_TITLE_BEFORE = re.compile(rf"\b{vocabulary.alternation(vocabulary.SHORT_TITLE_LIST)}\.?\s*$", re.I)


def allowed(text: str, d: Detection, allow: frozenset[str]) -> bool:
    """True when the user's allow list keeps this detection's text (exact, any case)."""
    if not allow or d.recognizer == "config_deny":
        return False
    if text[d.start:d.end].strip().lower() not in allow:
        return False
    return not (d.entity == "NAME" and _TITLE_BEFORE.search(text[max(0, d.start - 8):d.start]))


class EngineInfo(Protocol):
    """What the audit header says about an engine: its spaCy model and recognizers."""

    @property
    def model(self) -> dict[str, Any]: ...

    @property
    def recognizer_names(self) -> tuple[str, ...]: ...


class Detects(Protocol):
    """What turns texts into detections: :class:`Detector` in this process, or one that
    hands batches to worker processes (:class:`redactphi.io.parallel.PoolDetector`).
    ``workers``: the processes detecting."""

    config: Config
    workers: int

    @property
    def engine(self) -> EngineInfo: ...

    def detect_many(self, texts: Iterable[str]) -> Iterator[DetectOutcome]: ...

    def detect_windows(self, windows: Iterable[Window]) -> Iterator[tuple[Window, DetectOutcome]]: ...


class Detector:
    """Turns texts into detections with one engine, built once for ``config``."""

    def __init__(self, config: Config, engine: Engine | None = None):
        if engine is not None and engine.config.engine_key() != config.engine_key():
            # the recognizers (deny lists, site patterns, thresholds) belong to the config
            raise ValueError("engine was built for a different config")
        self.config = config
        self.workers = 1
        self.engine = engine or build_engine(config)
        self._entities = list(config.entities) or None
        self._allow = frozenset(w.strip().lower() for w in config.allow)
        self._spacy_batches = 0

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
        for text in texts:
            if not isinstance(text, str):
                raise TypeError("note text must be str")
        windows = [(i, w) for i, text in enumerate(texts) for w in iter_windows([text], self.config.chunk_chars)]
        found: list[list[Detection]] = [[] for _ in texts]
        for group in size_groups(windows, lambda iw: len(iw[1].text)):
            for (i, _), dets in zip(group, self._analyze([w for _, w in group]), strict=True):
                found[i].extend(dets)
        for dets in found:
            yield DetectOutcome(tuple(dets))

    def detect_windows(self, windows: Iterable[Window]) -> Iterator[tuple[Window, DetectOutcome]]:
        """Detections (absolute offsets) for each window of one text, in order; a window
        whose detection fails gets an outcome with an error and the rest go on."""
        for group in size_groups(windows, lambda w: len(w.text)):
            try:
                results = self._analyze(group)
            except Exception:
                results = None
            for k, w in enumerate(group):
                if results is not None:
                    yield w, DetectOutcome(tuple(results[k]))
                    continue
                try:
                    yield w, DetectOutcome(tuple(self._analyze([w])[0]))
                except Exception as exc:  # noqa: BLE001 - reported per window, content-free
                    yield w, DetectOutcome((), f"detection failed ({type(exc).__name__})")

    def _analyze(self, windows: list[Window]) -> list[list[Detection]]:
        """Trusted detections per window, in absolute offsets (one spaCy call)."""
        with self._memory_zone():
            return self._analyze_windows(windows)

    def _memory_zone(self) -> contextlib.AbstractContextManager[Any]:
        """spaCy keeps every new string it meets (each fresh name, ID, misspelling) in its
        vocabulary for good, so a long stream grew by about 8 entries per note: RSS rose
        without bound. Inside ``nlp.memory_zone()`` those entries are freed when the
        batch is done; nothing made in it (Docs, artifacts) outlives it, since detections
        are plain offsets. The first WARM_BATCHES run outside one, because spaCy does not
        fill its tokenizer cache inside a zone."""
        nlp = self.engine.nlp
        self._spacy_batches += 1
        if nlp is None or self._spacy_batches <= WARM_BATCHES or not hasattr(nlp, "memory_zone"):
            return contextlib.nullcontext()
        return nlp.memory_zone()

    def _analyze_windows(self, windows: list[Window]) -> list[list[Detection]]:
        analyzer = self.engine.analyzer
        # detection reads CRLF and CR text as LF (offsets mapped back), so line endings
        # cannot change what is found; the text that is cut is always the original
        views = [lf_view(w.text) for w in windows]
        # spaCy reads caseless lines re-cased: its NER relies on capitals that upper-case
        # nursing notes and lower-case queries do not have (offsets are unchanged). The
        # rules engine has no spaCy, and re-casing is a tenth of its time: skipped there.
        nlp_texts = [nlp_copy(truecase(v.text)) if self.engine.nlp is not None else "" for v in views]
        artifacts = analyzer.nlp_engine.process_batch(nlp_texts, language="en", batch_size=self.config.batch_size)
        out: list[list[Detection]] = []
        for w, view, (_, nlp_artifacts) in zip(windows, views, artifacts, strict=True):
            results = analyzer.analyze(
                text=view.text,
                language="en",
                entities=self._entities,
                nlp_artifacts=nlp_artifacts,
                score_threshold=self.config.score_threshold,
            )
            dets = [_detection(r, view.original) for r in results]
            # judged inside the window in both modes, so a stream and a whole note agree
            dets = [d for d in dets if trusted(d, w) and not (self._allow and allowed(w.text, d, self._allow))]
            out.append([dataclasses.replace(d, start=d.start + w.start, end=d.end + w.start) for d in dets])
        return out


def _detection(r: Any, original: Callable[[int], int]) -> Detection:
    meta = r.recognition_metadata or {}
    return Detection(
        start=original(r.start),
        end=original(r.end),
        entity=r.entity_type,
        score=round(float(r.score), 4),
        recognizer=str(meta.get("recognizer_name", "unknown")),
        pattern=str(meta.get("pattern_name", "")),
    )


def size_groups(items: Iterable[T], size: Callable[[T], int], limit: int = SPACY_BATCH_CHARS) -> Iterator[list[T]]:
    """Consecutive items in lists of at most ``limit`` characters (at least one item)."""
    group: list[T] = []
    total = 0
    for item in items:
        n = size(item)
        if group and total + n > limit:
            yield group
            group, total = [], 0
        group.append(item)
        total += n
    if group:
        yield group
