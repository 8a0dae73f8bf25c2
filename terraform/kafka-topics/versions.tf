terraform {
  required_version = ">= 1.6"

  required_providers {
    kafka = {
      source  = "Mongey/kafka"
      version = "~> 0.13"
    }
  }
}

# The brokers' plaintext listener, reachable only inside the VPC: run this stack from a machine
# there (a CI runner in the VPC, or through a tunnel), listed in the main stack's kafka_admin_cidrs.
provider "kafka" {
  bootstrap_servers = var.bootstrap_servers
  tls_enabled       = false
}
