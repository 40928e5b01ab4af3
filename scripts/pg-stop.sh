#!/usr/bin/env bash
# Stop the throwaway PostgreSQL server that scripts/pg-start.sh started from this directory,
# and remove its files.
set -euo pipefail
key=$(printf '%s' "$PWD" | md5sum | cut -c1-12)
STATE="${STORYLINE_PG_STATE:-${TMPDIR:-/tmp}/storyline-pg-$key.state}"
if [ ! -f "$STATE" ]; then
  echo "pg-stop: no server started from $PWD" >&2
  exit 0
fi
# shellcheck disable=SC1090
source "$STATE"
as_user=()
[ "${AS_ROOT:-0}" != "0" ] && as_user=(runuser -u postgres --)
"${as_user[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
case "$DIR" in
  */storyline-pg.*) rm -rf "$DIR" ;;
esac
rm -f "$STATE"
