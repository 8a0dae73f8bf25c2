# The catalog's topics (SPEC 4, dev.ledgerstream.schemas.Topics), each with its dead-letter topic,
# plus the dead-letter topic of the stream processors' internal topics: the same set that
# TopicProvisioning creates in local mode and tests. The Kafka Streams application creates its own
# repartition and changelog topics. Adding partitions later re-hashes keys: see
# docs/operations.md, "Scale by partitions", before changing topic_partitions. The ACLs, which the
# topics wait for: acls.tf.

locals {
  # Raw topics are the source of truth for replays and ledger topics can be re-read by a new
  # sink or an audit: every topic keeps its records forever and is never compacted.
  kept_forever = {
    "cleanup.policy"  = "delete"
    "retention.ms"    = "-1"
    "retention.bytes" = "-1"
  }

  # The raw topics that move a community's credit are also the source of its order (ADR 0011, 0015):
  # the broker stamps each record with its append time. Mirrors Topics.RAW_ORDERED.
  ordered_raw_topics = ["payments.ipn.v1", "usage.finalizations.v1", "operator.actions.v1"]
  raw_ordered = {
    "cleanup.policy"         = "delete"
    "retention.ms"           = "-1"
    "retention.bytes"        = "-1"
    "message.timestamp.type" = "LogAppendTime"
  }

  # payments.ipn.v1 -> payments.ipn.dlq.v1, as Topics.deadLetterTopicOf names them.
  dead_letter_partitions = {
    for name, partitions in var.topic_partitions : replace(name, "/\\.(v[0-9]+)$/", ".dlq.$1") => partitions
  }

  # Records from internal (repartition) topics that could not be processed: Topics.INTERNAL_DEAD_LETTERS.
  internal_dead_letters = "ledger.internal.dlq.v1"
}

resource "kafka_topic" "catalog" {
  for_each = var.topic_partitions

  name               = each.key
  partitions         = each.value
  replication_factor = var.replication_factor
  config             = contains(local.ordered_raw_topics, each.key) ? local.raw_ordered : local.kept_forever

  depends_on = [kafka_acl.provisioner]
}

resource "kafka_topic" "dead_letter" {
  for_each = local.dead_letter_partitions

  name               = each.key
  partitions         = each.value
  replication_factor = var.replication_factor
  config             = local.kept_forever

  depends_on = [kafka_acl.provisioner]
}

resource "kafka_topic" "internal_dead_letters" {
  name               = local.internal_dead_letters
  partitions         = 1
  replication_factor = var.replication_factor
  config             = local.kept_forever

  depends_on = [kafka_acl.provisioner]
}
