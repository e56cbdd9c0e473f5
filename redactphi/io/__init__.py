"""Where notes come from and go to around the pipeline: the folder run (``job``, with
``walk``, ``names``, ``parallel`` and ``interrupt``), streams of text, JSONL and CSV
records (``stream``, ``records``), and the pre-commit ``scan`` with its ``baseline``.
Built on :mod:`redactphi.api` and :mod:`redactphi.pipeline`; never imports the CLI or the
benchmark (import-linter contracts in pyproject.toml).
"""
