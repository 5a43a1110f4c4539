"""Shared primitives: organisations, users and roles, scoping, audit and access log, rule set."""
