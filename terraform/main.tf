# Ledgerstream production stack: MSK (msk.tf), RDS PostgreSQL (rds.tf), Secrets Manager
# (secrets.tf), the four services on ECS Fargate (ecs.tf) behind a load balancer (alb.tf), and the
# conservation guard alarm (monitoring.tf). Topics are a separate stack, kafka-topics/, applied
# from inside the VPC once the cluster exists. Procedures: docs/operations.md.

locals {
  name    = "ledgerstream-${var.environment}"
  db_name = "ledgerstream"

  # The four services and their HTTP port (API, /health, /health/ready, /metrics), SPEC 2 and 9.
  service_ports = {
    "ingest-api"        = 8080
    "admin-api"         = 8081
    "stream-processors" = 8082
    "ledger-sink"       = 8083
  }

  jdbc_url = "jdbc:postgresql://${aws_db_instance.ledger.address}:${aws_db_instance.ledger.port}/${local.db_name}?sslmode=require"

  # Plain environment variables of each service: only variables its application reads (SPEC 9,
  # its <module>.yml); deploy-checks verifies the names. Its Kafka login is in kafka_client_* below.
  service_environment = {
    "ingest-api" = {
      INGEST_PORT             = "8080"
      KAFKA_BOOTSTRAP_SERVERS = aws_msk_cluster.ledger.bootstrap_brokers_sasl_scram
    }
    "stream-processors" = {
      STREAM_PORT                         = "8082"
      KAFKA_BOOTSTRAP_SERVERS             = aws_msk_cluster.ledger.bootstrap_brokers_sasl_scram
      LOT_TTL_DAYS                        = tostring(var.lot_ttl_days)
      LEDGERSTREAM_STREAM_APPLICATIONID   = var.stream_application_id
      LEDGERSTREAM_STREAM_PARTITIONS      = tostring(var.stream_partitions)
      LEDGERSTREAM_STREAM_STANDBYREPLICAS = tostring(var.stream_standby_replicas)
    }
    "ledger-sink" = {
      SINK_PORT               = "8083"
      KAFKA_BOOTSTRAP_SERVERS = aws_msk_cluster.ledger.bootstrap_brokers_sasl_scram
      DATABASE_URL            = local.jdbc_url
    }
    # Kafka for operators' actions (POST /api/v1/admin/actions, SPEC 5.5).
    "admin-api" = {
      ADMIN_PORT              = "8081"
      KAFKA_BOOTSTRAP_SERVERS = aws_msk_cluster.ledger.bootstrap_brokers_sasl_scram
      DATABASE_URL            = local.jdbc_url
    }
  }

  # Secrets of each service, injected by ECS at task start: variable => Secrets Manager secret
  # (ARN, or ARN:json-key:: for one key of a JSON secret). Each task's execution role may read
  # exactly these and its Kafka password (ecs.tf).
  service_secrets = {
    "ingest-api" = {
      NOWPAYMENTS_IPN_SECRET = aws_secretsmanager_secret.ipn.arn
      USAGE_JWKS_URL         = "${aws_secretsmanager_secret.usage_jwt.arn}:jwks_url::"
      USAGE_JWT_ISSUER       = "${aws_secretsmanager_secret.usage_jwt.arn}:issuer::"
      USAGE_JWT_AUDIENCE     = "${aws_secretsmanager_secret.usage_jwt.arn}:audience::"
    }
    "stream-processors" = {}
    # The owner only migrates; the sink writes as the write login (deploy/postgres/writer-role.sql).
    "ledger-sink" = {
      DATABASE_USER            = "${aws_db_instance.ledger.master_user_secret[0].secret_arn}:username::"
      DATABASE_PASSWORD        = "${aws_db_instance.ledger.master_user_secret[0].secret_arn}:password::"
      DATABASE_WRITER_USER     = "${aws_secretsmanager_secret.writer_db.arn}:username::"
      DATABASE_WRITER_PASSWORD = "${aws_secretsmanager_secret.writer_db.arn}:password::"
    }
    "admin-api" = {
      DATABASE_USER      = "${aws_secretsmanager_secret.admin_db.arn}:username::"
      DATABASE_PASSWORD  = "${aws_secretsmanager_secret.admin_db.arn}:password::"
      ADMIN_JWKS_URL     = "${aws_secretsmanager_secret.admin_jwt.arn}:jwks_url::"
      ADMIN_JWT_ISSUER   = "${aws_secretsmanager_secret.admin_jwt.arn}:issuer::"
      ADMIN_JWT_AUDIENCE = "${aws_secretsmanager_secret.admin_jwt.arn}:audience::"
    }
  }

  # The Kafka login of each service: SASL/SCRAM-SHA-512 over TLS as its own principal (msk.tf), the
  # password from the principal's secret (secrets.tf). Every service reads these four variables
  # through service-kit's KafkaClientSecurity, not through its <module>.yml, so they are kept apart
  # from service_environment and service_secrets; ecs.tf adds them to each container.
  kafka_client_environment = {
    "ingest-api" = {
      KAFKA_SECURITY_PROTOCOL = "SASL_SSL"
      KAFKA_SASL_MECHANISM    = "SCRAM-SHA-512"
      KAFKA_SASL_USERNAME     = "ingest-api"
    }
    "stream-processors" = {
      KAFKA_SECURITY_PROTOCOL = "SASL_SSL"
      KAFKA_SASL_MECHANISM    = "SCRAM-SHA-512"
      KAFKA_SASL_USERNAME     = "stream-processors"
    }
    "ledger-sink" = {
      KAFKA_SECURITY_PROTOCOL = "SASL_SSL"
      KAFKA_SASL_MECHANISM    = "SCRAM-SHA-512"
      KAFKA_SASL_USERNAME     = "ledger-sink"
    }
    "admin-api" = {
      KAFKA_SECURITY_PROTOCOL = "SASL_SSL"
      KAFKA_SASL_MECHANISM    = "SCRAM-SHA-512"
      KAFKA_SASL_USERNAME     = "admin-api"
    }
  }
  kafka_client_secrets = {
    "ingest-api"        = { KAFKA_SASL_PASSWORD = format("%s:password::", aws_secretsmanager_secret.kafka["ingest-api"].arn) }
    "stream-processors" = { KAFKA_SASL_PASSWORD = format("%s:password::", aws_secretsmanager_secret.kafka["stream-processors"].arn) }
    "ledger-sink"       = { KAFKA_SASL_PASSWORD = format("%s:password::", aws_secretsmanager_secret.kafka["ledger-sink"].arn) }
    "admin-api"         = { KAFKA_SASL_PASSWORD = format("%s:password::", aws_secretsmanager_secret.kafka["admin-api"].arn) }
  }

  # The services that use PostgreSQL (those given DATABASE_URL): only they reach the database.
  database_clients = ["ledger-sink", "admin-api"]

  # Seconds a task gets between SIGTERM and SIGKILL: the services' graceful shutdown (ingest 20 s,
  # stream-processors closing Kafka Streams in up to 40 s) plus a margin. Fargate allows 120 s.
  service_stop_timeouts = {
    "ingest-api"        = 30
    "admin-api"         = 30
    "stream-processors" = 60
    "ledger-sink"       = 30
  }
}

# --- Images --------------------------------------------------------------------------------------

resource "aws_ecr_repository" "service" {
  for_each = local.service_ports

  name                 = "ledgerstream/${each.key}"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

# --- Security groups -----------------------------------------------------------------------------

resource "aws_security_group" "alb" {
  name        = "${local.name}-alb"
  description = "Ledgerstream load balancer: HTTPS from the allowed senders and dashboards"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  for_each = toset(var.allowed_ingress_cidrs)

  security_group_id = aws_security_group.alb.id
  description       = "HTTPS"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  for_each = toset(var.allowed_ingress_cidrs)

  security_group_id = aws_security_group.alb.id
  description       = "HTTP, redirected to HTTPS"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

resource "aws_vpc_security_group_egress_rule" "alb_to_services" {
  for_each = local.load_balanced_services

  security_group_id            = aws_security_group.alb.id
  description                  = "To ${each.key}"
  referenced_security_group_id = aws_security_group.service[each.key].id
  ip_protocol                  = "tcp"
  from_port                    = local.service_ports[each.key]
  to_port                      = local.service_ports[each.key]
}

# One group per service, so that Kafka, the database and the load balancer admit each service only
# as far as it needs them: all four reach Kafka, only the database clients reach PostgreSQL, and
# the load balancer reaches only the services it routes to (alb.tf).
resource "aws_security_group" "service" {
  for_each = local.service_ports

  name        = "${local.name}-${each.key}"
  description = "Ledgerstream ${each.key} ECS tasks"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "services_from_alb" {
  for_each = local.load_balanced_services

  security_group_id            = aws_security_group.service[each.key].id
  description                  = "${each.key} from the load balancer"
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = local.service_ports[each.key]
  to_port                      = local.service_ports[each.key]
}

resource "aws_vpc_security_group_egress_rule" "service_https" {
  for_each = local.service_ports

  security_group_id = aws_security_group.service[each.key].id
  description       = "HTTPS: JWKS endpoints, the payment provider, Secrets Manager, ECR, CloudWatch"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "service_to_kafka" {
  for_each = local.service_ports

  security_group_id            = aws_security_group.service[each.key].id
  description                  = "Kafka, SASL/SCRAM over TLS"
  referenced_security_group_id = aws_security_group.kafka.id
  ip_protocol                  = "tcp"
  from_port                    = 9096
  to_port                      = 9096
}

resource "aws_vpc_security_group_egress_rule" "service_to_database" {
  for_each = toset(local.database_clients)

  security_group_id            = aws_security_group.service[each.key].id
  description                  = "PostgreSQL"
  referenced_security_group_id = aws_security_group.database.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_security_group" "kafka" {
  name        = "${local.name}-kafka"
  description = "Ledgerstream MSK brokers"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "kafka_from_services" {
  for_each = local.service_ports

  security_group_id            = aws_security_group.kafka.id
  description                  = "Kafka client ${each.key}, SASL/SCRAM over TLS"
  referenced_security_group_id = aws_security_group.service[each.key].id
  ip_protocol                  = "tcp"
  from_port                    = 9096
  to_port                      = 9096
}

resource "aws_vpc_security_group_ingress_rule" "kafka_from_admins" {
  for_each = toset(var.kafka_admin_cidrs)

  security_group_id = aws_security_group.kafka.id
  description       = "kafka-topics stack (provisioner) and operator tools (operator), SASL/SCRAM over TLS"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 9096
  to_port           = 9096
}

resource "aws_security_group" "database" {
  name        = "${local.name}-database"
  description = "Ledgerstream PostgreSQL"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "database_from_services" {
  for_each = toset(local.database_clients)

  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL client ${each.key}"
  referenced_security_group_id = aws_security_group.service[each.key].id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}
