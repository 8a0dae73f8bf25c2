output "topics" {
  description = "Every topic this stack manages, with its partition count."
  value = merge(
    { for name, topic in kafka_topic.catalog : name => topic.partitions },
    { for name, topic in kafka_topic.dead_letter : name => topic.partitions },
    { for topic in [kafka_topic.internal_dead_letters] : topic.name => topic.partitions },
  )
}

output "service_acls" {
  description = "The grants of deploy/kafka/acls.csv this stack holds as ACLs, one per row: principal,resource_type,pattern_type,resource_name,operation (the provisioner's own ACLs are kafka_acl.provisioner)."
  value       = sort(keys(kafka_acl.service))
}
