"""The erasure audit: one anonymous line per erasure (what kind, when, by whom; no personal data)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from gofer.store.db import Base, UtcDateTime


class ErasureAuditRow(Base):
    __tablename__ = "erasure_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # job | session | account
    # The erased thing's random id (job_…, ses_…, usr_…): no name, number or address.
    subject_id: Mapped[str] = mapped_column(String(128))
    actor: Mapped[str] = mapped_column(String(16))  # owner | admin | retention
    erased_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Rows and files removed, by kind ({"events": 12, "artifact_files": 3, ...}).
    counts: Mapped[dict[str, int]] = mapped_column(JSON)
