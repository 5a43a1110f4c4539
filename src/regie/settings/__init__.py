"""Settings: ``base`` plus one module per environment (dev, test, production).

All configuration comes from environment variables read through :func:`regie.settings.env.env`,
which also records each variable so that the README table can be checked against it.
"""
