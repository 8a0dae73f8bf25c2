# Secrets Manager: what the services read at task start (ECS container secrets). Secret values
# that are real secrets are never written by Terraform, so they never enter its state: the IPN
# secret and the admin database login are put by an operator (docs/operations.md). The JWT
# settings are not secret, but living here lets them change without a new task definition.

resource "aws_secretsmanager_secret" "ipn" {
  name        = "${local.name}/nowpayments-ipn-secret"
  description = "NOWPAYMENTS_IPN_SECRET: HMAC key of NOWPayments IPNs (plain string). Put by an operator; rotation: docs/operations.md."
}

resource "aws_secretsmanager_secret" "usage_jwt" {
  name        = "${local.name}/usage-jwt"
  description = "Usage publishers' token settings for ingest-api: JSON {jwks_url, issuer, audience}."
}

resource "aws_secretsmanager_secret_version" "usage_jwt" {
  secret_id = aws_secretsmanager_secret.usage_jwt.id
  secret_string = jsonencode({
    jwks_url = var.usage_jwks_url
    issuer   = var.usage_jwt_issuer
    audience = var.usage_jwt_audience
  })
}

resource "aws_secretsmanager_secret" "admin_jwt" {
  name        = "${local.name}/admin-jwt"
  description = "Admin tokens' settings for admin-api: JSON {jwks_url, issuer, audience}."
}

resource "aws_secretsmanager_secret_version" "admin_jwt" {
  secret_id = aws_secretsmanager_secret.admin_jwt.id
  secret_string = jsonencode({
    jwks_url = var.admin_jwks_url
    issuer   = var.admin_jwt_issuer
    audience = var.admin_jwt_audience
  })
}

resource "aws_secretsmanager_secret" "admin_db" {
  name        = "${local.name}/admin-database-login"
  description = "admin-api's read-only database login: JSON {username, password} of the role that deploy/postgres/reader-role.sql creates. Put by an operator."
}

resource "aws_secretsmanager_secret" "writer_db" {
  name        = "${local.name}/writer-database-login"
  description = "ledger-sink's write login (ledger_writer only, not the owner): JSON {username, password} of the role that deploy/postgres/writer-role.sql creates. Put by an operator."
}
