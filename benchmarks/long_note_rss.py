"""Peak memory and time for one long note, in folder mode and through `redact -`.

    python benchmarks/long_note_rss.py SIZE_KB [SIZE_KB ...] [--mode folder|stdin|both]

The note is synthetic (redactphi.bench.synth notes joined until SIZE_KB); each run is a fresh
`redactphi` process measured with /usr/bin/time -v (maximum resident set size).
Not part of CI.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLI = [sys.executable, "-m", "redactphi"]


def build_note(size: int) -> str:
    from redactphi.bench.synth import generate

    parts: list[str] = []
    total = 0
    seed = 1
    while total < size:
        for note in generate(50, seed=seed):
            parts.append(note.text)
            total += len(note.text) + 2
            if total >= size:
                break
        seed += 1
    return "\n\n".join(parts)[:size]


def measure(cmd: list[str], stdin: Path | None) -> dict:
    t0 = time.perf_counter()
    with open(stdin or "/dev/null", "rb") as fin:
        p = subprocess.run(["/usr/bin/time", "-v", *cmd], stdin=fin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.decode(errors="replace")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    return {
        "exit": p.returncode,
        "seconds": round(time.perf_counter() - t0, 1),
        "max_rss_mb": round(int(m.group(1)) / 1024) if m else None,
    }


def main() -> None:
    args = sys.argv[1:]
    mode = "both"
    if "--mode" in args:
        i = args.index("--mode")
        mode = args[i + 1]
        del args[i : i + 2]
    rows = []
    for kb in (int(a) for a in args):
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp, "in")
            src.mkdir()
            note = src / "long.txt"
            note.write_text(build_note(kb * 1024), encoding="utf-8")
            if mode in ("folder", "both"):
                r = measure([*CLI, "redact", str(src), "-o", str(Path(tmp, "out")), "-q"], None)
                rows.append({"kb": kb, "mode": "folder", **r})
                print(json.dumps(rows[-1]), flush=True)
            if mode in ("stdin", "both"):
                r = measure([*CLI, "redact", "-", "-q"], note)
                rows.append({"kb": kb, "mode": "stdin", **r})
                print(json.dumps(rows[-1]), flush=True)


if __name__ == "__main__":
    main()
