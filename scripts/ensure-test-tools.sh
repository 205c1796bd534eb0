#!/usr/bin/env bash
# Tools the test suite needs from Debian, installed when missing (as root; no other network than
# Debian's and npm's mirrors). Today: openssl, to make TLS certificates at test time.
set -euo pipefail
missing=()
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "the tests need: ${missing[*]} (install them with apt-get as root)" >&2
    exit 1
  fi
  apt-get update -qq && apt-get install -y -qq "${missing[@]}"
fi
