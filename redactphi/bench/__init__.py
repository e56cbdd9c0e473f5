"""The recall benchmark: synthetic notes with exact PHI spans (``synth``), the gold JSONL
format (``gold``), scoring (``score``), the figures and their table (``report``), the run
and its gates (``run``) and vanilla Presidio for comparison (``vanilla``). The pipeline never imports this package
(import-linter contract in pyproject.toml).
"""
