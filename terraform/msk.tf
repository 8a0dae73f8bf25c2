# The Kafka cluster. Topics are created by the kafka-topics stack from the topic catalog; the
# brokers never create a topic on their own.

resource "aws_msk_configuration" "ledger" {
  name           = "${local.name}-kafka"
  kafka_versions = [var.kafka_version]
  description    = "Ledgerstream broker settings"

  # Replication 3 with min.insync.replicas 2: an acks=all write survives the loss of one broker,
  # and the exactly-once stream processors' transaction log gets the same guarantee.
  server_properties = <<-PROPERTIES
    auto.create.topics.enable=false
    default.replication.factor=3
    min.insync.replicas=2
    num.partitions=6
    offsets.topic.replication.factor=3
    transaction.state.log.replication.factor=3
    transaction.state.log.min.isr=2
    unclean.leader.election.enable=false
  PROPERTIES
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

  # The services' Kafka clients take only KAFKA_BOOTSTRAP_SERVERS (SPEC 9): no TLS or SASL
  # settings yet. They connect in plaintext on 9092 inside the VPC, limited by the security group;
  # brokers replicate over TLS. Client TLS/IAM needs the services to accept client properties first.
  client_authentication {
    unauthenticated = true
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS_PLAINTEXT"
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
