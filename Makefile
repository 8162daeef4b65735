# hedgesim: the two set-up commands are `make demo` and `make test`.
# Both install the system packages a fresh machine lacks (libzstd-dev, libsqlite3-dev) first.

SWIFT ?= swift
SYSTEM_PACKAGES := libzstd-dev libsqlite3-dev zlib1g-dev zstd sqlite3 pkg-config
# Only the tests need these: the NATS client's tests run a real nats-server.
TEST_PACKAGES := nats-server
BIN_DEBUG := .build/debug/hedgesim
BIN_RELEASE := .build/release/hedgesim

.PHONY: demo test deps build release lint format bench clean test-asan test-tsan check-all

## Install missing system packages (apt-get; as root, or through sudo when available).
deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null || \
	  { echo "could not install:$$missing (run as root or install them by hand)"; exit 1; }; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## The quickstart: build in release mode and run the main job on the sample data.
demo: release
	$(BIN_RELEASE) compare scenarios/quickstart.yaml --html reports/quickstart.html

## Lint plus the whole test suite.
test: deps lint
	@$(MAKE) --no-print-directory deps SYSTEM_PACKAGES="$(TEST_PACKAGES)"
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

## The tests under AddressSanitizer and ThreadSanitizer (docs/guarantees.md), each in its own
## build folder; the CLI tests run that build's hedgesim. FILTER narrows them, e.g.
## `make test-tsan FILTER='CLITests|ReportWriterTests'`. Leak detection is off: XCTest's own runner
## leaks 144 bytes at exit.
FILTER ?=
## Without FILTER the NATS client's tests run on their own after the rest: beside the whole suite
## under a sanitizer, the tests that wait on processes hold Swift Testing's threads for minutes and
## the NATS tests' timers and I/O starve. HEDGESIM_TEST_TIME_SCALE multiplies the NATS tests' time
## limits besides (the sanitizers slow the client down several times).
SANITIZER_SWIFT_TEST = $(SWIFT) test --skip-build --sanitize=$(1) --scratch-path .build-$(2)
SANITIZER_TEST = export HEDGESIM_TEST_TIME_SCALE=10; \
  $(if $(FILTER),$(SANITIZER_SWIFT_TEST) --filter '$(FILTER)',\
  { $(SANITIZER_SWIFT_TEST) --skip NATSTests && $(SANITIZER_SWIFT_TEST) --filter NATSTests; })

## ASan recovers from a report (-sanitize-recover=address, halt_on_error=0) so that the run goes
## on past the known toolchain report (docs/guarantees.md, "Sanitizers"); scripts/asan-check.sh
## then fails the target on any other report. Reports go to .build-asan/reports/asan.PID
## (log_path), not to standard error, which the CLI tests compare exactly.
## SwiftPM does not recompile for a changed -Xswiftc flag: a .build-asan without the marker (built
## without -sanitize-recover) is rebuilt from nothing.
test-asan: deps
	@[ -f .build-asan/sanitize-recover ] || rm -rf .build-asan
	$(SWIFT) build --build-tests --sanitize=address -Xswiftc -sanitize-recover=address --scratch-path .build-asan
	touch .build-asan/sanitize-recover
	rm -rf .build-asan/reports && mkdir -p .build-asan/reports
	export HEDGESIM_BINARY=.build-asan/debug/hedgesim \
	  ASAN_OPTIONS=detect_leaks=0:halt_on_error=0:log_path=$(CURDIR)/.build-asan/reports/asan; \
	  ( $(call SANITIZER_TEST,address,asan) ) >.build-asan/test.log 2>&1; status=$$?; \
	  cat .build-asan/test.log; exit $$status
	scripts/asan-check.sh .build-asan/test.log .build-asan/reports/asan.*

test-tsan: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	export HEDGESIM_BINARY=.build-tsan/debug/hedgesim TSAN_OPTIONS=halt_on_error=1; $(call SANITIZER_TEST,thread,tsan)

## Everything CI checks plus both sanitizers (slow: see docs/guarantees.md for the times).
check-all: test test-asan test-tsan fuzz

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

clean:
	rm -rf .build .build-asan .build-tsan

## Fuzzing (docs/fuzzing.md): builds the libFuzzer harnesses, seeds them from data/ and the test
## fixtures, and runs each for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
.PHONY: fuzz fuzz-ci
fuzz:
	Fuzz/build.sh
	Fuzz/seed.sh
	FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run.sh

## CI's fuzzing (.ci/run, after the tests): every harness for 60 s from the seed corpora with a
## fixed libFuzzer seed; a crash fails it and the log names the reproducer's path.
fuzz-ci:
	Fuzz/build.sh
	Fuzz/seed.sh
	FUZZ_SECONDS=60 FUZZ_SEED=1 Fuzz/run.sh
