# Named as the suite reads them (--terraform-dir=infra or --terraform-outputs=FILE).
output "region" {
  value = var.region
}


output "aws_account_id" {
  value = local.account_id
}

output "ecr_repository_name" {
  value = aws_ecr_repository.app.name
}

output "ecr_repository_url" {
  value = aws_ecr_repository.app.repository_url
}

output "ecs_cluster_name" {
  value = aws_ecs_cluster.main.name
}

output "ecs_service_names" {
  value = [aws_ecs_service.app.name]
}

output "container_name" {
  value = var.container_name
}

output "migration_task_family" {
  value = aws_ecs_task_definition.migration.family
}

output "app_security_group_id" {
  value = aws_security_group.app.id
}

output "app_subnet_ids" {
  value = local.private_subnets
}

output "alb_dns_name" {
  value = aws_lb.app.dns_name
}

output "log_group_name" {
  value = aws_cloudwatch_log_group.app.name
}

output "database_url_secret_arn" {
  value = aws_secretsmanager_secret.database_url.arn
}

output "deploy_role_arn" {
  value = try(aws_iam_role.deploy[0].arn, null)
}
