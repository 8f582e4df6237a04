"""Gofer: runs errands on real websites for people and their apps."""

__version__ = "0.1.0"
