#!/usr/bin/env bash
# CI: the sources zip AMO asks for rebuilds the Firefox zip. Unpacks it into an empty folder, runs
# `npm ci` and the Firefox build there, and compares every output file with the Firefox zip's.
# Also fails if the sources zip holds a dotfile, node_modules, build output or a key file.
# Run after `npm run zip`.
set -euo pipefail
cd "$(dirname "$0")/.."
sources=$(ls .output/*-sources.zip)
firefox=$(ls .output/*-firefox.zip)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if unzip -Z1 "$sources" | grep -E '(^|/)\.|(^|/)node_modules/|^\.output/|\.(pem|key|env)$'; then
  echo "the sources zip holds files it must not (above)" >&2
  exit 1
fi
mkdir "$work/src" "$work/expected"
unzip -q "$sources" -d "$work/src"
unzip -q "$firefox" -d "$work/expected"
(cd "$work/src" && npm ci --no-progress --prefer-offline --no-audit --no-fund >/dev/null && npx wxt build -b firefox --mv3 >/dev/null)
if diff -r "$work/expected" "$work/src/.output/firefox-mv3"; then
  echo "the sources zip rebuilds the Firefox zip's $(unzip -Z1 "$firefox" | wc -l) files exactly"
else
  echo "the build from the sources zip differs from the Firefox zip (above)" >&2
  exit 1
fi
