terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

# Credentials, region overrides and endpoints come from the environment, as for the suite:
# AWS_PROFILE / OIDC in CI; AWS_ENDPOINT_URL (plus test keys) against the project's emulator.
provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Application = "TikTimer"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}
