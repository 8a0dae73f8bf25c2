# The PostgreSQL 16 ledger (SPEC 6). ledger-sink connects as the master user, which owns the
# tables its Flyway migrations create; admin-api reads as a separate role without BYPASSRLS that
# deploy/postgres/reader-role.sql creates once (docs/operations.md, first deploy).

resource "aws_db_subnet_group" "ledger" {
  name       = "${local.name}-ledger"
  subnet_ids = var.private_subnet_ids
}

resource "aws_db_instance" "ledger" {
  identifier     = "${local.name}-ledger"
  engine         = "postgres"
  engine_version = "16"
  instance_class = var.db_instance_class
  db_name        = local.db_name

  allocated_storage     = var.db_allocated_storage_gib
  max_allocated_storage = var.db_max_allocated_storage_gib
  storage_type          = "gp3"
  storage_encrypted     = true

  # RDS generates the master password and keeps it in a Secrets Manager secret of its own
  # ({"username", "password"}), which ledger-sink's task reads; it never appears in this state.
  username                    = var.db_owner_username
  manage_master_user_password = true

  db_subnet_group_name   = aws_db_subnet_group.ledger.name
  vpc_security_group_ids = [aws_security_group.database.id]
  publicly_accessible    = false
  multi_az               = var.db_multi_az

  auto_minor_version_upgrade = true
  backup_retention_period    = 14
  copy_tags_to_snapshot      = true
  deletion_protection        = var.db_deletion_protection
  skip_final_snapshot        = false
  final_snapshot_identifier  = "${local.name}-ledger-final"

  performance_insights_enabled = true
}
