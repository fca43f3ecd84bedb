"""Demo data from the seed documents: one plain-data module per municipality, and the loader."""
