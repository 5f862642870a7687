# The CI side: the role GitHub Actions assumes through OIDC to run ./build.sh. Its policy
# allows exactly the calls the suite makes (deploy-role-actions.json, checked against the
# suite's AWS client by a test), each on the resources of this environment only.
locals {
  deploy_actions = jsondecode(file("${path.module}/deploy-role-actions.json"))
  cluster_arn    = aws_ecs_cluster.main.arn
  deploy_resources = {
    TaskDefinitions = ["*"] # RegisterTaskDefinition and DescribeTaskDefinition take no resource
    RunMigration    = ["arn:${local.partition}:ecs:${var.region}:${local.account_id}:task-definition/${aws_ecs_task_definition.migration.family}:*"]
    Tasks           = ["arn:${local.partition}:ecs:${var.region}:${local.account_id}:task/${aws_ecs_cluster.main.name}/*"]
    ListTasks       = ["*"] # scoped by the ecs:cluster condition below
    Services        = [aws_ecs_service.app.id]
    ServiceDeployments = [
      aws_ecs_service.app.id,
      "arn:${local.partition}:ecs:${var.region}:${local.account_id}:service-deployment/${aws_ecs_cluster.main.name}/${aws_ecs_service.app.name}/*",
      "arn:${local.partition}:ecs:${var.region}:${local.account_id}:service-revision/${aws_ecs_cluster.main.name}/${aws_ecs_service.app.name}/*",
    ]
    EcrToken      = ["*"] # GetAuthorizationToken takes no resource
    EcrRepository = [aws_ecr_repository.app.arn]
    Logs          = ["${aws_cloudwatch_log_group.app.arn}:*"]
    LogGroups     = ["arn:${local.partition}:logs:${var.region}:${local.account_id}:log-group:*"] # a listing: Validate finds the group by prefix
    Network       = ["*"]                                                                         # EC2 Describe* take no resource
    PassTaskRoles = [aws_iam_role.task_execution.arn, aws_iam_role.task.arn]
  }
  deploy_conditions = {
    ListTasks     = { test = "ArnEquals", variable = "ecs:cluster", values = [local.cluster_arn] }
    RunMigration  = { test = "ArnEquals", variable = "ecs:cluster", values = [local.cluster_arn] }
    PassTaskRoles = { test = "StringEquals", variable = "iam:PassedToService", values = ["ecs-tasks.amazonaws.com"] }
  }
}

resource "aws_iam_openid_connect_provider" "github" {
  count           = var.github_repository != null && var.create_github_oidc_provider ? 1 : 0
  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

data "aws_iam_policy_document" "deploy_assume" {
  count = var.github_repository == null ? 0 : 1
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_repository}:${var.github_deploy_ref}"]
    }
  }
}

data "aws_iam_policy_document" "deploy" {
  dynamic "statement" {
    for_each = local.deploy_actions
    content {
      sid       = statement.key
      actions   = statement.value
      resources = local.deploy_resources[statement.key]

      dynamic "condition" {
        for_each = contains(keys(local.deploy_conditions), statement.key) ? [local.deploy_conditions[statement.key]] : []
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_iam_role" "deploy" {
  count              = var.github_repository == null ? 0 : 1
  name               = "${local.name}-deploy"
  assume_role_policy = data.aws_iam_policy_document.deploy_assume[0].json
  depends_on         = [aws_iam_openid_connect_provider.github]
}

resource "aws_iam_role_policy" "deploy" {
  count  = var.github_repository == null ? 0 : 1
  name   = "tiktimer-delivery"
  role   = aws_iam_role.deploy[0].id
  policy = data.aws_iam_policy_document.deploy.json
}
