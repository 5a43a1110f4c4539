"""Reads of the exchange app (what other apps and the pages may ask)."""
