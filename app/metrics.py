"""Prometheus metrics of this process (served at /metrics)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

WEBHOOKS = Counter(
    "repo_hygiene_webhook_deliveries",
    "Webhook deliveries received, by event and outcome",
    ["event", "outcome"],
    registry=REGISTRY,
)
JOBS = Counter(
    "repo_hygiene_jobs",
    "Jobs finished by this process, by kind and outcome",
    ["kind", "outcome"],
    registry=REGISTRY,
)
JOB_SECONDS = Histogram("repo_hygiene_job_seconds", "Time spent running a job", ["kind"], registry=REGISTRY)
JOBS_BY_STATE = Gauge(
    "repo_hygiene_jobs_in_state",
    "Jobs in the shared queue by state (read from the database at scrape time)",
    ["state"],
    registry=REGISTRY,
)
GITHUB_CALLS = Counter(
    "repo_hygiene_github_requests",
    "GitHub API responses received by this process, by method, route template and status class",
    ["method", "route", "status"],
    registry=REGISTRY,
)
GITHUB_BUDGET_REMAINING = Gauge(
    "repo_hygiene_github_budget_remaining",
    "Requests left in an installation's GitHub rate budget, as last reported to this process",
    ["installation"],
    registry=REGISTRY,
)
