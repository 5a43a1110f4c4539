"""The exchange pages (thin: selectors and services do the work)."""
