#!/usr/bin/env bash
# Tools the test suite needs from Debian, installed when missing (as root; no other network than
# Debian's and npm's mirrors). Today: openssl, to make TLS certificates at test time; Jupyter's
# kernel conformance suite and nbclient, to test the kernel.
set -euo pipefail
missing=()
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# Jupyter's own tools prove the kernel (Debian's Python, /usr/bin/python3, not a python on PATH)
/usr/bin/python3 -c 'import jupyter_kernel_test' >/dev/null 2>&1 || missing+=(python3-jupyter-kernel-test)
/usr/bin/python3 -c 'import nbclient' >/dev/null 2>&1 || missing+=(python3-nbclient)
# the web app's end-to-end tests drive Debian's chromium through playwright-core
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "the tests need: ${missing[*]} (install them with apt-get as root)" >&2
    exit 1
  fi
  apt-get update -qq && apt-get install -y -qq "${missing[@]}"
fi
