variable "environment" {
  description = "Environment name; resources are named TikTimer-<environment>-*."
  type        = string
  default     = "dev"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.environment))
    error_message = "environment must be lower-case letters, digits and -, at most 20 characters (e.g. dev)."
  }
}

variable "region" {
  description = "AWS region of every resource."
  type        = string
  default     = "eu-west-1"
}

variable "repository_name" {
  description = "ECR repository the pipeline pushes to; defaults to tiktimer-<environment>."
  type        = string
  default     = null
}

variable "vpc_id" {
  description = "VPC of the service; null uses the account's default VPC (sandbox accounts only)."
  type        = string
  default     = null
}

variable "private_subnet_ids" {
  description = "Private subnets of the service and the migration task (they reach the database); empty uses every subnet of the VPC."
  type        = list(string)
  default     = []
}

variable "public_subnet_ids" {
  description = "Subnets of the internet-facing load balancer (two AZs at least); empty uses the private subnets."
  type        = list(string)
  default     = []
}

variable "container_name" {
  description = "Name of the service's container in both task definitions (the suite's container-name)."
  type        = string
  default     = "tiktimer-api"
}

variable "container_port" {
  description = "Port the service listens on inside its container."
  type        = number
  default     = 8080
}

variable "bootstrap_image_tag" {
  description = "Tag the task definitions start with, before the pipeline's first push; later revisions are the pipeline's (pinned by digest)."
  type        = string
  default     = "bootstrap"
}

variable "desired_count" {
  description = "Tasks of the service."
  type        = number
  default     = 2
}

variable "app_cpu" {
  type    = number
  default = 256
}

variable "app_memory" {
  type    = number
  default = 512
}

variable "migration_command" {
  description = "Command of the migration task definition (the suite's --migration-command overrides it per run)."
  type        = list(string)
  default     = ["alembic", "upgrade", "head"]
}

variable "health_check_path" {
  description = "Path the load balancer's target group checks."
  type        = string
  default     = "/health"
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "database_url" {
  description = "Optional: the DATABASE_URL stored in the Secrets Manager secret. Leave null and put the value in with `aws secretsmanager put-secret-value` to keep it out of the Terraform state."
  type        = string
  default     = null
  sensitive   = true
}

variable "github_repository" {
  description = "owner/name of the GitHub repository whose workflows may assume the deploy role; null creates no deploy role."
  type        = string
  default     = null
}

variable "github_deploy_ref" {
  description = "Git ref (or environment claim) allowed to deploy, e.g. ref:refs/heads/main or environment:dev."
  type        = string
  default     = "ref:refs/heads/main"
}

variable "create_github_oidc_provider" {
  description = "Create the account's token.actions.githubusercontent.com OIDC provider (false when it already exists)."
  type        = bool
  default     = true
}
