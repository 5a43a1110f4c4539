"""Uitvoeringsregie: providers and quality marks, contracts, products, groups, enrolments,
provider reports (attendance, progress, results) and quality figures."""
