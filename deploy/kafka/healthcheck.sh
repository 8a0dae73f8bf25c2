#!/usr/bin/env bash
# compose's broker health check: the broker answers its own admin login (PLAIN) on the internal listener.
set -euo pipefail
config=$(mktemp)
trap 'rm -f "$config"' EXIT
printf '%s\n' "security.protocol=SASL_PLAINTEXT" "sasl.mechanism=PLAIN" \
  "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"${LEDGERSTREAM_KAFKA_ADMIN_USER}\" password=\"${LEDGERSTREAM_KAFKA_ADMIN_PASSWORD}\";" > "$config"
/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092 --command-config "$config" > /dev/null
