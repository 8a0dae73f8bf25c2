output "topics" {
  description = "Every topic this stack manages, with its partition count."
  value = merge(
    { for name, topic in kafka_topic.catalog : name => topic.partitions },
    { for name, topic in kafka_topic.dead_letter : name => topic.partitions },
    { for topic in [kafka_topic.internal_dead_letters] : topic.name => topic.partitions },
  )
}
