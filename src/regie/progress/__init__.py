"""Progress reviews, enforcement, DUO decisions, late-offer statements, closing and handover."""
