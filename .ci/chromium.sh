#!/usr/bin/env bash
# Installs Debian's Chromium (and CJK fonts, so screenshots show Chinese)
# for the dashboard's browser tests in internal/web/browser_test.go.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
chromium --version
