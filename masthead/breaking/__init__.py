"""The breaking-news banner: an article flagged as breaking until it expires or is cleared."""
