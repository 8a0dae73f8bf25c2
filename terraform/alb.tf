# One load balancer in front of the two HTTP APIs. Only the API paths are routed; /health and
# /metrics stay inside the VPC.

locals {
  load_balanced_services = {
    "ingest-api" = { short_name = "ingest", priority = 10, paths = ["/api/crypto/*", "/api/v1/usage/*"] }
    "admin-api"  = { short_name = "admin", priority = 20, paths = ["/api/v1/admin/*"] }
  }
}

resource "aws_lb" "ledger" {
  name                       = local.name
  internal                   = var.load_balancer_internal
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.alb.id]
  subnets                    = var.load_balancer_internal ? var.private_subnet_ids : var.public_subnet_ids
  drop_invalid_header_fields = true
}

resource "aws_lb_target_group" "service" {
  for_each = local.load_balanced_services

  name        = "${local.name}-${each.value.short_name}"
  port        = local.service_ports[each.key]
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id

  # ingest-api finishes in-flight requests within 20 s of SIGTERM.
  deregistration_delay = 30

  # Liveness, as the containers' own check (ecs.tf): ECS also replaces a task that fails its target
  # group's check, and an outage of Kafka or PostgreSQL makes every task unready at once.
  health_check {
    path                = "/health"
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.ledger.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "application/json"
      status_code  = "404"
      message_body = "{\"status\":404,\"title\":\"Not Found\"}"
    }
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.ledger.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener_rule" "service" {
  for_each = local.load_balanced_services

  listener_arn = aws_lb_listener.https.arn
  priority     = each.value.priority

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.service[each.key].arn
  }

  condition {
    path_pattern {
      values = each.value.paths
    }
  }
}
