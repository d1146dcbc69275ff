# The two commands a new user needs: `make run` and `make test`.
# Both install missing Debian packages first (scripts/install-deps.sh).

BUILD_DIR    ?= build/release
SAN_DIR      ?= build/sanitize
TSAN_DIR     ?= build/tsan
FUZZ_DIR     ?= build/fuzz
FUZZ_SECONDS ?= 60
FUZZERS      := fuzz_graph_import fuzz_csv fuzz_parsers fuzz_map_open
JOBS         ?= $(shell nproc)
# ccache keys without this checkout's absolute path: a fresh clone (CI) finds
# what any other checkout of the project compiled already. Debug information
# then names paths relative to the build; nothing else changes.
export CCACHE_BASEDIR   ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1
CMAKE_FLAGS  ?=
ifeq ($(CI),true)
  CMAKE_FLAGS += -DNESTMAP_WERROR=ON
endif

.PHONY: all deps build run test test-sanitize test-tsan fuzz bench screenshot format clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/src/nestmap $(ARGS)

test: build
	scripts/with-display.sh ctest --test-dir $(BUILD_DIR) --output-on-failure

# The unit tests once more with AddressSanitizer + UndefinedBehaviorSanitizer.
test-sanitize: deps
	cmake -S . -B $(SAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DNESTMAP_SANITIZE=ON -DNESTMAP_GUI=OFF $(CMAKE_FLAGS)
	cmake --build $(SAN_DIR) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitize/lsan.supp:print_suppressions=0 \
	  ctest --test-dir $(SAN_DIR) --output-on-failure -L unit

# The unit tests once more with ThreadSanitizer: the layout job, the store's
# load threads, the parallel analyses. A race fails the test (exit status 66).
# SQLite allocates and frees an 85 KiB block per CHECK (x IN (...)) of a row
# written; by default TSan clears the shadow of each with mmap, a TLB flush
# every time (store_tests 4× slower). Up to 512 KiB of shadow is cleared with
# memset instead; thread stacks, far larger, are still cleared by mmap.
# tests/sanitize/tsan.supp: fontconfig and pango, which TSan cannot see synchronise.
test-tsan: deps
	cmake -S . -B $(TSAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DNESTMAP_TSAN=ON -DNESTMAP_GUI=OFF $(CMAKE_FLAGS)
	cmake --build $(TSAN_DIR) -j $(JOBS)
	TSAN_OPTIONS="second_deadlock_stack=1 clear_shadow_mmap_threshold=524288 suppressions=$(CURDIR)/tests/sanitize/tsan.supp" \
	  ctest --test-dir $(TSAN_DIR) --output-on-failure -L unit

# libFuzzer (clang, ASan + UBSan): each target of tests/fuzz for FUZZ_SECONDS seconds,
# starting from its seeds in tests/fuzz/corpus/<target>. New inputs go to
# $(FUZZ_DIR)/corpus/<target>, a crash to $(FUZZ_DIR)/artifacts/ and fails the run.
fuzz:
	scripts/install-deps.sh fuzz
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNESTMAP_FUZZ=ON \
	  -DNESTMAP_GUI=OFF -DBUILD_TESTING=OFF $(CMAKE_FLAGS)
	cmake --build $(FUZZ_DIR) --target fuzzers -j $(JOBS)
	@set -e; for t in $(FUZZERS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/artifacts; \
	  dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=tests/fuzz/$$t.dict; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  if ! UBSAN_OPTIONS=print_stacktrace=1 $(FUZZ_DIR)/tests/fuzz/$$t $$dict -max_total_time=$(FUZZ_SECONDS) \
	      -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/artifacts/$$t- \
	      $(FUZZ_DIR)/corpus/$$t tests/fuzz/corpus/$$t > $(FUZZ_DIR)/$$t.log 2>&1; then \
	    tail -n 80 $(FUZZ_DIR)/$$t.log; echo "fuzz: $$t FAILED; the input is in $(FUZZ_DIR)/artifacts/"; exit 1; \
	  fi; \
	  grep -E '^Done' $(FUZZ_DIR)/$$t.log || true; \
	done

bench: build
	scripts/install-deps.sh bench
	$(BUILD_DIR)/bench/store_bench
	$(BUILD_DIR)/bench/nest_bench
	bench/run_analysis_bench.py --bin $(BUILD_DIR)/bench/analysis_bench
	bench/run_layout_bench.py --bin $(BUILD_DIR)/bench/layout_bench
	$(BUILD_DIR)/bench/scene_bench
	$(BUILD_DIR)/bench/picture_bench
	bench/run_report_bench.py --bin $(BUILD_DIR)/src/nestmap

# A PNG of the window on the demo map, written by the app itself.
screenshot: build
	scripts/with-display.sh $(BUILD_DIR)/src/nestmap --screenshot build/screenshot.png
	@echo "build/screenshot.png"

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build
