# The four services on ECS Fargate, one task definition and one service each. Every container has
# a health check on /health (liveness: the process answers); ECS replaces a task whose check fails,
# and a deployment whose tasks never get healthy is rolled back. Not /health/ready: during a Kafka
# or PostgreSQL outage every task is unready, and replacing them would only add restarts to the
# outage; the services wait it out themselves (ingest answers 503 with Retry-After, the sink and
# the stream processors retry) and /health/ready is for alerts and operators.

resource "aws_ecs_cluster" "ledger" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "service" {
  for_each = local.service_ports

  name              = "/ledgerstream/${var.environment}/${each.key}"
  retention_in_days = var.log_retention_days
}

# --- IAM -----------------------------------------------------------------------------------------

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# Used by ECS itself: pull images, write logs, read the container secrets. One role per service,
# which may read exactly the secrets of that service's container (service_secret_arns below): a
# service's task cannot read another principal's Kafka password or another service's database login.
resource "aws_iam_role" "execution" {
  for_each = local.service_ports

  name               = "${local.name}-${each.key}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy_attachment" "execution" {
  for_each = local.service_ports

  role       = aws_iam_role.execution[each.key].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "read_service_secrets" {
  for_each = local.service_ports

  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = local.service_secret_arns[each.key]
  }

  # The Kafka secrets are encrypted with a key of our own (MSK requires it); decrypting through
  # Secrets Manager only.
  statement {
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.kafka_scram.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${var.aws_region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "execution_secrets" {
  for_each = local.service_ports

  name   = "read-service-secrets"
  role   = aws_iam_role.execution[each.key].id
  policy = data.aws_iam_policy_document.read_service_secrets[each.key].json
}

# Used by the applications: they call no AWS API.
resource "aws_iam_role" "service" {
  name               = "${local.name}-service"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

# stream-processors' task also runs the metrics collector, which writes EMF log events.
resource "aws_iam_role" "stream_processors" {
  name               = "${local.name}-stream-processors"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "write_metrics" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.metrics.arn}:*"]
  }
}

resource "aws_iam_role_policy" "stream_processors_metrics" {
  name   = "write-metrics"
  role   = aws_iam_role.stream_processors.id
  policy = data.aws_iam_policy_document.write_metrics.json
}

# Every service's metrics collector writes to the metrics log group (monitoring.tf).
resource "aws_iam_role_policy" "service_metrics" {
  name   = "write-metrics"
  role   = aws_iam_role.service.id
  policy = data.aws_iam_policy_document.write_metrics.json
}

# --- Task definitions ----------------------------------------------------------------------------

locals {
  # The secrets each service's container gets (main.tf service_secrets and kafka_client_secrets),
  # by ARN: all that its execution role may read (read_service_secrets above).
  service_secret_arns = {
    "ingest-api" = [
      aws_secretsmanager_secret.ipn.arn,
      aws_secretsmanager_secret.usage_jwt.arn,
      aws_secretsmanager_secret.kafka["ingest-api"].arn,
    ]
    "stream-processors" = [
      aws_secretsmanager_secret.kafka["stream-processors"].arn,
    ]
    "ledger-sink" = [
      aws_db_instance.ledger.master_user_secret[0].secret_arn,
      aws_secretsmanager_secret.writer_db.arn,
      aws_secretsmanager_secret.kafka["ledger-sink"].arn,
    ]
    "admin-api" = [
      aws_secretsmanager_secret.admin_db.arn,
      aws_secretsmanager_secret.admin_jwt.arn,
      aws_secretsmanager_secret.kafka["admin-api"].arn,
    ]
  }

  service_containers = {
    for name, port in local.service_ports : name => {
      name         = name
      image        = format("%s:%s", aws_ecr_repository.service[name].repository_url, var.image_tag)
      essential    = true
      portMappings = [{ containerPort = port, protocol = "tcp" }]
      environment = [
        for key, value in merge(local.service_environment[name], local.kafka_client_environment[name]) : { name = key, value = value }
      ]
      secrets = [
        for key, value in merge(local.service_secrets[name], local.kafka_client_secrets[name]) : { name = key, valueFrom = value }
      ]
      healthCheck = {
        command     = ["CMD-SHELL", format("curl -fsS -o /dev/null http://localhost:%d/health || exit 1", port)]
        interval    = 15
        timeout     = 5
        retries     = 3
        startPeriod = 90
      }
      stopTimeout = local.service_stop_timeouts[name]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.service[name].name
          awslogs-region        = var.aws_region
          awslogs-stream-prefix = name
        }
      }
    }
  }

  # The metrics collector beside each service (monitoring.tf). Not essential: if it fails, the
  # service keeps running, and the log-based guard alarm still works without it.
  metrics_collector_containers = {
    for name, port in local.service_ports : name => {
      name        = "metrics-collector"
      image       = var.adot_collector_image
      essential   = false
      environment = [{ name = "AOT_CONFIG_CONTENT", value = local.metrics_collector_config[name] }]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.service[name].name
          awslogs-region        = var.aws_region
          awslogs-stream-prefix = "metrics-collector"
        }
      }
    }
  }
}

resource "aws_ecs_task_definition" "service" {
  for_each = local.service_ports

  family                   = "${local.name}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.services[each.key].cpu
  memory                   = var.services[each.key].memory
  execution_role_arn       = aws_iam_role.execution[each.key].arn
  task_role_arn            = each.key == "stream-processors" ? aws_iam_role.stream_processors.arn : aws_iam_role.service.arn

  # The images are built on x86_64 build machines (deploy/Dockerfile).
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([local.service_containers[each.key], local.metrics_collector_containers[each.key]])
}

# --- Services ------------------------------------------------------------------------------------

resource "aws_ecs_service" "service" {
  for_each = local.service_ports

  name                    = each.key
  cluster                 = aws_ecs_cluster.ledger.id
  task_definition         = aws_ecs_task_definition.service[each.key].arn
  desired_count           = var.services[each.key].desired_count
  launch_type             = "FARGATE"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true

  # Start the new tasks before stopping old ones; Kafka consumer groups and Kafka Streams
  # rebalance the partitions over the change.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = contains(keys(local.load_balanced_services), each.key) ? 120 : null

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.service[each.key].id]
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = contains(keys(local.load_balanced_services), each.key) ? [each.key] : []

    content {
      target_group_arn = aws_lb_target_group.service[load_balancer.value].arn
      container_name   = load_balancer.value
      container_port   = local.service_ports[load_balancer.value]
    }
  }

  depends_on = [aws_lb_listener.https, aws_iam_role_policy.execution_secrets]
}
