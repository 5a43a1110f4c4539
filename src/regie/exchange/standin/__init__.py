"""Local stand-in servers for tests and the demo (127.0.0.1, an ephemeral port by default)."""
