"""Registering the GitHub App from `app.yml` on a first run (the manifest flow, as Probot apps do)."""
