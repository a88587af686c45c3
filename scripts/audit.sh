#!/usr/bin/env bash
# Dependency audit: pip-audit checks the installed packages against the Python Packaging Advisory data
# (PyPI's JSON API). It needs the network, which `make check` never requires: without KORKYT_AUDIT=1 this
# prints that it skipped and succeeds at once. With KORKYT_AUDIT=1 it must audit every package or fail:
# a package the service does not answer for is a failure (--strict), never a silent "no known
# vulnerabilities". Known, accepted findings: one `--ignore-vuln ID` per line in scripts/audit-ignore.txt
# (with the reason after a #). See docs/decisions/0007-dependency-audit.md.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
if [ "${KORKYT_AUDIT:-0}" != "1" ]; then
  echo "dependency audit: skipped (it needs the network; KORKYT_AUDIT=1 make check runs it)"
  exit 0
fi
if [ ! -x "$BIN/pip-audit" ]; then
  echo "!! dependency audit: pip-audit is not installed in $BIN (it is in the dev extra)" >&2
  exit 2
fi
ignores=()
if [ -f scripts/audit-ignore.txt ]; then
  while read -r id _; do
    case "$id" in ''|'#'*) continue ;; esac
    ignores+=(--ignore-vuln "$id")
  done < scripts/audit-ignore.txt
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# The whole audit is bounded: an unreachable service fails within KORKYT_AUDIT_TIMEOUT, never hangs.
timeout "${KORKYT_AUDIT_TIMEOUT:-300}" "$BIN/pip-audit" --skip-editable --strict --progress-spinner off \
  --timeout 15 "${ignores[@]}" >"$out" 2>&1
status=$?
cat "$out"
if [ $status -eq 0 ]; then
  echo "dependency audit: passed"
elif [ $status -eq 124 ]; then
  echo "!! dependency audit: the vulnerability service did not answer in time (offline?)" >&2
elif grep -q -E "could not be audited|ConnectionError|Max retries|Temporary failure|timed out" "$out"; then
  echo "!! dependency audit: the vulnerability service could not be asked about every package (offline?)." >&2
  echo "   Run it where PyPI's JSON API is reachable, or leave KORKYT_AUDIT unset to skip it." >&2
else
  echo "!! dependency audit: known vulnerabilities above: upgrade, or add the id to scripts/audit-ignore.txt with why" >&2
fi
exit $status
