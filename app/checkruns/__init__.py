"""The "Dependency advisories" check run on pull requests and pushes.

`render` is pure (the diff is `checks.advisories.diff`); `compute` and `runner` do the GitHub I/O
through the snapshot reader and the gateway; `store` keeps the runs we filed; `handlers` and `jobs`
wire webhooks and jobs.
"""
