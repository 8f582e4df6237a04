"""Conversation sessions: messages and the workflow runs they started, per user."""
