#!/usr/bin/env bash
# Writes the client settings of compose's broker admin (the static PLAIN login of
# LEDGERSTREAM_KAFKA_ADMIN_USER/_PASSWORD) to a fresh file and prints its path, for the Kafka
# tools' --command-config / --consumer.config; used by the health check, the set-up and operators:
#   docker compose exec kafka bash -c '/opt/kafka/bin/kafka-topics.sh --bootstrap-server localhost:9092 \
#     --command-config "$(/ledgerstream/kafka/admin-config.sh)" --list'
set -euo pipefail
config=$(mktemp)
printf '%s\n' "security.protocol=SASL_PLAINTEXT" "sasl.mechanism=PLAIN" \
  "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"${LEDGERSTREAM_KAFKA_ADMIN_USER:?}\" password=\"${LEDGERSTREAM_KAFKA_ADMIN_PASSWORD:?}\";" > "$config"
echo "$config"
