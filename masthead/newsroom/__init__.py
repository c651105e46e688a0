"""The newsroom's roles and its review workflow."""
