# The two commands a new user needs: `make run` and `make test`.
# Both install missing Debian packages first (scripts/install-deps.sh).

BUILD_DIR    ?= build/release
SAN_DIR      ?= build/sanitize
JOBS         ?= $(shell nproc)
CMAKE_FLAGS  ?=
ifeq ($(CI),true)
  CMAKE_FLAGS += -DNESTMAP_WERROR=ON
endif

.PHONY: all deps build run test test-sanitize bench screenshot format clean

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
	  ctest --test-dir $(SAN_DIR) --output-on-failure -L unit

bench: build
	scripts/install-deps.sh bench
	$(BUILD_DIR)/bench/store_bench
	$(BUILD_DIR)/bench/nest_bench
	bench/run_analysis_bench.py --bin $(BUILD_DIR)/bench/analysis_bench
	bench/run_layout_bench.py --bin $(BUILD_DIR)/bench/layout_bench
	$(BUILD_DIR)/bench/scene_bench

# A PNG of the window on the demo map, written by the app itself.
screenshot: build
	scripts/with-display.sh $(BUILD_DIR)/src/nestmap --screenshot build/screenshot.png
	@echo "build/screenshot.png"

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build
