#!/usr/bin/env bash
# Regenerates the seeds of fuzz_map_open (tests/fuzz/corpus/fuzz_map_open/):
# an empty map made by `nestmap new`, and a schema-1 map from the migration
# fixture (so that the fuzzer also walks the migration path), each vacuumed to
# 512-byte pages to stay small (< 50 KB).  Usage: make_map_seeds.sh PATH/TO/nestmap
set -euo pipefail
nestmap="${1:?usage: $0 PATH/TO/nestmap}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/tests/fuzz/corpus/fuzz_map_open"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && XDG_DATA_HOME="$work" XDG_CONFIG_HOME="$work" "$nestmap" new new.nestmap --name Klein >/dev/null)
cat "$root/src/store/sql/schema_1.sql" "$root/tests/store/fixtures/schema_v1.sql" | sqlite3 "$work/v1.nestmap"
mkdir -p "$out"
for name in new v1; do
  sqlite3 "$work/$name.nestmap" "PRAGMA journal_mode=DELETE; PRAGMA page_size=512; VACUUM;" >/dev/null
  sqlite3 "$work/$name.nestmap" "PRAGMA journal_mode=WAL;" >/dev/null
  cp "$work/$name.nestmap" "$out/$name.nestmap"
done
ls -l "$out"
