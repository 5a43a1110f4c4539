"""DRF routing, authentication, OpenAPI schema."""
