"""What the webhook API does: manage endpoints, read the delivery log, test and redeliver."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.errors import Conflict, InvalidInput, NotFound
from gofer.events.model import utc_now
from gofer.principal import ADMIN_USER_ID, Principal
from gofer.webhooks.dispatcher import SECRET_GRACE, Dispatcher
from gofer.webhooks.outbox import WEBHOOK_TEST, EndpointDirectory, body, new_endpoint_id
from gofer.webhooks.signing import new_message_id, new_secret
from gofer.webhooks.ssrf import UnsafeUrl, UrlGuard
from gofer.webhooks.tables import (
    DEFAULT_ENDPOINT_ID,
    ENDPOINT_ACTIVE,
    ENDPOINT_DELETED,
    ENDPOINT_DISABLED,
    ENDPOINT_PAUSED,
    KIND_DEFAULT,
    KIND_REGISTERED,
    MESSAGE_PENDING,
    WebhookAttemptRow,
    WebhookEndpointRow,
    WebhookMessageRow,
)

Sessions = async_sessionmaker[AsyncSession]

ENDPOINT_NOT_FOUND = NotFound("Webhook endpoint not found", "endpoint_not_found")
NOT_CONFIGURED = "No WEBHOOK_URL is configured"
MESSAGE_NOT_FOUND = NotFound("Webhook message not found", "message_not_found")


class WebhookControl:
    """Endpoint and message operations on behalf of a caller; others' things are 404 to them."""

    def __init__(
        self,
        sessions: Sessions,
        guard: UrlGuard,
        dispatcher: Dispatcher,
        directory: EndpointDirectory,
    ) -> None:
        self._sessions = sessions
        self._directory = directory
        self._guard = guard
        self._dispatcher = dispatcher

    async def check_url(self, url: str, field: str = "url") -> None:
        """Raises a 422 naming the field and the reason when the URL may not be called."""
        try:
            await self._guard.check(url)
        except UnsafeUrl as exc:
            raise InvalidInput(f"Invalid value for '{field}': {exc.reason}", exc.code) from exc

    async def validate_job_webhook_url(self, url: str) -> None:
        await self.check_url(url, "webhook_url")

    # --- endpoints ---

    async def create_endpoint(
        self, principal: Principal, url: str, event_types: Sequence[str], description: str
    ) -> tuple[WebhookEndpointRow, str]:
        await self.check_url(url)
        secret = new_secret()
        now = utc_now()
        row = WebhookEndpointRow(
            id=new_endpoint_id(),
            owner_id=principal.user_id,
            kind=KIND_REGISTERED,
            url=url.strip(),
            description=description,
            event_types=sorted(set(event_types)),
            secret=secret,
            status=ENDPOINT_ACTIVE,
            created_at=now,
            updated_at=now,
        )
        async with self._sessions.begin() as session:
            existing = await session.scalar(
                select(WebhookEndpointRow.id).where(
                    WebhookEndpointRow.owner_id == row.owner_id,
                    WebhookEndpointRow.kind == KIND_REGISTERED,
                    WebhookEndpointRow.url == row.url,
                    WebhookEndpointRow.status != ENDPOINT_DELETED,
                )
            )
            if existing is not None:
                raise Conflict(
                    f"An endpoint with this URL already exists ({existing})", "endpoint_exists"
                )
            session.add(row)
        await self._directory.refresh()
        return row, secret

    async def list_endpoints(self, principal: Principal) -> list[WebhookEndpointRow]:
        query = (
            select(WebhookEndpointRow)
            .where(WebhookEndpointRow.status != ENDPOINT_DELETED)
            .order_by(WebhookEndpointRow.created_at)
        )
        if not principal.is_admin:
            query = query.where(WebhookEndpointRow.owner_id == principal.user_id)
        async with self._sessions() as session:
            return list(await session.scalars(query))

    async def endpoint(self, principal: Principal, endpoint_id: str) -> WebhookEndpointRow:
        async with self._sessions() as session:
            row = await session.get(WebhookEndpointRow, endpoint_id)
        if row is None or row.status == ENDPOINT_DELETED or not principal.can_see(row.owner_id):
            raise ENDPOINT_NOT_FOUND
        return row

    async def delete_endpoint(self, principal: Principal, endpoint_id: str) -> None:
        """Forgets the endpoint and its delivery log; the row stays, marked deleted, for safety."""
        row = await self.endpoint(principal, endpoint_id)
        if row.kind == KIND_DEFAULT:
            raise Conflict(
                "The default endpoint comes from WEBHOOK_URL; unset it there",
                "endpoint_default",
            )
        async with self._sessions.begin() as session:
            await session.execute(
                update(WebhookEndpointRow)
                .where(WebhookEndpointRow.id == endpoint_id)
                .values(
                    status=ENDPOINT_DELETED,
                    secret=None,
                    previous_secret=None,
                    url=f"{row.url}#deleted-{row.id}",
                    updated_at=utc_now(),
                )
            )
            ids = select(WebhookMessageRow.id).where(WebhookMessageRow.endpoint_id == endpoint_id)
            await session.execute(
                delete(WebhookAttemptRow).where(WebhookAttemptRow.message_id.in_(ids))
            )
            await session.execute(
                delete(WebhookMessageRow).where(WebhookMessageRow.endpoint_id == endpoint_id)
            )
        await self._directory.refresh()

    async def rotate_secret(
        self, principal: Principal, endpoint_id: str
    ) -> tuple[WebhookEndpointRow, str, datetime | None]:
        row = await self.endpoint(principal, endpoint_id)
        if row.kind == KIND_DEFAULT:
            raise Conflict(
                "The default endpoint is signed with WEBHOOK_SECRET; change it there",
                "endpoint_default",
            )
        secret = new_secret()
        now = utc_now()
        # The old secret keeps signing for a while (both signatures are sent), unless there was none.
        grace_until = now + SECRET_GRACE if row.secret else None
        async with self._sessions.begin() as session:
            await session.execute(
                update(WebhookEndpointRow)
                .where(WebhookEndpointRow.id == endpoint_id)
                .values(
                    secret=secret,
                    previous_secret=row.secret,
                    previous_secret_expires_at=grace_until,
                    updated_at=now,
                )
            )
        return await self.endpoint(principal, endpoint_id), secret, grace_until

    async def set_paused(
        self, principal: Principal, endpoint_id: str, paused: bool
    ) -> WebhookEndpointRow:
        row = await self.endpoint(principal, endpoint_id)
        if not paused and row.kind == KIND_DEFAULT and row.disabled_reason == NOT_CONFIGURED:
            raise Conflict(NOT_CONFIGURED, "endpoint_default")
        values: dict[str, Any] = {"updated_at": utc_now()}
        if paused:
            values["status"] = ENDPOINT_PAUSED
        else:
            # Resuming also revives a disabled endpoint: a fresh start for its failure clock.
            values.update(status=ENDPOINT_ACTIVE, disabled_reason=None, failing_since=None)
        async with self._sessions.begin() as session:
            await session.execute(
                update(WebhookEndpointRow)
                .where(WebhookEndpointRow.id == endpoint_id)
                .values(**values)
            )
        await self._directory.refresh()
        if not paused:
            self._dispatcher.reschedule()
        return await self.endpoint(principal, endpoint_id)

    async def send_test(self, principal: Principal, endpoint_id: str) -> WebhookMessageRow:
        row = await self.endpoint(principal, endpoint_id)
        if row.status == ENDPOINT_DISABLED:
            raise Conflict("The endpoint is disabled; resume it first", "endpoint_disabled")
        now = utc_now()
        data = {"message": "This is a test event from Gofer.", "endpoint_id": endpoint_id}
        message = WebhookMessageRow(
            id=new_message_id(),
            endpoint_id=endpoint_id,
            owner_id=row.owner_id,
            job_id=None,
            seq=0,
            event_type=WEBHOOK_TEST,
            payload=body(WEBHOOK_TEST, None, row.owner_id, 0, now, data),
            status=MESSAGE_PENDING,
            attempt_count=0,
            failures=0,
            next_attempt_at=now,
            created_at=now,
        )
        async with self._sessions.begin() as session:
            session.add(message)
        self._dispatcher.reschedule()
        return message

    # --- messages ---

    async def list_messages(
        self,
        principal: Principal,
        *,
        job_id: str | None,
        endpoint_id: str | None,
        status: str | None,
        after: str | None,
        limit: int,
    ) -> list[WebhookMessageRow]:
        query = select(WebhookMessageRow).order_by(WebhookMessageRow.id).limit(limit)
        if not principal.is_admin:
            query = query.where(WebhookMessageRow.owner_id == principal.user_id)
        if job_id is not None:
            query = query.where(WebhookMessageRow.job_id == job_id)
        if endpoint_id is not None:
            query = query.where(WebhookMessageRow.endpoint_id == endpoint_id)
        if status is not None:
            query = query.where(WebhookMessageRow.status == status)
        if after is not None:
            query = query.where(WebhookMessageRow.id > after)
        async with self._sessions() as session:
            return list(await session.scalars(query))

    async def message(self, principal: Principal, message_id: str) -> WebhookMessageRow:
        async with self._sessions() as session:
            row = await session.get(WebhookMessageRow, message_id)
        if row is None or not principal.can_see(row.owner_id):
            raise MESSAGE_NOT_FOUND
        return row

    async def attempts(self, principal: Principal, message_id: str) -> list[WebhookAttemptRow]:
        await self.message(principal, message_id)
        query = (
            select(WebhookAttemptRow)
            .where(WebhookAttemptRow.message_id == message_id)
            .order_by(WebhookAttemptRow.number, WebhookAttemptRow.id)
        )
        async with self._sessions() as session:
            return list(await session.scalars(query))

    async def redeliver(self, principal: Principal, message_id: str) -> WebhookMessageRow:
        """Sends the message again now, with its full retry schedule, under the same webhook-id."""
        message = await self.message(principal, message_id)
        async with self._sessions() as session:
            endpoint = await session.get(WebhookEndpointRow, message.endpoint_id)
        if endpoint is None or endpoint.status == ENDPOINT_DISABLED:
            raise Conflict("The endpoint is disabled; resume it first", "endpoint_disabled")
        async with self._sessions.begin() as session:
            await session.execute(
                update(WebhookMessageRow)
                .where(WebhookMessageRow.id == message_id)
                .values(status=MESSAGE_PENDING, failures=0, next_attempt_at=utc_now())
            )
        self._dispatcher.reschedule()
        return await self.message(principal, message_id)


async def sync_default_endpoint(sessions: Sessions, url: str | None) -> None:
    """Keeps the `ep_default` row in step with WEBHOOK_URL (or the seed's SUPABASE_WEBHOOK_URL)."""
    now = utc_now()
    async with sessions.begin() as session:
        row = await session.get(WebhookEndpointRow, DEFAULT_ENDPOINT_ID)
        if url is None:
            if row is not None and row.status != ENDPOINT_DISABLED:
                row.status = ENDPOINT_DISABLED
                row.disabled_reason = NOT_CONFIGURED
                row.updated_at = now
            return
        if row is None:
            await session.execute(
                insert(WebhookEndpointRow).values(
                    id=DEFAULT_ENDPOINT_ID,
                    owner_id=ADMIN_USER_ID,
                    kind=KIND_DEFAULT,
                    url=url,
                    description="WEBHOOK_URL from the server settings",
                    event_types=[],
                    secret=None,
                    status=ENDPOINT_ACTIVE,
                    created_at=now,
                    updated_at=now,
                )
            )
            return
        if row.url != url or row.disabled_reason == NOT_CONFIGURED:
            row.url = url
            row.status = ENDPOINT_ACTIVE
            row.disabled_reason = None
            row.failing_since = None
            row.updated_at = now
