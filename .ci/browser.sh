#!/usr/bin/env bash
# Headless Chromium for the HTML report tests (test/report/html-report.test.ts), from Debian's
# packages; playwright-core drives it at /usr/bin/chromium. Under CI=true a missing browser fails
# those tests instead of skipping them.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends chromium fonts-dejavu-core
fi
/usr/bin/chromium --version
