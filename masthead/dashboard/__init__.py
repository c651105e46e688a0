"""The newsroom dashboard on the admin's home page."""
