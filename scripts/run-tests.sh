#!/usr/bin/env bash
# Run the test suite, with a throwaway PostgreSQL server when one can be started.
set -euo pipefail
BIN=${1:-.venv/bin}
if [ -z "${STORYLINE_TEST_PG_URL:-}" ] && [ -x scripts/pg-start.sh ]; then
  if url=$(bash scripts/pg-start.sh); then
    export STORYLINE_TEST_PG_URL="$url"
    trap 'bash scripts/pg-stop.sh || true' EXIT
  else
    echo "PostgreSQL could not be started; its tests will be skipped" >&2
  fi
fi
"$BIN/python" -m pytest -p no:cacheprovider "${@:2}"
