# The one place commands are spelled. `make run` and `make test` work on a bare clone:
# they install Python deps into .venv (uv, from the lock file) and start Neo4j themselves.
SHELL := /bin/bash
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.synced

.PHONY: install run serve seed db-start db-stop db-status test lint format schema bench docker-config clean

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	touch $@

install: $(STAMP)

## run: Neo4j started and seeded, then the web UI and API at http://127.0.0.1:8000/
run: install db-start seed serve

# Development: verification codes are printed on this console (SERVER_ENVIRONMENT, README).
serve: install
	SERVER_ENVIRONMENT=$${SERVER_ENVIRONMENT:-development} $(BIN)/scholar serve

seed: install
	$(BIN)/scholar seed --sample

db-start: install
	$(BIN)/scholar db start

db-stop: install
	$(BIN)/scholar db stop

db-status: install
	$(BIN)/scholar db status

## test: every test against a real Neo4j (the suite starts its own `test` instance)
test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check service tests bench seed
	$(BIN)/ruff format --check service tests bench seed
	$(BIN)/mypy

## schema: rewrite schema.graphql from the code (a test fails when they differ)
schema: install
	$(BIN)/scholar schema > schema.graphql

format: install
	$(BIN)/ruff format service tests bench seed
	$(BIN)/ruff check --fix service tests bench seed

## bench: the seed profile through GraphQL next to its bare Cypher (bench/RESULTS-profile.md)
bench: install
	$(BIN)/python -m bench.profile_latency

## bench-scale: import rate and request latency at growing graph sizes (bench/RESULTS-scale.md)
.PHONY: bench-scale
bench-scale: install
	$(BIN)/python -m bench.scale --sizes $(or $(SIZES),10000,100000) $(ARGS)

## bench-queries: PROFILE db hits of every saved query vs bench/query_profile_baseline.json
.PHONY: bench-queries
bench-queries: install
	$(BIN)/python -m bench.query_profile $(ARGS)

docker-config:
	docker compose config -q

clean:
	-$(BIN)/scholar db stop
	rm -rf $(VENV) $(TOOLS) .neo4j
