# Threatline: `make demo` and `make test` work on a fresh machine (they set up .venv themselves).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= sqlite:///threatline.db
SHARED ?= ../shared

.PHONY: demo test lint typecheck model bench clean help

help:
	@echo "make demo   - set up .venv, ingest the demo corpus into ./threatline.db, print the timeline"
	@echo "make test   - set up .venv and run the whole test suite"
	@echo "make lint   - ruff and mypy"
	@echo "make model  - convert treebanks, train, evaluate and package the NLP pipeline (hours)"
	@echo "make bench  - benchmarks (results in docs/benchmarks.md)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	rm -f threatline.db threatline.db-wal threatline.db-shm
	$(BIN)/threatline ingest src/threatline/demo --db $(DB)
	$(BIN)/threatline events --db $(DB)

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests training benchmarks
	$(BIN)/ruff format --check src tests training benchmarks
	$(BIN)/mypy

model: $(STAMP)
	$(BIN)/python training/scripts/convert.py $(SHARED)/data training/corpus
	$(BIN)/python training/scripts/raw_text.py $(SHARED)/data training/pretrain/news.jsonl
	rm -rf training/pretrain/out
	$(BIN)/python -m spacy pretrain training/configs/en_threatline.cfg training/pretrain/out
	$(BIN)/python -m spacy train training/configs/en_threatline.cfg --output training/output/main \
		--paths.init_tok2vec training/pretrain/out/model3.bin
	$(BIN)/python -m spacy train training/configs/ner.cfg --output training/output/ner
	$(BIN)/python training/scripts/assemble.py training/output/main/model-best \
		training/output/ner/model-best training/output/assembled
	$(BIN)/python training/scripts/package.py training/output/assembled training/corpus \
		src/threatline/models/en_threatline

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache threatline.db threatline.db-wal threatline.db-shm
