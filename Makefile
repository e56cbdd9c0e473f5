# Two commands a new machine needs (see README):
#   make demo   installs what is missing and redacts samples/ into out/
#   make test   installs what is missing and runs the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench perf lint lint-imports install clean train cv-tagger

install: $(STAMP)

# Everything comes pinned, with sha256 hashes, from requirements.lock; the package itself
# is installed editable on top, without touching the network again.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "RedactPHI needs Python 3.11 (set PYTHON=python3.11)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	rm -rf out out.audit.jsonl
	$(BIN)/redactphi redact samples -o out --audit out.audit.jsonl

test: $(STAMP) lint-imports
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Speed and memory against vanilla Presidio on the same notes (see benchmarks/perf.py):
# three interleaved rounds, one core per process, whole local corpora and the extras
# (workers, cold scan, a 10 MB note): roughly 40 min on an idle machine. The README's
# figures: `make perf PERF_ARGS="--rounds 2 --limit 300 --no-extras"` (~15 min), then
# PERF_ARGS="--only-extras --json /tmp/perf-extras.json" (the default --json is
# benchmarks/perf.json, which holds the table). PERF_ARGS=--quick checks the script.
perf: $(STAMP)
	$(BIN)/python benchmarks/perf.py $(PERF_ARGS)

# The learned PHI tagger (redactphi/models/phi_tagger/) from benchmarks/tagger/crf.toml,
# fixed seed; uses ../shared/corpora when present. Records the figures of the last
# `make cv-tagger` (benchmarks/tagger/cv.json) in PROVENANCE.json. About 3 CPU-minutes
# (30 min of wall time on the shared, overloaded machine); compare model_sha256 in PROVENANCE.json.
train: $(STAMP)
	nice -n 10 $(BIN)/python benchmarks/train_tagger.py --cv-json benchmarks/tagger/cv.json

# Patient-level 5-fold CV on PhysioNet dev plus ASQ-PHI, blind2, handwritten, synthetic:
# rules / tagger / both, per fold and per type (figures only). Six models of ~3 CPU-minutes
# plus the rule pipeline over every corpus. On a busy machine: --splits 3/4/012 --rules-if-cached.
cv-tagger: $(STAMP)
	nice -n 10 $(BIN)/python benchmarks/cv_tagger.py --external --json benchmarks/tagger/cv.json

lint: $(STAMP) lint-imports
	$(BIN)/ruff check redactphi recognizers tests
	$(BIN)/mypy redactphi recognizers

# The layer contracts in pyproject.toml [tool.importlinter]. import-linter finds modules
# by walking the package folder, and recognizers/ becomes redactphi.recognizers only
# through package-dir (as in the wheel), so it checks a scratch copy with that layout.
lint-imports: $(STAMP)
	@layers=$$(mktemp -d) && trap 'rm -rf "$$layers"' EXIT && \
	cp -R redactphi "$$layers/redactphi" && cp -R recognizers "$$layers/redactphi/recognizers" && \
	cd "$$layers" && $(abspath $(BIN))/lint-imports --no-cache $(CURDIR)/pyproject.toml

clean:
	rm -rf out out.audit.jsonl build dist *.egg-info .pytest_cache
