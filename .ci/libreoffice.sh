#!/usr/bin/env bash
# Installs Debian's headless LibreOffice Calc (and CJK fonts, so the PDF
# render lays out Chinese with real glyph widths) for the ledger round-trip
# tests in internal/export/libreoffice_test.go. LibreOffice stands in for
# Excel and WPS, which do not run on Debian.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# libreoffice-calc-nogui is Calc without the GUI toolkits (no X, no GTK):
# enough for soffice --headless --convert-to. poppler-utils gives pdfinfo
# for the print-setup page-count check.
apt-get install -y -qq --no-install-recommends \
	libreoffice-calc-nogui fonts-noto-cjk poppler-utils >/dev/null
soffice --version
