"""Measured accuracy and speed of Gofer's agents against the local replicas."""
