"""Tables for the forms agent's conversations: the form state of each, and every turn taken."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gofer.store.db import Base, UtcDateTime


class FormSessionRow(Base):
    """One conversation's form: which form, the values the agent set, the step it is on."""

    __tablename__ = "form_sessions"
    __table_args__ = (Index("ix_form_sessions_user_updated", "user_id", "updated_at"),)

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(128))
    form: Mapped[str | None] = mapped_column(String(64), nullable=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    turn: Mapped[int] = mapped_column(Integer, default=0)
    last_job_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FormTurnRow(Base):
    """One message and what came of it: the audit trail of a conversation."""

    __tablename__ = "form_turns"
    __table_args__ = (
        UniqueConstraint("job_id", name="uq_form_turns_job"),
        Index("ix_form_turns_session", "session_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(String(100))
    job_id: Mapped[str] = mapped_column(String(40))
    turn: Mapped[int] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))  # completed | failed
    outcome: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
