"""The pipeline stages, in the order data flows through them:
read -> detect -> resolve -> redact -> write + audit.

``decode`` (bytes to text, shared by read) and ``engine`` (builds the Presidio analyzer
that detect runs) serve the stages. A stage imports only earlier stages; nothing here
imports :mod:`redactphi.io`, :mod:`redactphi.cli` or :mod:`redactphi.bench` (an
import-linter contract in pyproject.toml enforces it).
"""
