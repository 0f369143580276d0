# storycheck — the two commands: `make demo` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
EXAMPLE ?= examples/harbor-bridge

.PHONY: install demo test test-fast bench bench-realnews bench-faults bench-cluster bench-frank lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/storycheck check $(EXAMPLE)
	$(BIN)/storycheck check $(EXAMPLE) --format html -o storycheck-report.html
	@echo "HTML report written to storycheck-report.html" >&2

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

bench: $(STAMP) bench-realnews  ## check: quality per gold story, time and memory per stage, cold start, throughput
	$(BIN)/python benchmarks/run.py

bench-realnews: $(STAMP)  ## check on 40 real ECB+ events with hand gold (dev and test) and on planted differences (test)
	$(BIN)/python benchmarks/realnews/build.py
	$(BIN)/python benchmarks/realnews/run.py
	$(BIN)/python benchmarks/realnews/planted.py --split test

bench-faults: $(STAMP)  ## serve under 30 clients while a 100-article story rebuilds; SIGKILL 10 times
	$(BIN)/python benchmarks/faults_bench.py

bench-cluster: $(STAMP)  ## cluster/batch: B-cubed on ECB+, throughput and memory on 10,000 articles
	$(BIN)/python benchmarks/cluster_bench.py --articles 10000 --engines serial local spark

bench-frank: $(STAMP)  ## verify on FRANK (the first run caches analyses in bench-out/, about 5 min)
	$(BIN)/python benchmarks/frank/cache.py valid test
	$(BIN)/python benchmarks/frank_bench.py --split test --live 60
	$(BIN)/python benchmarks/verify_examples.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
