"""The planning calendar: intended stories and a programme's broadcasts."""
