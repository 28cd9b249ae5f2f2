#!/usr/bin/env bash
# Prove the real-n8n harness on one n8n line: install it if needed (cached), then run
# test/e2e/harness.e2e.test.js against it (built-in nodes, a fake community package loaded from
# .n8n/nodes, CLI import/execute, n8n start + owner setup + credential test + webhook activation).
#
#   scripts/n8n/smoke.sh [2|1]     default 2 (n8n 2.41.1); 1 = n8n 1.123.81
# Extra args after the target go to jest (e.g. -t "server mode").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TARGET="${1:-2}"
shift || true
case "$TARGET" in 1 | 2) ;; *) echo "usage: $0 [2|1] [jest args...]" >&2; exit 2 ;; esac
JEST="$ROOT/node_modules/.bin/jest"
[ -x "$JEST" ] || { echo "smoke: $JEST not found: run 'npm ci' in $ROOT first" >&2; exit 1; }
bash "$ROOT/scripts/n8n/install.sh" "$TARGET"
cd "$ROOT"
N8N_TARGET="$TARGET" exec "$JEST" -c test/e2e/jest.config.js --ci test/e2e/harness.e2e.test.js "$@" </dev/null
