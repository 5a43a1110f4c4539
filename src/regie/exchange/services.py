"""Writes of the exchange app."""
