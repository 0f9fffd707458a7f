#!/usr/bin/env bash
# The reliability tests trace file creation with strace to prove the store's
# files are born 0600; without it that one test skips. Install it if missing.
set -euo pipefail

if ! command -v strace >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq strace >/dev/null
fi
