#!/usr/bin/env bash
# compose's broker health check: the broker answers its own admin login (PLAIN) on the internal listener.
set -euo pipefail
config=$("$(dirname "$0")/admin-config.sh")
trap 'rm -f "$config"' EXIT
/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092 --command-config "$config" > /dev/null
