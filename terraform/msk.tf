# The Kafka cluster. Topics are created by the kafka-topics stack from the topic catalog; the
# brokers never create a topic on their own.
#
# Clients authenticate with SASL/SCRAM-SHA-512 over TLS (port 9096), each as a principal of its
# own, and may do only what deploy/kafka/acls.csv grants that principal (the kafka-topics stack
# turns each row into an ACL). A principal with no ACL may do nothing.

locals {
  # The SCRAM principals (Kafka principal User:<name>): the four services, the operators' tools
  # (./ledgerstream reconcile, rebuild, check) and the kafka-topics stack, which creates the topics
  # and the ACLs. Each one's password is in its own secret (secrets.tf).
  kafka_principals = ["ingest-api", "stream-processors", "ledger-sink", "admin-api", "operator", "provisioner"]
}

resource "aws_msk_configuration" "ledger" {
  name           = "${local.name}-kafka"
  kafka_versions = [var.kafka_version]
  description    = "Ledgerstream broker settings"

  # Replication 3 with min.insync.replicas 2: an acks=all write survives the loss of one broker,
  # and the exactly-once stream processors' transaction log gets the same guarantee.
  # allow.everyone.if.no.acl.found=false: a resource no ACL names is closed to every principal
  # (MSK's default is true, which would leave e.g. an unlisted transactional id open to all).
  # kafka_acl_bootstrap flips it to true only for the first apply of the kafka-topics stack, when
  # no principal has an ACL yet (README.md, "Kafka principals and ACLs").
  server_properties = <<-PROPERTIES
    auto.create.topics.enable=false
    default.replication.factor=3
    min.insync.replicas=2
    num.partitions=6
    offsets.topic.replication.factor=3
    transaction.state.log.replication.factor=3
    transaction.state.log.min.isr=2
    unclean.leader.election.enable=false
    allow.everyone.if.no.acl.found=%{if var.kafka_acl_bootstrap}true%{else}false%{endif}
  PROPERTIES
}

# A warning on every plan while the ACL bootstrap is on: it must not stay on.
check "kafka_acls_enforced" {
  assert {
    condition     = var.kafka_acl_bootstrap == false
    error_message = "kafka_acl_bootstrap is true: principals without an ACL may do anything. Apply the kafka-topics stack, then apply this stack again with kafka_acl_bootstrap = false."
  }
}

resource "aws_cloudwatch_log_group" "kafka" {
  name              = "/ledgerstream/${var.environment}/kafka-brokers"
  retention_in_days = var.log_retention_days
}

resource "aws_msk_cluster" "ledger" {
  cluster_name           = local.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = var.kafka_broker_count

  broker_node_group_info {
    instance_type   = var.kafka_broker_instance_type
    client_subnets  = var.private_subnet_ids
    security_groups = [aws_security_group.kafka.id]

    storage_info {
      ebs_storage_info {
        volume_size = var.kafka_broker_volume_gib
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.ledger.arn
    revision = aws_msk_configuration.ledger.latest_revision
  }

  # The services' Kafka clients take KAFKA_BOOTSTRAP_SERVERS (the SASL/SCRAM brokers, port 9096),
  # KAFKA_SECURITY_PROTOCOL=SASL_SSL, KAFKA_SASL_MECHANISM=SCRAM-SHA-512, KAFKA_SASL_USERNAME (their
  # principal) and KAFKA_SASL_PASSWORD (from their secret) (main.tf). SCRAM only: no
  # unauthenticated clients, no plaintext listener; the brokers replicate over TLS.
  client_authentication {
    unauthenticated = false

    sasl {
      scram = true
    }
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  enhanced_monitoring = "PER_TOPIC_PER_BROKER"

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.kafka.name
      }
    }
  }
}

# The principals' credentials: MSK reads the username and password from each associated secret.
# This resource owns the cluster's whole list: a secret associated by hand is removed.
resource "aws_msk_scram_secret_association" "ledger" {
  cluster_arn     = aws_msk_cluster.ledger.arn
  secret_arn_list = [for principal in local.kafka_principals : aws_secretsmanager_secret.kafka[principal].arn]

  depends_on = [aws_secretsmanager_secret_version.kafka, aws_secretsmanager_secret_policy.kafka]
}
