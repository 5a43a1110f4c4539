"""The Westfriesland demo region and the synthetic national-scale generator."""
