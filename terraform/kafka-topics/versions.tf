terraform {
  # 1.10: the provisioner's password is an ephemeral variable, kept out of saved plans.
  required_version = ">= 1.10"

  required_providers {
    kafka = {
      source  = "Mongey/kafka"
      version = "~> 0.13"
    }
  }
}

# The brokers' SASL/SCRAM listener (TLS, port 9096), reachable only inside the VPC: run this stack
# from a machine there (a CI runner in the VPC, or through a tunnel), listed in the main stack's
# kafka_admin_cidrs. It authenticates as the provisioner principal, whose password is in the main
# stack's kafka_scram_secret_arns["provisioner"] secret. MSK's brokers present certificates that
# the system's trust store accepts, so no CA file is needed.
provider "kafka" {
  bootstrap_servers = var.bootstrap_servers
  tls_enabled       = true
  sasl_mechanism    = "scram-sha512"
  sasl_username     = var.sasl_username
  sasl_password     = var.sasl_password
}
