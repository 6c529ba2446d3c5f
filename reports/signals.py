"""Signal receivers of the reports app (none yet: the figures are computed on demand)."""
