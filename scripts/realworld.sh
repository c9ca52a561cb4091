#!/usr/bin/env bash
# `npm run test:realworld [ID-REGEX]`: the shared real-world set plus this project's own additions
# (scripts/realworld.tsv), each original and migrated Dockerfile built and started in a Docker engine.
# Needs the engine, the stand-in bases and a snapshot of each repository; see ../shared/realworld/README.md.
set -uo pipefail
cd "$(dirname "$0")/.."
runner=../shared/realworld/run.sh
if [ ! -f "$runner" ]; then
  echo "realworld: $runner not found (the shared real-world runner lives beside the project)" >&2
  exit 2
fi
: "${MIRROR:?set MIRROR to the folder that holds the repository snapshots as <owner>+<name>/repo}"
filter=${1:-.}
rc=0
bash "$runner" ../shared/realworld/repos.tsv "$filter" || rc=1
bash "$runner" scripts/realworld.tsv "$filter" || rc=1
exit $rc
