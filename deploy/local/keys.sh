#!/usr/bin/env bash
# Creates the local run's JWT signing key pair once (RSA 2048), in $SYNERGY_KEY_DIR (default deploy/local/run/keys).
# The services verify tokens with the public key only; the private key never leaves this folder (and is gitignored).
# Production reads the verification key from configuration (MP_JWT_VERIFY_PUBLICKEY, see docs/security.md).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KEY_DIR=${SYNERGY_KEY_DIR:-$ROOT/deploy/local/run/keys}
mkdir -p "$KEY_DIR"
chmod 700 "$KEY_DIR"
if [ ! -f "$KEY_DIR/private.pem" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEY_DIR/private.pem" 2>/dev/null
  chmod 600 "$KEY_DIR/private.pem"
  openssl pkey -in "$KEY_DIR/private.pem" -pubout -out "$KEY_DIR/public.pem"
  echo "[keys] created a signing key pair in $KEY_DIR" >&2
fi
echo "$KEY_DIR/public.pem"
