# Alarms go to one SNS topic. The conservation guard (SPEC 5.4) is watched on two independent
# paths, so that one broken link does not silence it (docs/operations.md, "Respond to a guard
# alert", explains both):
#
# 1. Metric, within about 30 s: the metrics collector beside stream-processors (there is one beside
#    every service) scrapes /metrics
#    every 10 s and writes conservation_guard_failures_total to CloudWatch as a 1-second
#    (high-resolution) metric through embedded metric format; the alarm evaluates 10-second
#    periods, one breaching period fires it. Worst case: scrape 10 s + EMF delivery (seconds)
#    + one period 10 s, well within 60 s.
# 2. Log line, within about two minutes: every violation is also one JSON log line
#    ("event":"conservation_guard_violation") in stream-processors' log group; a metric filter
#    counts them into a standard-resolution metric with its own 60-second alarm. It needs no
#    collector, so it still fires if the collector is down or its configuration is rejected.

resource "aws_sns_topic" "alarms" {
  name = "${local.name}-alarms"
}

resource "aws_sns_topic_subscription" "alarm_email" {
  count = var.alarm_email == "" ? 0 : 1

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# --- Path 1: Prometheus metrics into CloudWatch --------------------------------------------------

resource "aws_cloudwatch_log_group" "metrics" {
  name              = "/ledgerstream/${var.environment}/metrics"
  retention_in_days = 14
}

locals {
  # The metrics every collector writes to CloudWatch, with the label sets kept as dimensions: the
  # guard's, and those of the alarms below (each mirrors a rule of deploy/prometheus/alerts.yml).
  # Some collector versions drop the _total suffix of Prometheus counters; the names are pinned.
  collector_metrics = [
    { name = "conservation_guard_failures_total", dimensions = [[], ["invariant"]] },
    { name = "conservation_guard_checks_total", dimensions = [[], ["result"]] },
    { name = "ledger_dead_letters_total", dimensions = [[], ["source", "stage"]] },
    { name = "ledger_sink_rejects_total", dimensions = [[]] },
    { name = "ledger_sink_consumer_lag", dimensions = [[]] },
    { name = "kafka_consumer_fetch_manager_records_lag_max", dimensions = [[]] },
    { name = "ingest_ipn_quarantined_total", dimensions = [[]] },
    { name = "ingest_token_rejections_total", dimensions = [["reason"]] },
    { name = "admin_token_rejections_total", dimensions = [["reason"]] },
    { name = "ingest_payment_polls_total", dimensions = [["result"]] },
    { name = "ledger_reconciliation_differences", dimensions = [[]] },
  ]

  # Configuration of the AWS Distro for OpenTelemetry collector (AOT_CONFIG_CONTENT) beside each
  # service: it scrapes that service's /metrics every 10 s.
  metrics_collector_config = {
    for name, port in local.service_ports : name => yamlencode({
      receivers = {
        prometheus = {
          config = {
            scrape_configs = [{
              job_name        = name
              scrape_interval = "10s"
              scrape_timeout  = "5s"
              metrics_path    = "/metrics"
              static_configs  = [{ targets = [format("localhost:%d", port)] }]
            }]
          }
        }
      }
      processors = {
        # {TaskId} in the log stream name comes from the ECS task metadata.
        resourcedetection = { detectors = ["env", "ecs"] }
        metricstransform = {
          transforms = [
            for metric in local.collector_metrics : {
              include = format("^%s$", replace(metric.name, "_total", "(_total)?")), match_type = "regexp",
              action  = "update", new_name = metric.name
            }
          ]
        }
      }
      exporters = {
        awsemf = {
          namespace               = var.metrics_namespace
          log_group_name          = aws_cloudwatch_log_group.metrics.name
          log_stream_name         = format("%s/{TaskId}", name)
          dimension_rollup_option = "NoDimensionRollup"
          # Counters are sent as deltas; without this the first value of a series is dropped, and
          # a failure counter is created at 1 by its first failure.
          retain_initial_value_of_delta_metric = true
          metric_declarations = [
            for metric in local.collector_metrics : {
              dimensions = metric.dimensions, metric_name_selectors = [format("^%s$", metric.name)]
            }
          ]
          metric_descriptors = [
            { metric_name = "conservation_guard_failures_total", unit = "Count", overwrite = true, storage_resolution = 1 },
          ]
        }
      }
      service = {
        pipelines = {
          metrics = {
            receivers  = ["prometheus"]
            processors = ["resourcedetection", "metricstransform"]
            exporters  = ["awsemf"]
          }
        }
      }
    })
  }
}

resource "aws_cloudwatch_metric_alarm" "conservation_guard_failures" {
  alarm_name        = "${local.name}-conservation-guard-failures"
  alarm_description = "conservation_guard_failures_total increased: a ledger invariant failed (SPEC 5.4). Runbook: docs/operations.md, Respond to a guard alert."

  namespace   = var.metrics_namespace
  metric_name = "conservation_guard_failures_total"
  statistic   = "Sum"

  # 10-second periods on the 1-second metric; one breaching period fires the alarm.
  period              = 10
  evaluation_periods  = 1
  datapoints_to_alarm = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
}

# --- Path 2: the JSON log line -------------------------------------------------------------------

resource "aws_cloudwatch_log_metric_filter" "conservation_guard_violations" {
  name           = "${local.name}-conservation-guard-violations"
  log_group_name = aws_cloudwatch_log_group.service["stream-processors"].name
  pattern        = "{ $.event = \"conservation_guard_violation\" }"

  metric_transformation {
    name      = "conservation_guard_violation_log_lines"
    namespace = var.metrics_namespace
    value     = "1"
    unit      = "Count"
  }
}

resource "aws_cloudwatch_metric_alarm" "conservation_guard_violation_log_lines" {
  alarm_name        = "${local.name}-conservation-guard-violation-log-lines"
  alarm_description = "stream-processors logged a conservation_guard_violation line (backstop of the conservation_guard_failures_total alarm). Runbook: docs/operations.md, Respond to a guard alert."

  namespace   = var.metrics_namespace
  metric_name = aws_cloudwatch_log_metric_filter.conservation_guard_violations.metric_transformation[0].name
  statistic   = "Sum"

  period              = 60
  evaluation_periods  = 1
  datapoints_to_alarm = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
}
