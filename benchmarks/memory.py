"""Memory stays flat: stream N synthetic notes through Redactor.redact_many and sample the
resident set size as they pass.

    python benchmarks/memory.py [N]
"""

from __future__ import annotations

import json
import os
import sys


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    from redactphi import Config, Redactor
    from redactphi.bench.synth import generate

    redactor = Redactor(Config())
    samples = {0: rss_mb()}
    texts = (note.text for note in generate(n, seed=1))
    for i, _ in enumerate(redactor.redact_many(texts), 1):
        if i % (n // 10) == 0:
            samples[i] = rss_mb()
    print(json.dumps({"notes": n, "rss_mb_after_notes": samples}, indent=2))


if __name__ == "__main__":
    main()
