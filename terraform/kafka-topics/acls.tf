# The ACLs. The brokers refuse a principal anything no ACL grants it
# (allow.everyone.if.no.acl.found=false, main stack msk.tf). Each principal is a SCRAM user of the
# main stack (its kafka_principals); this stack authenticates as the provisioner (versions.tf).

locals {
  # Kafka's enum names, as deploy/kafka/acls.csv writes them, to the names the provider takes. A
  # name missing here fails the plan ("invalid index") instead of granting something else.
  acl_resource_types = {
    TOPIC            = "Topic"
    GROUP            = "Group"
    CLUSTER          = "Cluster"
    TRANSACTIONAL_ID = "TransactionalID"
  }
  acl_pattern_types = {
    LITERAL  = "Literal"
    PREFIXED = "Prefixed"
  }
  acl_operations = {
    ALL              = "All"
    READ             = "Read"
    WRITE            = "Write"
    CREATE           = "Create"
    DELETE           = "Delete"
    ALTER            = "Alter"
    DESCRIBE         = "Describe"
    DESCRIBE_CONFIGS = "DescribeConfigs"
    ALTER_CONFIGS    = "AlterConfigs"
    IDEMPOTENT_WRITE = "IdempotentWrite"
  }

  # What this stack's own principal needs: create and configure topics, and manage ACLs (Alter on
  # the cluster). Not ClusterAction, which is the brokers' own. MSK has no super.users: these ACLs
  # are bootstrapped once with the main stack's kafka_acl_bootstrap (README.md).
  provisioner_grants = {
    "cluster-alter"            = { resource_type = "Cluster", resource_name = "kafka-cluster", operation = "Alter" }
    "cluster-alter-configs"    = { resource_type = "Cluster", resource_name = "kafka-cluster", operation = "AlterConfigs" }
    "cluster-create"           = { resource_type = "Cluster", resource_name = "kafka-cluster", operation = "Create" }
    "cluster-describe"         = { resource_type = "Cluster", resource_name = "kafka-cluster", operation = "Describe" }
    "cluster-describe-configs" = { resource_type = "Cluster", resource_name = "kafka-cluster", operation = "DescribeConfigs" }
    "topics-all"               = { resource_type = "Topic", resource_name = "*", operation = "All" }
  }
}

# Created first: every other ACL and topic depends on them. Never destroyed by this stack, which
# would lock itself out (re-bootstrap with kafka_acl_bootstrap then).
resource "kafka_acl" "provisioner" {
  for_each = local.provisioner_grants

  acl_principal                = "User:${var.sasl_username}"
  acl_host                     = "*"
  acl_operation                = each.value.operation
  acl_permission_type          = "Allow"
  resource_type                = each.value.resource_type
  resource_name                = each.value.resource_name
  resource_pattern_type_filter = "Literal"

  lifecycle {
    prevent_destroy = true
  }
}

# The grants of the services and the operators' tools: one ACL per row of deploy/kafka/acls.csv, the
# list docker compose and the build's tests use too. Change that file, not this block.
resource "kafka_acl" "service" {
  for_each = {
    for grant in csvdecode(file("${path.module}/../../deploy/kafka/acls.csv")) :
    join(",", [grant.principal, grant.resource_type, grant.pattern_type, grant.resource_name, grant.operation]) => grant
  }

  acl_principal                = format("User:%s", each.value.principal)
  acl_host                     = "*"
  acl_operation                = local.acl_operations[each.value.operation]
  acl_permission_type          = "Allow"
  resource_type                = local.acl_resource_types[each.value.resource_type]
  resource_name                = each.value.resource_name
  resource_pattern_type_filter = local.acl_pattern_types[each.value.pattern_type]

  depends_on = [kafka_acl.provisioner]
}
