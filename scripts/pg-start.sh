#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the tests and print its connection URL on stdout.
#
# The cluster lives in a fresh temp dir, listens on a free port on 127.0.0.1 only, trusts
# local connections and keeps nothing durable (fsync off). As root it runs as the `postgres`
# system user (PostgreSQL refuses to run as root). scripts/pg-stop.sh stops it and removes it.
# Needs Debian's `postgresql` package (scripts/install-system.sh installs it).
set -euo pipefail

state_file() {
  local key
  key=$(printf '%s' "$PWD" | md5sum | cut -c1-12)
  echo "${STORYLINE_PG_STATE:-${TMPDIR:-/tmp}/storyline-pg-$key.state}"
}

STATE=$(state_file)
if [ -f "$STATE" ]; then
  bash "$(dirname "$0")/pg-stop.sh" >/dev/null 2>&1 || true
fi

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "pg-start: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 1
fi

as_user=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "pg-start: running as root but there is no 'postgres' user to run the server" >&2
    exit 1
  fi
  as_user=(runuser -u postgres --)
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/storyline-pg.XXXXXX")
chmod 755 "$DIR"
[ ${#as_user[@]} -gt 0 ] && chown postgres "$DIR"

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
USER_NAME=storyline
DB_NAME=storyline_test

"${as_user[@]}" "$BIN/initdb" -D "$DIR/data" -U "$USER_NAME" -A trust -E UTF8 --locale=C --no-sync >"$DIR/initdb.log" 2>&1 || {
  echo "pg-start: initdb failed, see $DIR/initdb.log" >&2
  cat "$DIR/initdb.log" >&2
  exit 1
}
"${as_user[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
  start >/dev/null || {
  echo "pg-start: the server did not start, see $DIR/server.log" >&2
  cat "$DIR/server.log" >&2 || true
  exit 1
}
printf 'DIR=%q\nBIN=%q\nPORT=%q\nAS_ROOT=%q\n' "$DIR" "$BIN" "$PORT" "${#as_user[@]}" >"$STATE"
"${as_user[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" "$DB_NAME"
echo "postgresql://$USER_NAME@127.0.0.1:$PORT/$DB_NAME"
