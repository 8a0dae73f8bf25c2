#!/usr/bin/env bash
# One-shot set-up of compose's broker (the kafka-setup container, apache/kafka image): logs in as
# the broker's admin (PLAIN, LEDGERSTREAM_KAFKA_ADMIN_USER/_PASSWORD), gives each service its SCRAM
# login (SCRAM-SHA-512, the passwords from .env), then grants each login exactly the rows of
# acls.csv (shared with Terraform and KafkaAccessIT) and compose-acls.csv (compose only: the
# stream processors create the catalog's topics at start-up). Safe to run again: a login is
# replaced with the same password, an ACL that exists is kept. docs/operations.md, "Kafka logins".
set -euo pipefail

bootstrap=${KAFKA_SETUP_BOOTSTRAP:-kafka:9092}
here=$(cd "$(dirname "$0")" && pwd)
bin=${KAFKA_BIN:-/opt/kafka/bin}
config=$("$here/admin-config.sh")
trap 'rm -f "$config"' EXIT

# The SCRAM password of each principal of acls.csv, from .env.
password_of() {
  case "$1" in
    ingest-api) echo "${KAFKA_INGEST_API_PASSWORD:?}" ;;
    stream-processors) echo "${KAFKA_STREAM_PROCESSORS_PASSWORD:?}" ;;
    ledger-sink) echo "${KAFKA_LEDGER_SINK_PASSWORD:?}" ;;
    admin-api) echo "${KAFKA_ADMIN_API_PASSWORD:?}" ;;
    operator) echo "${KAFKA_OPERATOR_PASSWORD:?}" ;;
    *) echo "setup.sh: no password variable for principal $1" >&2; return 1 ;;
  esac
}

# DESCRIBE_CONFIGS -> DescribeConfigs, as kafka-acls.sh names operations.
pascal() {
  echo "$1" | awk -F_ '{ for (i = 1; i <= NF; i++) printf "%s", toupper(substr($i, 1, 1)) tolower(substr($i, 2)) }'
}

for principal in $(tail -n +2 "$here/acls.csv" | cut -d, -f1 | sort -u); do
  password=$(password_of "$principal")
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$config" --alter \
    --entity-type users --entity-name "$principal" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=${password}]"
done

for grants in "$here/acls.csv" "$here/compose-acls.csv"; do
  tail -n +2 "$grants" | while IFS=, read -r principal resource_type pattern_type resource_name operation; do
    [ -n "$principal" ] || continue
    case "$resource_type" in
      TOPIC) resource=(--topic "$resource_name") ;;
      GROUP) resource=(--group "$resource_name") ;;
      TRANSACTIONAL_ID) resource=(--transactional-id "$resource_name") ;;
      CLUSTER) resource=(--cluster) ;;
      *) echo "setup.sh: unknown resource type $resource_type in $grants" >&2; exit 1 ;;
    esac
    "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$config" --add \
      --allow-principal "User:$principal" --operation "$(pascal "$operation")" \
      --resource-pattern-type "$(echo "$pattern_type" | tr '[:upper:]' '[:lower:]')" "${resource[@]}" > /dev/null
  done
done
echo "kafka-setup: $(tail -n +2 "$here/acls.csv" | cut -d, -f1 | sort -u | wc -l) logins and" \
  "$(( $(wc -l < "$here/acls.csv") + $(wc -l < "$here/compose-acls.csv") - 2 )) grants in place"
