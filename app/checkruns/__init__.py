"""The "Dependency advisories" check run on pull requests and pushes.

`diff` and `render` are pure; `reader` and `runner` do the GitHub I/O; `store` keeps the
parsed-blob cache and the runs we filed; `handlers` wires webhooks and jobs.
"""
