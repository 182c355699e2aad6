#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, when they are missing and we may install them (root).
#   chromium          real-browser tests (Playwright drives /usr/bin/chromium; never downloads a browser)
#   fonts-dejavu-core Unicode TTF embedded in the PDF report
#   poppler-utils     pdftoppm, to render report pages to PNG in tests
#   libreoffice-calc  soffice --headless, to recalculate the exported spreadsheet's formulas in a test
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || echo "WARNING: could not install ${missing[*]}; tests that need them will be skipped (or fail under CI=true)."
else
  echo "WARNING: missing ${missing[*]} and not root with apt-get: install them to run every test."
fi
exit 0
