# Inputs of the Ledgerstream production stack. Each variable says what it is for; the values for
# one environment go in a *.tfvars file (terraform.tfvars.example shows one).

variable "aws_region" {
  description = "AWS region to deploy into, e.g. eu-central-1."
  type        = string
}

variable "environment" {
  description = "Short environment name (prod, staging); prefixes every resource name and tags everything. At most 10 characters, so that derived names stay within AWS's 32-character limits."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,9}$", var.environment))
    error_message = "environment must be 2-10 lowercase letters, digits or dashes, starting with a letter."
  }
}

# --- Network: an existing VPC ------------------------------------------------------------------

variable "vpc_id" {
  description = "ID of the existing VPC that holds every resource of the stack."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets (one per availability zone, at least two) for the ECS tasks, the MSK brokers and the database. Tasks reach Secrets Manager, ECR and CloudWatch through a NAT gateway or VPC endpoints."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) >= 2
    error_message = "At least two private subnets in different availability zones are needed."
  }
}

variable "public_subnet_ids" {
  description = "Public subnets for the load balancer (ignored when load_balancer_internal is true, then the private subnets are used)."
  type        = list(string)
  default     = []
}

variable "load_balancer_internal" {
  description = "Whether the load balancer in front of ingest-api and admin-api is internal (reachable only inside the VPC)."
  type        = bool
  default     = false
}

variable "allowed_ingress_cidrs" {
  description = "CIDR blocks allowed to reach the load balancer on ports 80 and 443 (the payment provider's IPN senders, the inference services, the admin dashboards)."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "certificate_arn" {
  description = "ARN of the ACM certificate for the load balancer's HTTPS listener."
  type        = string
}

variable "kafka_admin_cidrs" {
  description = "CIDR blocks (inside the VPC) from which the kafka-topics stack (as the provisioner principal) and operators' tools (as the operator principal) reach the brokers' SASL/SCRAM listener on port 9096."
  type        = list(string)
  default     = []
}

# --- Kafka (MSK) -------------------------------------------------------------------------------

variable "kafka_version" {
  description = "MSK Kafka version. Local mode and docker compose run Apache Kafka 4.2.1; MSK's newest 4.x line is 4.1.x (KRaft). The 4.2 clients work with 4.1 brokers."
  type        = string
  default     = "4.1.x.kraft"
}

variable "kafka_broker_count" {
  description = "Number of MSK brokers; a multiple of the number of private subnets, at least 3 so that replication factor 3 with min.insync.replicas 2 survives the loss of a broker."
  type        = number
  default     = 3
}

variable "kafka_broker_instance_type" {
  description = "MSK broker instance type."
  type        = string
  default     = "kafka.m7g.large"
}

variable "kafka_broker_volume_gib" {
  description = "EBS storage per broker in GiB. Raw topics keep every record forever (retention.ms=-1): size for the whole history, and watch KafkaDataLogsDiskUsed."
  type        = number
  default     = 500
}

variable "kafka_acl_bootstrap" {
  description = "True only while bootstrapping the Kafka ACLs: the brokers then let a principal do what no ACL restricts (allow.everyone.if.no.acl.found=true), so that the kafka-topics stack can create the provisioner's own ACLs on a cluster that has none (MSK has no super.users). Apply the kafka-topics stack, then apply this stack again with false (README.md). Each change restarts the brokers one by one."
  type        = bool
  default     = false
}

variable "kafka_password_versions" {
  description = "Per Kafka principal (ingest-api, stream-processors, ledger-sink, admin-api, operator, provisioner), the version of its generated password, 1 when absent. Raising a principal's number writes a new random password into its secret (rotation, README.md)."
  type        = map(number)
  default     = {}

  validation {
    condition     = length(setsubtract(keys(var.kafka_password_versions), ["ingest-api", "stream-processors", "ledger-sink", "admin-api", "operator", "provisioner"])) == 0
    error_message = "kafka_password_versions may only name the principals ingest-api, stream-processors, ledger-sink, admin-api, operator and provisioner."
  }
}

# --- PostgreSQL (RDS) --------------------------------------------------------------------------

variable "db_instance_class" {
  description = "RDS instance class of the PostgreSQL 16 ledger database."
  type        = string
  default     = "db.m7g.large"
}

variable "db_allocated_storage_gib" {
  description = "Initial storage of the database in GiB; storage autoscaling may grow it up to db_max_allocated_storage_gib."
  type        = number
  default     = 100
}

variable "db_max_allocated_storage_gib" {
  description = "Upper bound of RDS storage autoscaling in GiB."
  type        = number
  default     = 1000
}

variable "db_multi_az" {
  description = "Whether the database has a standby in a second availability zone."
  type        = bool
  default     = true
}

variable "db_owner_username" {
  description = "Master user of the database: the owner of the ledger tables, which ledger-sink connects as and migrates with. Its password is generated and kept in Secrets Manager by RDS."
  type        = string
  default     = "ledgerstream"
}

variable "db_deletion_protection" {
  description = "Whether the database refuses deletion; turn off only to destroy a test environment."
  type        = bool
  default     = true
}

# --- Services (ECS Fargate) --------------------------------------------------------------------

variable "image_tag" {
  description = "Tag of the four service images in their ECR repositories (built from deploy/Dockerfile), e.g. a git commit id."
  type        = string
}

variable "services" {
  description = "Per service: running task count and Fargate size (cpu units, memory MiB). stream-processors gains parallelism only up to the input partition count (see docs/operations.md, scaling)."
  type = map(object({
    desired_count = number
    cpu           = number
    memory        = number
  }))
  default = {
    "ingest-api"        = { desired_count = 2, cpu = 512, memory = 1024 }
    "stream-processors" = { desired_count = 2, cpu = 1024, memory = 2048 }
    "ledger-sink"       = { desired_count = 1, cpu = 512, memory = 1024 }
    "admin-api"         = { desired_count = 2, cpu = 512, memory = 1024 }
  }

  validation {
    condition     = length(setsubtract(["ingest-api", "stream-processors", "ledger-sink", "admin-api"], keys(var.services))) == 0
    error_message = "services must have an entry for each of ingest-api, stream-processors, ledger-sink and admin-api."
  }
}

variable "usage_jwks_url" {
  description = "USAGE_JWKS_URL: https URL of the usage publishers' JSON Web Key Set (kept in Secrets Manager with the issuer and audience)."
  type        = string
}

variable "usage_jwt_issuer" {
  description = "USAGE_JWT_ISSUER: required iss of usage tokens."
  type        = string
}

variable "usage_jwt_audience" {
  description = "USAGE_JWT_AUDIENCE: audience usage tokens must contain."
  type        = string
}

variable "admin_jwks_url" {
  description = "ADMIN_JWKS_URL: https URL of the admin tokens' JSON Web Key Set."
  type        = string
}

variable "admin_jwt_issuer" {
  description = "ADMIN_JWT_ISSUER: required iss of admin tokens."
  type        = string
}

variable "admin_jwt_audience" {
  description = "ADMIN_JWT_AUDIENCE: audience admin tokens must contain."
  type        = string
}

variable "lot_ttl_days" {
  description = "LOT_TTL_DAYS: expiry of purchased credit lots in days; 0 means they never expire."
  type        = number
  default     = 0
}

variable "stream_standby_replicas" {
  description = "Warm standby copies of each Kafka Streams store on other stream-processors tasks, so a failed task's work resumes without restoring from the changelog. Useful only with at least two tasks."
  type        = number
  default     = 1
}

variable "log_retention_days" {
  description = "Retention of the services' CloudWatch log groups in days."
  type        = number
  default     = 90
}

# --- Alarms ------------------------------------------------------------------------------------

variable "alarm_email" {
  description = "Email address subscribed to the alarm topic; empty for none (subscribe a pager to the alarm_topic_arn output instead)."
  type        = string
  default     = ""
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the metrics scraped from the services (conservation_guard_failures_total and friends)."
  type        = string
  default     = "Ledgerstream"
}

variable "adot_collector_image" {
  description = "Image of the AWS Distro for OpenTelemetry collector sidecar that scrapes stream-processors' /metrics into CloudWatch. Pin a release; its awsemf exporter must support metric_descriptors.storage_resolution (1-second metrics)."
  type        = string
  default     = "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0"
}

variable "stream_partitions" {
  description = "LEDGERSTREAM_STREAM_PARTITIONS: partitions of the stream processors' repartition topics. Must equal the partitions of usage.finalizations.v1 in the kafka-topics stack (stream-processors refuses to start otherwise; deploy-checks compares them)."
  type        = number
  default     = 6
}

variable "stream_application_id" {
  description = "LEDGERSTREAM_STREAM_APPLICATIONID: Kafka Streams application id. Changing it starts the ledger state afresh from the raw topics (the re-partitioning procedure in docs/operations.md)."
  type        = string
  default     = "ledgerstream-ledger"
}
