#!/usr/bin/env bash
# Same harness proof as scripts/n8n/smoke.sh, on n8n 1.123.81 (Node 22): installs it if needed.
exec bash "$(dirname "${BASH_SOURCE[0]}")/smoke.sh" 1 "$@"
