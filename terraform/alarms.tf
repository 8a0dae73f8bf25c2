# --- The other alerts of deploy/prometheus/alerts.yml --------------------------------------------
#
# Each rule whose condition is one metric against a threshold is an alarm here, on the metric the
# collectors write (deploy-checks compares the names with alerts.yml). The rules that compare two
# series (the webhook failure ratio, polls failing while none succeed) or the time since a run
# (ReconciliationStale) are not alarms on AWS yet; docs/operations.md says so.

locals {
  # The rules that are one metric against a threshold, by alert name.
  metric_alarms = {
    "DeadLetters" = {
      metric      = "ledger_dead_letters_total", dimensions = tomap({}), statistic = "Sum", period = 60, periods = 1, threshold = 0
      description = "A record went to a dead-letter topic. Runbook: docs/operations.md, Alerts beyond the guard."
    }
    "SinkRejects" = {
      metric      = "ledger_sink_rejects_total", dimensions = tomap({}), statistic = "Sum", period = 60, periods = 1, threshold = 0
      description = "PostgreSQL refused a ledger record. Runbook: docs/operations.md, Alerts beyond the guard."
    }
    "QuarantinedIpnsRising" = {
      metric      = "ingest_ipn_quarantined_total", dimensions = tomap({}), statistic = "Sum", period = 1800, periods = 1, threshold = 3
      description = "More than 3 validly signed IPNs quarantined in 30 minutes. Runbook: docs/operations.md, Alerts beyond the guard."
    }
    "JwksUnreachableIngest" = {
      metric      = "ingest_token_rejections_total", dimensions = tomap({ reason = "jwks_unavailable" }), statistic = "Sum", period = 300, periods = 1, threshold = 0
      description = "A usage token was refused because USAGE_JWKS_URL did not answer. Runbook: docs/operations.md, Alerts beyond the guard."
    }
    "JwksUnreachableAdmin" = {
      metric      = "admin_token_rejections_total", dimensions = tomap({ reason = "jwks_unavailable" }), statistic = "Sum", period = 300, periods = 1, threshold = 0
      description = "An admin token was refused because ADMIN_JWKS_URL did not answer. Runbook: docs/operations.md, Alerts beyond the guard."
    }
    "SinkLag" = {
      metric      = "ledger_sink_consumer_lag", dimensions = tomap({}), statistic = "Maximum", period = 60, periods = 10, threshold = 10000
      description = "The sink is over 10,000 records behind a ledger topic for 10 minutes. Runbook: docs/operations.md, Alerts beyond the guard."
    }
    "StreamLag" = {
      metric      = "kafka_consumer_fetch_manager_records_lag_max", dimensions = tomap({}), statistic = "Maximum", period = 60, periods = 10, threshold = 10000
      description = "The stream processors are over 10,000 records behind for 10 minutes. Runbook: docs/operations.md, Alerts beyond the guard."
    }
    "PaymentStatusMismatch" = {
      metric      = "ingest_payment_polls_total", dimensions = tomap({ result = "mismatched" }), statistic = "Sum", period = 3600, periods = 1, threshold = 0
      description = "The stuck-payment recovery refused a status answer of the provider. Runbook: docs/operations.md, Stuck payments."
    }
    "ReconciliationDifferences" = {
      metric      = "ledger_reconciliation_differences", dimensions = tomap({}), statistic = "Maximum", period = 300, periods = 1, threshold = 0
      description = "The latest reconciliation found differences. Runbook: docs/operations.md, Replay and reconcile."
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "metric" {
  for_each = local.metric_alarms

  alarm_name        = format("%s-%s", local.name, each.key)
  alarm_description = each.value.description

  namespace   = var.metrics_namespace
  metric_name = each.value.metric
  dimensions  = each.value.dimensions
  statistic   = each.value.statistic

  period              = each.value.period
  evaluation_periods  = each.value.periods
  datapoints_to_alarm = each.value.periods
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
}

# ServiceDown: a service with no running task for a minute (Container Insights, enabled on the cluster).
resource "aws_cloudwatch_metric_alarm" "service_down" {
  for_each = local.service_ports

  alarm_name        = format("%s-ServiceDown-%s", local.name, each.key)
  alarm_description = format("%s has no running task. Runbook: docs/operations.md, Alerts beyond the guard.", each.key)

  namespace   = "ECS/ContainerInsights"
  metric_name = "RunningTaskCount"
  dimensions  = { ClusterName = aws_ecs_cluster.ledger.name, ServiceName = each.key }
  statistic   = "Minimum"

  period              = 60
  evaluation_periods  = 1
  datapoints_to_alarm = 1
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"

  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
}

# IngestServerErrors: over 5 % of the ingest API's answers are 5xx for 5 minutes, from the load balancer.
resource "aws_cloudwatch_metric_alarm" "ingest_server_errors" {
  alarm_name          = format("%s-IngestServerErrors", local.name)
  alarm_description   = "Over 5 % of the ingest API's answers are 5xx for 5 minutes. Runbook: docs/operations.md, Alerts beyond the guard."
  evaluation_periods  = 5
  datapoints_to_alarm = 5
  threshold           = 0.05
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  metric_query {
    id          = "ratio"
    expression  = "errors / MAX([requests, 1])"
    label       = "5xx share"
    return_data = true
  }

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      dimensions  = { LoadBalancer = aws_lb.ledger.arn_suffix, TargetGroup = aws_lb_target_group.service["ingest-api"].arn_suffix }
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      dimensions  = { LoadBalancer = aws_lb.ledger.arn_suffix, TargetGroup = aws_lb_target_group.service["ingest-api"].arn_suffix }
      period      = 60
      stat        = "Sum"
    }
  }

  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
}
