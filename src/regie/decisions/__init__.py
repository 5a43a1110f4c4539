"""Multi-criteria analysis and the scenario cost/capacity model. Depends on ``core`` only."""
