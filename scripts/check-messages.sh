#!/usr/bin/env bash
# Every UI catalogue complete (no untranslated or fuzzy entries) and its compiled .mo up to date.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for po in src/korkyt/locale/*/LC_MESSAGES/django.po; do
  stats=$(msgfmt --check --statistics -o /tmp/korkyt-check.mo "$po" 2>&1) || { echo "$po: $stats"; status=1; continue; }
  if grep -qE "untranslated|fuzzy" <<<"$stats"; then echo "$po: $stats"; status=1; fi
  if ! cmp -s /tmp/korkyt-check.mo "${po%.po}.mo"; then echo "${po%.po}.mo is stale: run make messages-compile"; status=1; fi
done
exit $status
