terraform {
  # 1.11: write-only arguments, which put the generated Kafka passwords into Secrets Manager
  # without writing them to the plan or the state (secrets.tf).
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    # The ephemeral random_password (3.7 and later) of the Kafka principals' passwords.
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
  }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Project     = "ledgerstream"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}
