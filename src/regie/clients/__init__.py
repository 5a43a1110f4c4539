"""Clients (inburgeraars): person, residence municipality, team and caseload assignment."""
