#!/usr/bin/env bash
# Proves the layer boundary of STYLE.md: no pure domain crate reaches an I/O
# crate, even transitively.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for domain in oxt-ticket oxt-sla oxt-filter oxt-perm; do
  for io in sea-orm sqlx actix-web tokio lettre imap; do
    if cargo tree -e normal -p "$domain" -i "$io" >/dev/null 2>&1; then
      echo "layers: $domain depends on $io" >&2
      status=1
    fi
  done
done
[ "$status" -eq 0 ] && echo "layers: the domain crates use no I/O crate"
exit "$status"
