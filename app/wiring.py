"""Imports every module that registers webhook routes or job handlers, so that any process
(web with in-process worker, or a worker alone) has the complete registries. One line per module.
"""

from __future__ import annotations


def load_handlers() -> None:
    # Every module with webhook routes or job handlers is listed here.
    import app.checkruns.handlers
    import app.checkruns.jobs
    import app.dashboard.webhooks
    import app.jobs.advisories
    import app.jobs.maintenance
    import app.jobs.pipeline
    import app.jobs.reconcile
    import app.jobs.sync
    import app.webhooks.accounts
    import app.webhooks.delivery
    import app.webhooks.handlers  # noqa: F401
