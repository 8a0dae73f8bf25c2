variable "bootstrap_servers" {
  description = "Kafka SASL/SCRAM bootstrap servers (port 9096): the main stack's kafka_bootstrap_brokers_sasl_scram output, split at the commas."
  type        = list(string)
}

variable "sasl_username" {
  description = "SCRAM principal this stack authenticates as: the main stack's provisioner, which holds the ACLs to create topics and ACLs (kafka_acl.provisioner)."
  type        = string
  default     = "provisioner"
}

variable "sasl_password" {
  description = "Password of sasl_username: the password key of the main stack's kafka_scram_secret_arns[\"provisioner\"] secret, e.g. passed as TF_VAR_sasl_password (README.md). Never stored in a plan or the state."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "replication_factor" {
  description = "Replicas of every topic; 3 with the brokers' min.insync.replicas 2 keeps acks=all writes safe when one broker is lost."
  type        = number
  default     = 3
}

variable "topic_partitions" {
  description = "Partitions of each catalog topic; every topic also gets its <name>.dlq.v<major> dead-letter topic with the same count. Mirrors dev.ledgerstream.schemas.Topics and must be kept in sync with it: deploy-checks fails the build when they differ. payments.ipn.v1, usage.finalizations.v1 and operator.actions.v1 must have the same count (they are co-partitioned by community, ADR 0011, 0015), equal to the main stack's stream_partitions."
  type        = map(number)
  default = {
    "payments.ipn.v1"            = 6
    "payments.ipn.quarantine.v1" = 3
    "usage.finalizations.v1"     = 6
    "operator.actions.v1"        = 6
    "ledger.payments.v1"         = 6
    "ledger.entries.v1"          = 6
    "ledger.usage-events.v1"     = 6
    "ledger.guard-violations.v1" = 6
    "ledger.operator-actions.v1" = 6
  }
}
