"""The PIP as a versioned decision: route, components, beschikking PDF, revisions."""
