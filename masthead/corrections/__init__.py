"""The public corrections page and its feed."""
