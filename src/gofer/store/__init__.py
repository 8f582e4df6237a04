"""Persistence: SQLAlchemy async on SQLite by default, PostgreSQL by URL."""
