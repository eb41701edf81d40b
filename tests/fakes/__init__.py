"""Local HTTP servers that speak the GitHub REST and Anthropic Messages wire formats, for tests and benches."""
