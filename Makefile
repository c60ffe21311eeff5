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

# The front-end: npm packages from the lock file, bundled by esbuild into the folder the service
# serves (service/web/static/build/, ignored by git).
NODE_STAMP := web/node_modules/.installed
ASSETS := service/web/static/build/.built

$(NODE_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(ASSETS): $(NODE_STAMP) web/build.mjs $(shell find web/src service/web/queries -type f 2>/dev/null)
	cd web && node build.mjs
	touch $@

.PHONY: assets browser
assets: $(ASSETS)

# Browser tests drive Debian's Chromium (Playwright's own download does not work everywhere).
CHROMIUM ?= /usr/bin/chromium
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Chromium for the browser tests (apt-get)"; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	  else \
	    echo "make test needs Chromium for its browser tests and cannot install it:"; \
	    echo "  run: sudo apt-get install -y --no-install-recommends chromium"; \
	    echo "  or point CHROMIUM=/path/to/chromium at one you have"; \
	    exit 1; \
	  fi; \
	fi

## run: Neo4j started and seeded, then the web UI and API at http://127.0.0.1:8000/
run: install assets db-start seed serve

# Development: verification codes are printed on this console (SERVER_ENVIRONMENT, README).
serve: install assets
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
test: install assets browser
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest

lint: install $(NODE_STAMP)
	$(BIN)/ruff check service tests bench seed
	$(BIN)/ruff format --check service tests bench seed
	$(BIN)/mypy
	cd web && npx --no-install tsc --noEmit -p . && npx --no-install eslint .

## queries: rewrite service/calls/ from the cypher/ headers (a test fails when they differ)
.PHONY: queries
queries: install
	$(BIN)/python -m service.query_codegen

## schema: rewrite schema.graphql from the code (a test fails when they differ)
schema: install
	$(BIN)/scholar schema > schema.graphql

format: install
	$(BIN)/ruff format service tests bench seed
	$(BIN)/ruff check --fix service tests bench seed

## bench: the seed profile through GraphQL next to its bare Cypher (bench/RESULTS-profile.md)
bench: install
	$(BIN)/python -m bench.profile_latency

## generate: a synthetic OpenAlex corpus for load tests, e.g. ARGS="--works 100000 --out data/gen"
.PHONY: generate
generate: install
	$(BIN)/python -m bench.generate $(ARGS)

## bench-scale: import rate and request latency at growing graph sizes (bench/RESULTS-scale.md)
# In a variable: $(or) splits its arguments at commas, so a literal list would lose its tail.
SCALE_SIZES := 10000,100000
.PHONY: bench-scale
bench-scale: install
	$(BIN)/python -m bench.scale --sizes $(or $(SIZES),$(SCALE_SIZES)) $(ARGS)

## bench-peers: the profile view beside bare Cypher and @neo4j/graphql (bench/RESULTS-peers.md)
PEER := bench/peers/neo4j-graphql
PEER_STAMP := $(PEER)/node_modules/.installed
PEER_SIZES := seed,100000

$(PEER_STAMP): $(PEER)/package.json $(PEER)/package-lock.json
	cd $(PEER) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

.PHONY: bench-peers
bench-peers: install $(PEER_STAMP)
	$(BIN)/python -m bench.peer_compare --sizes $(or $(SIZES),$(PEER_SIZES)) $(ARGS)

## bench-web: pages against their /graphql documents, suggestions, the explorer in Chromium
WEB_SIZES := seed,100000
.PHONY: bench-web
bench-web: install assets browser
	$(BIN)/python -m bench.web --sizes $(or $(SIZES),$(WEB_SIZES)) $(ARGS)

## bench-queries: PROFILE db hits of every saved query vs bench/query_profile_baseline.json
.PHONY: bench-queries
bench-queries: install
	$(BIN)/python -m bench.query_profile $(ARGS)

docker-config:
	docker compose config -q

clean:
	-$(BIN)/scholar db stop
	rm -rf $(VENV) $(TOOLS) .neo4j web/node_modules $(PEER)/node_modules service/web/static/build
