#!/usr/bin/env bash
# Prints a signed JWT (RS256) for the local run, valid for $TOKEN_TTL seconds (default 8 hours), for the local run's
# deployment (aud: $SYNERGY_JWT_AUDIENCE, default synergy-local, what the services accept unless told otherwise).
#   deploy/local/token.sh ROLE [ROLE...] [--districts 370202,370203] [--name someone] [--audience other-deployment]
# ROLE: feed:<sector> | reviewer:<sector> | approver:<sector> | reader | ops | planner   (<sector>: energy, transport, building,
#       agriculture, waste). A district's reviewer is limited to its districts: reviewer:energy --districts 370202,370203
# Example: curl -H "Authorization: Bearer $(deploy/local/token.sh reader)" 'http://127.0.0.1:8080/api/v1/attainment?period=2024'
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KEY_DIR=${SYNERGY_KEY_DIR:-$ROOT/deploy/local/run/keys}
"$ROOT/deploy/local/keys.sh" >/dev/null
ISSUER=${SYNERGY_JWT_ISSUER:-https://synergy.qingdao/issuer}
AUDIENCE=${SYNERGY_JWT_AUDIENCE:-synergy-local}
TTL=${TOKEN_TTL:-28800}

roles=()
districts=""
name=""
while [ $# -gt 0 ]; do
  case "$1" in
    --districts) districts=$2; shift 2 ;;
    --name) name=$2; shift 2 ;;
    --audience) AUDIENCE=$2; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    feed:energy|feed:transport|feed:building|feed:agriculture|feed:waste|reader|ops|planner) roles+=("$1"); shift ;;
    reviewer:energy|reviewer:transport|reviewer:building|reviewer:agriculture|reviewer:waste) roles+=("$1"); shift ;;
    approver:energy|approver:transport|approver:building|approver:agriculture|approver:waste) roles+=("$1"); shift ;;
    *) echo "unknown role or option: $1 (roles: feed:<sector>, reviewer:<sector>, approver:<sector>, reader, ops, planner)" >&2; exit 2 ;;
  esac
done
[ ${#roles[@]} -gt 0 ] || { echo "usage: $0 ROLE [ROLE...] [--districts codes] [--name subject]" >&2; exit 2; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
json_list() { local IFS=,; local out=""; for x in "$@"; do out="$out${out:+,}\"$x\""; done; echo "[$out]"; }

now=$(date +%s)
subject=${name:-local-${roles[0]//:/-}}
groups=$(json_list "${roles[@]}")
claims="{\"iss\":\"$ISSUER\",\"aud\":\"$AUDIENCE\",\"sub\":\"$subject\",\"upn\":\"$subject\",\"groups\":$groups,\"iat\":$now,\"exp\":$((now + TTL)),\"jti\":\"$(openssl rand -hex 8)\""
if [ -n "$districts" ]; then
  IFS=, read -r -a ds <<< "$districts"
  claims="$claims,\"districts\":$(json_list "${ds[@]}")"
fi
claims="$claims}"
header='{"alg":"RS256","typ":"JWT","kid":"synergy-local"}'
unsigned="$(printf '%s' "$header" | b64url).$(printf '%s' "$claims" | b64url)"
signature=$(printf '%s' "$unsigned" | openssl dgst -sha256 -sign "$KEY_DIR/private.pem" -binary | b64url)
echo "$unsigned.$signature"
