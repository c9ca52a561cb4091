#!/usr/bin/env bash
# e2e in CI: start a Docker engine, build the stand-in base images the examples need, run the e2e suite.
#
# Where ../shared/e2e (the stand-in harness, E2E_HARNESS to move it) sits next to the checkout, its
# engine.sh starts dockerd and bases.sh builds local stand-ins for the Docker Hub bases (no Hub access).
# Without the harness, an engine that already answers is used as it is (bases pulled from the registry).
# When no engine can exist (no harness and none running, or the harness cannot start one: not root, no
# apt), this prints "e2e: SKIPPED: <why>" on stdout and stderr and exits 0: CI does not fail, but the log
# says plainly that nothing was tested. Once an engine answers, any failure fails the run.
#
# Env: DOCKER (client to use), E2E_HARNESS (default ../shared/e2e), E2E_SKIP_BASES=1 (bases already built).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
HARNESS=${E2E_HARNESS:-$ROOT/../shared/e2e}
T0=$SECONDS

say() { printf '[e2e-ci %3ds] %s\n' "$((SECONDS - T0))" "$*" >&2; }
skip() {
  local line="e2e: SKIPPED: $* -- the e2e suite did not run"
  printf '\n%s\n\n' "$line"
  printf '\n%s\n\n' "$line" >&2
  exit 0
}

engine_answers() { "${DOCKER:-docker}" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# ---------------------------------------------------------------- engine ---
if [ -d "$HARNESS" ]; then
  say "starting the engine with $HARNESS/engine.sh"
  "$HARNESS/engine.sh" >&2 || skip "no Docker engine: $HARNESS/engine.sh could not start one (see above)"
elif command -v "${DOCKER:-docker}" >/dev/null && engine_answers; then
  say "no stand-in harness at $HARNESS: using the running engine and registry images"
else
  skip "no Docker engine here, and no stand-in harness at $HARNESS to start one"
fi
engine_answers || skip "no Docker engine: ${DOCKER:-docker} cannot reach a daemon"
export E2E_REQUIRE_ENGINE=1

# ------------------------------------------------------------- the build ---
say "building"
npm run build >&2

# --------------------------------------------------------- base images ---
# The bases the suite needs: every FROM of the examples before and after migration, plus the ones the
# engine tests use, under the canonical names bases.sh knows.
froms() {   # froms FILE... -> image references of FROM lines that are not earlier stages
  awk '
    FNR == 1 { delete alias }
    toupper($1) == "FROM" {
      img = ""; for (i = 2; i <= NF; i++) if ($i !~ /^--/) { img = $i; break }
      for (i = 2; i < NF; i++) if (toupper($i) == "AS") alias[tolower($(i + 1))] = 1
      if (img != "" && !(tolower(img) in alias) && img !~ /\$/) print img
    }' "$@"
}
canonical() {   # bases.sh builds each stand-in under one name and adds the aliases as extra tags
  sed -E \
    -e 's/^node:([0-9]+)(\.[0-9.]+)?-bookworm-slim$/node:\1-slim/' \
    -e 's/^node:([0-9]+)(\.[0-9.]+)?-bookworm$/node:\1/' \
    -e 's/^node:([0-9]+)\.[0-9.]+(-slim|-alpine)?$/node:\1\2/' \
    -e 's/^eclipse-temurin:17$/eclipse-temurin:17-jdk/' \
    -e 's/^openjdk:17-jdk$/openjdk:17/' \
    -e 's/^maven:3-eclipse-temurin-17$/maven:3.9-eclipse-temurin-17/' \
    -e 's/^maven:3\.8-openjdk-17$/maven:3-openjdk-17/'
}
if [ -d "$HARNESS" ] && [ "${E2E_SKIP_BASES:-0}" != 1 ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  cp -R examples "$work/examples"
  find "$work/examples" -name node_modules -prune -exec rm -rf {} +
  # Migrate a copy only to learn the runtime bases; a migration failure shows up in the suite itself.
  node dist/src/cli/bin.js migrate "$work/examples" --write --quiet >&2 || true
  mapfile -t dockerfiles < <(find examples "$work/examples" -name Dockerfile -not -path '*/node_modules/*')
  mapfile -t tags < <({ froms "${dockerfiles[@]}"; printf '%s\n' node:20 node:20-alpine; } | canonical | sort -u)
  say "building stand-ins: ${tags[*]}"
  "$HARNESS/bases.sh" "${tags[@]}" >&2
fi

# ------------------------------------------------------------- the suite ---
say "running the e2e suite"
npx jest -c jest.e2e.config.js
say "e2e done in $((SECONDS - T0)) s"
