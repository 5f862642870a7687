terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region = var.region

  # Everything below is for pointing the module at an emulator (the suite's aws
  # end-to-end tests); against real AWS all of it stays at its default.
  access_key                  = var.emulator_endpoint == null ? null : "testing"
  secret_key                  = var.emulator_endpoint == null ? null : "testing"
  skip_credentials_validation = var.emulator_endpoint != null
  skip_metadata_api_check     = var.emulator_endpoint != null
  skip_requesting_account_id  = var.emulator_endpoint != null
  skip_region_validation      = var.emulator_endpoint != null

  dynamic "endpoints" {
    for_each = var.emulator_endpoint == null ? [] : [var.emulator_endpoint]
    content {
      ec2            = endpoints.value
      ecr            = endpoints.value
      ecs            = endpoints.value
      elbv2          = endpoints.value
      iam            = endpoints.value
      cloudwatchlogs = endpoints.value
      secretsmanager = endpoints.value
      sts            = endpoints.value
    }
  }

  default_tags {
    tags = {
      Application = "TikTimer"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}
