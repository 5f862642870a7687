locals {
  name            = "TikTimer-${var.environment}"
  repository_name = coalesce(var.repository_name, "tiktimer-${var.environment}")
  vpc_id          = coalesce(var.vpc_id, try(data.aws_vpc.default[0].id, null))
  private_subnets = length(var.private_subnet_ids) > 0 ? var.private_subnet_ids : data.aws_subnets.vpc[0].ids
  public_subnets  = length(var.public_subnet_ids) > 0 ? var.public_subnet_ids : local.private_subnets
  account_id      = data.aws_caller_identity.current.account_id
  partition       = data.aws_partition.current.partition
  bootstrap_image = "${aws_ecr_repository.app.repository_url}:${var.bootstrap_image_tag}"
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_vpc" "default" {
  count   = var.vpc_id == null ? 1 : 0
  default = true
}

data "aws_subnets" "vpc" {
  count = length(var.private_subnet_ids) > 0 ? 0 : 1
  filter {
    name   = "vpc-id"
    values = [local.vpc_id]
  }
}

resource "aws_ecr_repository" "app" {
  name                 = local.repository_name
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecs_cluster" "main" {
  name = "${local.name}-cluster"
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/${local.name}"
  retention_in_days = var.log_retention_days
}

# The service and the migration read the same database: one secret, injected by ECS.
resource "aws_secretsmanager_secret" "database_url" {
  name                    = "${local.name}-database-url"
  recovery_window_in_days = 0
}

resource "aws_secretsmanager_secret_version" "database_url" {
  count         = var.database_url == null ? 0 : 1
  secret_id     = aws_secretsmanager_secret.database_url.id
  secret_string = var.database_url
}
