# KetaScreen build. `make run` starts the app, `make test` runs every check.
# Both first install missing Debian packages (as root) or say what to install.

GO ?= go
BIN := bin/ketascreen
# The tags every build of the app uses: Fyne's screen-reader support, and no
# animations (a tap's ripple repainted the whole window 18 times; the entry's
# blinking cursor twice a second; README, "Accessibility").
TAGS := accessibility,no_animations

.PHONY: generate fhir-tools run test build deps check fmt-check vet lint unit soak window dist dist-check vm-check bench fuzz screenshots sample-pdf lhc-screenshot install clean

run: deps
	@mkdir -p "$${XDG_CACHE_HOME:-$$HOME/.cache}"
	$(GO) run -tags $(TAGS) .

build: deps
	$(GO) build -tags $(TAGS) -o $(BIN) .

# make test: formatting, vet and staticcheck (headless and real driver), no
# function over 15 in cyclomatic complexity, the unit and screen tests with
# the race detector under Fyne's headless driver, then the tests that build
# the real binary and drive it in a real X window under Xvfb.
test: deps fmt-check vet lint unit soak window dist-check

deps:
	@bash scripts/ensure-deps.sh

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi

vet:
	$(GO) vet -tags ci ./...
	$(GO) vet ./...

# staticcheck and gocyclo come from tools/go.mod (pinned versions, kept out
# of the app's own dependencies). Test functions may list many checks, so
# gocyclo reads the code outside the tests.
lint:
	$(GO) tool -modfile=tools/go.mod staticcheck -tags ci ./...
	$(GO) tool -modfile=tools/go.mod staticcheck ./...
	$(GO) tool -modfile=tools/go.mod gocyclo -over 15 -ignore '_test' .

# The summary tests run the FHIR files through the official R4 JSON schema,
# Medplum's R4 validator and the reference FHIRPath engine (tools/fhir, on
# Node); with KETASCREEN_FHIR_TOOLS=1 a missing tool fails instead of skipping.
unit: fhir-tools
	KETASCREEN_FHIR_TOOLS=1 $(GO) test -race -tags ci ./...

fhir-tools:
	npm ci --prefix tools/fhir --no-audit --no-fund --loglevel=error

# The tests too slow for the race detector (10x slower): 1,000 kiosk
# sessions, whose memory and goroutines must not grow, and every screen at
# every window size, text size and language, which must fit its window.
soak:
	$(GO) test -tags ci -count=1 -run 'TestSoak|TestEveryScreenFitsItsWindow' ./screens

# The real-window test builds ./ketascreen without the ci tag and needs Xvfb.
window:
	KETASCREEN_REAL_WINDOW=1 $(GO) test -race -tags ci -count=1 -timeout 60m -run 'TestRealBinary' -v .

check:
	$(GO) run . check

# The embedded definition as Go (questionnaire/default_gen.go), so that the
# app does not parse its YAML at start-up; run it after editing
# assets/questionnaire.yaml (a test fails until then).
generate:
	$(GO) generate ./questionnaire

# A sample provider summary, from the hand-written answers of a person with
# two failed antidepressant trials.
sample-pdf: deps
	$(GO) run . score --pdf docs/sample-summary.pdf --fhir docs/sample-fhir-bundle.json headless/testdata/trd-severe.json > /dev/null
	@echo wrote docs/sample-summary.pdf and docs/sample-fhir-bundle.json

# The exported SDC Questionnaire loaded into NLM's LHC-Forms (lforms 40.1.3,
# its prebuilt package only, unpacked from the npm registry) in headless
# Chromium, with the first answers of tools/lhcforms/steps.json typed in:
# writes docs/lhc-forms-full.png and prints what the form shows and computed.
LFORMS_VERSION = 40.1.3
lhc-screenshot: deps
	@bash scripts/ensure-deps.sh bench
	npm ci --prefix tools/lhcforms --no-audit --no-fund --loglevel=error
	@if [ ! -f tools/lhcforms/lforms/package.json ] || ! grep -q '"version": "$(LFORMS_VERSION)"' tools/lhcforms/lforms/package.json; then \
	  rm -rf tools/lhcforms/lforms && mkdir -p tools/lhcforms/lforms && \
	  cd tools/lhcforms && npm pack --silent lforms@$(LFORMS_VERSION) >/dev/null && \
	  tar xzf lforms-$(LFORMS_VERSION).tgz --strip-components=1 -C lforms && rm lforms-$(LFORMS_VERSION).tgz; \
	fi
	$(GO) run . export-fhir-questionnaire > tools/lhcforms/questionnaire.json
	cd tools/lhcforms && node shot.mjs questionnaire.json steps.json ../../docs/lhc-forms-full.png

# Every screen as a PNG in docs/screenshots, drawn by Fyne's test driver.
screenshots:
	rm -rf docs/screenshots
	KETASCREEN_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -tags ci -count=1 -run TestWriteScreenshots ./screens

# Launch, memory, idle CPU, response and size, against a minimal Fyne program
# and the PHQ-9 as a SurveyJS page in Chromium's kiosk mode, under Xvfb; writes
# docs/benchmarks.md. About 45 minutes. BENCH_FLAGS passes options, e.g.
# BENCH_FLAGS='-runs 3 -sessions 20 -idle 10s' for a quick look (see
# go run ./bench/measure -h). Without Chromium or npm the browser is skipped.
bench: deps dist
	@bash scripts/ensure-deps.sh bench || echo "bench: Chromium could not be installed; the browser kiosk will be skipped"
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix bench/web-kiosk --no-audit --no-fund --loglevel=error || echo "bench: npm ci failed; the browser kiosk will be skipped"; \
	fi
	$(GO) run ./bench/measure $(BENCH_FLAGS)

# A short fuzz run of everything that reads a file a user gives: the
# definition loader, the answers reader, the kiosk config and the YAML bounds.
fuzz:
	$(GO) test -tags ci -run '^$$' -fuzz FuzzLoad -fuzztime 30s ./questionnaire
	$(GO) test -tags ci -run '^$$' -fuzz FuzzReadAnswers -fuzztime 30s ./questionnaire
	$(GO) test -tags ci -run '^$$' -fuzz FuzzParseConfig -fuzztime 30s ./kiosk
	$(GO) test -tags ci -run '^$$' -fuzz FuzzCheck -fuzztime 30s ./internal/yamlbound
	$(GO) test -tags ci -run '^$$' -fuzz FuzzParseRecordName -fuzztime 30s ./records
	$(GO) test -tags ci -run '^$$' -fuzz FuzzClaimPrefix -fuzztime 30s ./records
	$(GO) test -tags ci -run '^$$' -fuzz FuzzReadRecord -fuzztime 30s ./desk

# Release packages in dist/: Linux tarball, Debian package, Windows .exe.
dist: deps
	bash scripts/dist.sh

# Checks the packages as a user gets them (unpack, install, start, PE headers,
# the kiosk unit booted in a virtual machine).
dist-check: dist
	KETASCREEN_DIST=1 KETASCREEN_VM=1 $(GO) test -tags ci -count=1 -timeout 60m -run 'TestDist' -v .

# Only the virtual machine of dist-check: a Debian 12 with the .deb installed
# as the README's "Kiosk setup" says, booted, and a stranger's keys tried on
# the kiosk unit's real X server on tty7 (about 3 minutes on an idle 2-core
# machine; downloads about 400 MB of Debian).
vm-check: dist
	KETASCREEN_DIST=1 KETASCREEN_VM=1 $(GO) test -tags ci -count=1 -timeout 60m -run 'TestDistKioskUnitInAVirtualMachine' -v .

# Installs the Linux package's files (run as root, or set PREFIX=~/.local).
install: dist
	tar -xJf dist/ketascreen-*-linux-amd64.tar.xz -C dist
	$(MAKE) -C dist/ketascreen install

clean:
	rm -rf bin dist
