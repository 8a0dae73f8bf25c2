output "load_balancer_dns_name" {
  description = "DNS name of the load balancer; point the API's DNS record (the certificate's name) at it."
  value       = aws_lb.ledger.dns_name
}

output "ipn_webhook_path" {
  description = "Path of the NOWPayments IPN callback on the load balancer (https://<your domain><path>)."
  value       = "/api/crypto/webhook"
}

output "kafka_bootstrap_brokers" {
  description = "Plaintext bootstrap brokers of the MSK cluster (port 9092, inside the VPC): the bootstrap_servers input of the kafka-topics stack."
  value       = aws_msk_cluster.ledger.bootstrap_brokers
}

output "database_endpoint" {
  description = "host:port of the PostgreSQL ledger database."
  value       = aws_db_instance.ledger.endpoint
}

output "database_owner_secret_arn" {
  description = "ARN of the RDS-managed secret with the owner's (ledger-sink's) username and password; rotated by RDS."
  value       = aws_db_instance.ledger.master_user_secret[0].secret_arn
}

output "ecs_cluster_name" {
  description = "Name of the ECS cluster running the four services."
  value       = aws_ecs_cluster.ledger.name
}

output "ecr_repository_urls" {
  description = "ECR repository URL of each service image; push <url>:<image_tag> before applying a new image_tag."
  value       = { for name, repository in aws_ecr_repository.service : name => repository.repository_url }
}

output "secret_arns" {
  description = "Secrets Manager secrets of the services; those marked operator-written must be put before their service can start."
  value = {
    nowpayments_ipn_secret = aws_secretsmanager_secret.ipn.arn
    admin_database_login   = aws_secretsmanager_secret.admin_db.arn
    writer_database_login  = aws_secretsmanager_secret.writer_db.arn
    usage_jwt              = aws_secretsmanager_secret.usage_jwt.arn
    admin_jwt              = aws_secretsmanager_secret.admin_jwt.arn
  }
}

output "service_log_groups" {
  description = "CloudWatch log group of each service."
  value       = { for name, group in aws_cloudwatch_log_group.service : name => group.name }
}

output "alarm_topic_arn" {
  description = "SNS topic that every alarm notifies; subscribe the on-call pager to it."
  value       = aws_sns_topic.alarms.arn
}

output "guard_alarm_names" {
  description = "The two conservation guard alarms: the 10-second metric alarm and its log-based backstop."
  value = [
    aws_cloudwatch_metric_alarm.conservation_guard_failures.alarm_name,
    aws_cloudwatch_metric_alarm.conservation_guard_violation_log_lines.alarm_name,
  ]
}
