#!/usr/bin/env bash
# Installs perfgate's pre-push hook into a git repository (default: the one you are in):
#   /path/to/perfgate/ci/install-pre-push-hook.sh [REPOSITORY_DIR]
# It copies ci/pre-push to the repository's hooks directory (worktrees share it), keeping
# an existing different hook as pre-push.before-perfgate. Configure it with git config
# perfgate.* keys (see the top of ci/pre-push); uninstall by deleting the hook file.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:-.}"
hooks=$(git rev-parse --path-format=absolute --git-common-dir)/hooks
custom=$(git config --get core.hooksPath || true)
[ -n "$custom" ] && hooks=$custom
mkdir -p "$hooks"
if [ -e "$hooks/pre-push" ] && ! cmp -s "$here/pre-push" "$hooks/pre-push"; then
  mv "$hooks/pre-push" "$hooks/pre-push.before-perfgate"
  echo "kept the existing hook as $hooks/pre-push.before-perfgate"
fi
cp "$here/pre-push" "$hooks/pre-push"
chmod +x "$hooks/pre-push"
echo "installed $hooks/pre-push"
