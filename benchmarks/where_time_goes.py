"""Where the time goes: pyinstrument over RedactPHI redacting samples/ three times.

    python benchmarks/where_time_goes.py   (needs `pip install pyinstrument`)
"""

from pathlib import Path

from pyinstrument import Profiler

from redactphi import Config, Redactor

ROOT = Path(__file__).resolve().parents[1]
texts = [p.read_text() for p in sorted((ROOT / "samples").rglob("*.txt"))]
r = Redactor(Config())
list(r.redact_many(texts))
p = Profiler()
p.start()
for _ in range(3):
    list(r.redact_many(texts))
p.stop()
print(p.output_text(unicode=False, color=False))
