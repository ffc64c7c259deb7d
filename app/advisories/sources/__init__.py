"""Advisory sources. Each adapter turns its source's format into OSV records (plain dicts)."""
