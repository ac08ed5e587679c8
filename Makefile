# The two commands a newcomer needs: `make demo` and `make test`.
GO ?= go
ADDR ?= 127.0.0.1:8080

.PHONY: demo build assets test bench

# Starts the dashboard on a fresh SQLite file (in a temporary directory)
# with the Changsha demo loaded.
demo: build
	./planwatch serve --demo --addr $(ADDR)

build: assets
	$(GO) build -o planwatch ./cmd/planwatch

# ECharts comes from npm at build time and is embedded in the binary;
# axe-core (a devDependency) is only read by the accessibility tests.
# Nothing third-party is committed.
assets:
	@if [ ! -f node_modules/echarts/dist/echarts.min.js ] || [ ! -f node_modules/axe-core/axe.min.js ]; then npm ci --no-audit --no-fund; fi
	sh internal/web/vendor.sh

test: assets
	$(GO) vet ./...
	$(GO) test -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
