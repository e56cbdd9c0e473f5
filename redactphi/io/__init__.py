"""Where notes come from and go to around the pipeline.

Sources feed one run loop (:mod:`~redactphi.io.run`: one :class:`~redactphi.io.run.Summary`,
one audit writer, one progress type): the folder run (``job``, with ``walk``, ``names``,
``parallel`` and ``interrupt``) and streams (``stream``) of JSONL (``jsonl``), CSV/TSV
(``csvrows``) records (``records``) and plain text in windows (``text``). Beside them the
pre-commit ``scan`` with its ``baseline``. Built on :mod:`redactphi.api` and
:mod:`redactphi.pipeline`; never imports the CLI or the benchmark (import-linter
contracts in pyproject.toml).
"""
