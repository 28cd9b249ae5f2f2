# shellcheck shell=bash
# Source me: `source scripts/n8n/paths.sh [2|1|queue]` (default: $N8N_TARGET or 2).
# Sets N8N_TARGET N8N_VERSION N8N_NODE_VERSION N8N_CACHE_ROOT N8N_INSTALL_DIR N8N_NODE_DIR
#      N8N_NODE_BIN_DIR N8N_NODE_BIN N8N_APP_DIR N8N_BIN N8N_MARKER N8N_MARKER_CONTENT
#      N8N_OVERRIDES_JSON N8N_REBUILD
# The values come from scripts/n8n/paths.js (single source of truth), evaluated with the system node.
__n8n_paths_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
__n8n_paths_out="$(node "$__n8n_paths_dir/paths.js" --shell "${1:-${N8N_TARGET:-2}}")" || return 1 2>/dev/null || exit 1
eval "$__n8n_paths_out"
unset __n8n_paths_out __n8n_paths_dir
