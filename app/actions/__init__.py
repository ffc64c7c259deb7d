"""Actions taken on a repository after its checks ran: the SECURITY.md + badge pull request."""
