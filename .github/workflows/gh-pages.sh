#!/usr/bin/env bash
# Publish to (or remove from) the gh-pages branch, which GitHub Pages serves: the main site at
# the root, each pull request's preview in pr-<number>/. Used by pages.yml, check.yml and
# preview-cleanup.yml so every workflow changes the branch the same way.
#
#   gh-pages.sh publish SITE_DIR TARGET MESSAGE   TARGET is "." (main) or "pr-<n>"
#   gh-pages.sh remove TARGET MESSAGE
#
# Needs GH_TOKEN (the workflow's GITHUB_TOKEN, with contents: write) and GITHUB_REPOSITORY.
# Publishing the root keeps every pr-*/ folder; a push that loses a race with another
# workflow is retried on top of it.
set -euo pipefail

action="$1"
case "$action" in
  publish) site="$(cd "$2" && pwd)"; target="$3"; message="$4" ;;
  remove) site=""; target="$2"; message="$3" ;;
  *) echo "usage: $0 publish SITE TARGET MESSAGE | remove TARGET MESSAGE" >&2; exit 2 ;;
esac
case "$target" in
  . | pr-[0-9]*) ;;
  *) echo "error: target must be . or pr-<number>, not ${target}" >&2; exit 2 ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
remote="https://x-access-token:${GH_TOKEN}@github.com/${GITHUB_REPOSITORY}.git"

for attempt in 1 2 3 4 5; do
  rm -rf "$work/branch"
  if git ls-remote --exit-code --heads "$remote" gh-pages >/dev/null; then
    git clone --quiet --depth 1 --branch gh-pages "$remote" "$work/branch"
  else
    git init --quiet --initial-branch gh-pages "$work/branch"
    git -C "$work/branch" remote add origin "$remote"
  fi
  cd "$work/branch"
  git config user.name "github-actions[bot]"
  git config user.email "41898282+github-actions[bot]@users.noreply.github.com"

  if [ "$target" = "." ]; then
    # Everything but the previews and git's own folder belongs to the main site.
    find . -mindepth 1 -maxdepth 1 ! -name .git ! -name 'pr-*' -exec rm -rf {} +
  else
    rm -rf "./$target"
  fi
  if [ -n "$site" ]; then
    mkdir -p "./$target"
    cp -R "$site/." "./$target/"
  fi
  # The site is plain files: Jekyll must not skip folders that start with `_`.
  touch .nojekyll

  git add --all
  if git diff --cached --quiet; then
    echo "gh-pages already has this; nothing to publish"
    exit 0
  fi
  git commit --quiet -m "$message"
  if git push --quiet origin gh-pages; then
    exit 0
  fi
  echo "push lost a race (attempt ${attempt}); trying again on top of the newer gh-pages" >&2
  cd /
  sleep $((attempt * 3))
done
echo "error: could not push to gh-pages after 5 attempts" >&2
exit 1
