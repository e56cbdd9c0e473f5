"""The Python API. The CLI is a thin layer over this; an ETL job can use it directly::

    from redactphi import Redactor, Config

    redactor = Redactor(Config())                 # loads the model once
    result = redactor.redact("Seen by Dr. Alvarez 3/14/2023")
    result.text        # 'Seen by [NAME] [DATE]' ("Dr. [NAME]" with Config(keep_titles=True))
    result.redactions  # (Redaction(start=12, end=19, entity='NAME', ...), ...)

    for result in redactor.redact_many(texts):    # batched through spaCy, in order
        ...
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from redactphi.config import Config
from redactphi.errors import NoteError
from redactphi.pipeline.detect import Detector, Detects, EngineInfo
from redactphi.pipeline.engine import Engine
from redactphi.pipeline.read import Note
from redactphi.pipeline.redact import apply
from redactphi.pipeline.resolve import Detection, Redaction, keep_titles, resolve


@dataclass(frozen=True)
class RedactionResult:
    """A redacted text and the regions replaced (offsets into the original)."""

    text: str
    redactions: tuple[Redaction, ...]

    @property
    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(r.entity for r in self.redactions).items()))


@dataclass(frozen=True)
class Outcome:
    """What happened to one note in a batch: a result, or an error (never both)."""

    note: Note
    result: RedactionResult | None = None
    error: str | None = None
    detections: tuple[Detection, ...] = field(default=(), repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None


class Redactor:
    """Detect, resolve and redact PHI. Build one per process and reuse it: building
    loads the spaCy model (about a second); redacting is then fast."""

    def __init__(self, config: Config | None = None, *, engine: Engine | None = None, detector: Detects | None = None):
        if detector is not None and engine is not None:
            raise ValueError("give an engine or a detector, not both")
        self.config = config or (detector.config if detector is not None else Config())
        # a detector may be another process's engine (see redactphi.io.parallel.PoolDetector)
        self.detector: Detects = detector or Detector(self.config, engine)

    @property
    def engine(self) -> EngineInfo:
        """The engine's model and recognizer names; in this process, the :class:`Engine` itself."""
        return self.detector.engine

    def redact(self, text: str) -> RedactionResult:
        """Redact one text. Raises :class:`NoteError` if it cannot be processed."""
        return next(self.redact_many([text]))

    def redact_many(self, texts: Iterable[str]) -> Iterator[RedactionResult]:
        """Redact texts in order, batched. Raises :class:`NoteError` on the first failure
        (use :meth:`process` to carry on past failures)."""
        notes = (Note(str(n), "<text>", t) for n, t in enumerate(texts))
        for outcome in self.process(notes):
            if outcome.error is not None:
                raise NoteError(f"text {outcome.note.id}", outcome.error)
            assert outcome.result is not None
            yield outcome.result

    def process(self, notes: Iterable[Note]) -> Iterator[Outcome]:
        """One :class:`Outcome` per note, in order; a failing note does not stop the rest.
        Notes that arrive with a read error pass straight through as failures."""
        pending: list[Note] = []

        def texts() -> Iterator[str]:
            for note in notes:
                pending.append(note)
                if note.error is None:
                    yield note.text

        detections = self.detector.detect_many(texts())
        while True:
            try:
                found = next(detections)
            except StopIteration:
                found = None
            # emit notes that failed to read, which sit in pending ahead of this one
            while pending and pending[0].error is not None:
                note = pending.pop(0)
                yield Outcome(note, error=note.error)
            if found is None:
                break
            note = pending.pop(0)
            yield self._finish(note, found.detections, found.error)
        while pending:  # trailing unreadable notes
            note = pending.pop(0)
            yield Outcome(note, error=note.error or "not processed")

    def _finish(self, note: Note, detections: tuple[Detection, ...], error: str | None) -> Outcome:
        if error is not None:
            return Outcome(note, error=error)
        try:
            result = redact_detections(note.text, detections, self.config)
        except Exception as exc:  # noqa: BLE001 - fail closed, content-free reason
            return Outcome(note, error=f"redaction failed ({type(exc).__name__})")
        return Outcome(note, result, detections=detections)


def redact_detections(text: str, detections: Iterable[Detection], config: Config) -> RedactionResult:
    """Resolve ``detections`` (offsets into ``text``) and apply them: the step after
    detection, shared by whole notes and by the stream's segments."""
    regions = resolve(detections, text)
    if config.keep_titles:
        regions = keep_titles(text, regions)
    redactions = tuple(regions)
    return RedactionResult(apply(text, redactions, config.placeholder), redactions)
