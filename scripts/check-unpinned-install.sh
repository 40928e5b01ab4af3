#!/usr/bin/env bash
# Install storyline with every extra into a fresh environment WITHOUT constraints.txt, then
# analyse the sample corpus with it: a dependency that the code imports but pyproject.toml does
# not declare (or a range that admits a release that breaks us) fails here, not on a user's
# machine. Usage: bash scripts/check-unpinned-install.sh [PYTHON]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${1:-python3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/storyline-unpinned.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$PYTHON" -m venv "$work/venv"
# a copy of the sources, so that the build leaves nothing in the checkout
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$work" --one-top-level=src-copy
"$work/venv/bin/pip" install -q "$work/src-copy[all]"
cd "$work"
"$work/venv/bin/storyline" analyze "$OLDPWD/examples/corpus" --db "$work/check.db" --out "$work/out" --quiet
test -s "$work/out/dossier.json"
"$work/venv/bin/storyline" export articles --db "$work/check.db" --format parquet --out "$work/out" >/dev/null
"$work/venv/bin/python" -c "import storyline; print(len(storyline.open('$work/check.db').quotes().to_pandas()), 'quotes')"
echo "unpinned install: ok"
