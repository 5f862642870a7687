"""moto_server plus what the TikTimer suite's verdicts depend on: tasks that really run on
the Docker engine, services that really roll out, ECR on a real registry."""
