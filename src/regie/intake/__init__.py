"""Brede intake per life domain, the learnability test, the special-category record."""
