"""Scheduled publishing and expiry run by the task worker, and its heartbeat."""
