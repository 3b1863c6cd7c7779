#!/bin/sh
# Starts the service in the image. Certificates in /app/certs (built in: put them in certs/ before
# `docker build`) or /certs (mounted) are trusted too, e.g. the internal CA of a PBX (docs/innovaphone.md).
set -e
bundle=/tmp/hotdesk-extra-ca.pem
: > "$bundle"
for file in /app/certs/*.pem /app/certs/*.crt /certs/*.pem /certs/*.crt; do
  if [ -f "$file" ]; then cat "$file" >> "$bundle"; fi
done
if [ -s "$bundle" ] && [ -z "$NODE_EXTRA_CA_CERTS" ]; then
  export NODE_EXTRA_CA_CERTS="$bundle"
fi
exec node dist/server/main.js "$@"
