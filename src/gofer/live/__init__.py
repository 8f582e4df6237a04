"""Watching a job's browser live, taking it over, and the recordings kept of it."""
