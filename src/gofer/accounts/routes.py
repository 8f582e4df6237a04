"""HTTP routes for accounts (/api/auth/...) and API keys (/api/keys)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path
from pydantic import AliasChoices, BaseModel, ConfigDict, EmailStr, Field, field_validator

from gofer.accounts.api_keys import ApiKeyStore
from gofer.accounts.passwords import MAX_PASSWORD_LENGTH
from gofer.accounts.service import AccountService
from gofer.api.auth import require_principal
from gofer.api.deps import core
from gofer.core import Core
from gofer.errors import Forbidden, NotFound
from gofer.principal import Principal

router = APIRouter(prefix="/api/auth", tags=["auth"])
keys_router = APIRouter(prefix="/api/keys", tags=["api keys"])


def accounts(gofer: Core = Depends(core)) -> AccountService:
    return gofer.accounts


def api_keys(gofer: Core = Depends(core)) -> ApiKeyStore:
    return gofer.api_keys


class _Body(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore")


class EmailBody(_Body):
    email: EmailStr = Field(..., max_length=320)

    @field_validator("email")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.lower()


class RegisterBody(EmailBody):
    password: str = Field(..., min_length=1, max_length=MAX_PASSWORD_LENGTH)
    name: str = Field("", max_length=200)


class LoginBody(EmailBody):
    password: str = Field(..., min_length=1, max_length=MAX_PASSWORD_LENGTH)


class CodeBody(EmailBody):
    code: str = Field(..., pattern=r"^\d{6}$", description="The 6-digit code from the mail.")


class ResetBody(CodeBody):
    new_password: str = Field(
        ...,
        min_length=1,
        max_length=MAX_PASSWORD_LENGTH,
        validation_alias=AliasChoices("newPassword", "new_password"),
        serialization_alias="newPassword",
    )


class RefreshBody(_Body):
    refresh_token: str = Field(
        ...,
        min_length=1,
        max_length=512,
        validation_alias=AliasChoices("refreshToken", "refresh_token"),
        serialization_alias="refreshToken",
    )


class UserOut(BaseModel):
    id: str
    email: str | None
    name: str
    emailVerified: bool  # the seed's camelCase shape
    createdAt: str


class TokensOut(BaseModel):
    accessToken: str
    idToken: str
    refreshToken: str
    expiresIn: int
    tokenType: str


class SignedIn(BaseModel):
    success: bool = True
    tokens: TokensOut
    user: UserOut


class UserAnswer(BaseModel):
    success: bool = True
    message: str = ""
    user: UserOut


class Done(BaseModel):
    success: bool = True
    message: str


class Me(BaseModel):
    success: bool = True
    user: dict[str, Any]


@router.post("/register", status_code=201, response_model=UserAnswer)
async def register(body: RegisterBody, svc: AccountService = Depends(accounts)) -> UserAnswer:
    user = await svc.register(body.email, body.password, body.name)
    return UserAnswer(
        message="Account created; enter the verification code we mailed to you",
        user=UserOut(**user),
    )


@router.post("/verify", response_model=UserAnswer)
async def verify(body: CodeBody, svc: AccountService = Depends(accounts)) -> UserAnswer:
    user = await svc.verify_email(body.email, body.code)
    return UserAnswer(message="Email address verified", user=UserOut(**user))


@router.post("/resend-verification", response_model=Done)
async def resend_verification(body: EmailBody, svc: AccountService = Depends(accounts)) -> Done:
    await svc.resend_verification(body.email)
    return Done(message="If the account is waiting for verification, a new code is on its way")


@router.post("/login", response_model=SignedIn)
async def login(body: LoginBody, svc: AccountService = Depends(accounts)) -> dict[str, Any]:
    return (await svc.login(body.email, body.password)).body()


@router.post("/refresh", response_model=SignedIn)
async def refresh(body: RefreshBody, svc: AccountService = Depends(accounts)) -> dict[str, Any]:
    return (await svc.refresh(body.refresh_token)).body()


@router.post("/logout", response_model=Done)
async def logout(body: RefreshBody, svc: AccountService = Depends(accounts)) -> Done:
    await svc.logout(body.refresh_token)
    return Done(message="Signed out")


@router.post("/forgot-password", response_model=Done)
async def forgot_password(body: EmailBody, svc: AccountService = Depends(accounts)) -> Done:
    await svc.forgot_password(body.email)
    return Done(message="If an account uses this address, a reset code is on its way")


@router.post("/reset-password", response_model=Done)
async def reset_password(body: ResetBody, svc: AccountService = Depends(accounts)) -> Done:
    await svc.reset_password(body.email, body.code, body.new_password)
    return Done(message="Password changed; sign in with the new password")


@router.get("/me", response_model=Me)
async def me(
    principal: Principal = Depends(require_principal), svc: AccountService = Depends(accounts)
) -> Me:
    if principal.is_admin:
        return Me(user={"id": principal.user_id, "isAdmin": True})
    user = await svc.user(principal.user_id)
    if user is None:
        raise NotFound("User not found", "user_not_found")
    return Me(user={**user, "isAdmin": False})


class KeyCreate(BaseModel):
    name: str = Field(..., min_length=1, max_length=100, examples=["nightly-sync"])


class KeyOut(BaseModel):
    id: str
    name: str
    prefix: str
    user_id: str
    created_at: str | None
    last_used_at: str | None
    revoked: bool
    revoked_at: str | None


class KeyCreated(BaseModel):
    success: bool = True
    key: KeyOut
    secret: str = Field(..., description="The API key. It is shown only this once.")


class KeyList(BaseModel):
    success: bool = True
    keys: list[KeyOut]
    count: int


class KeyRevoked(BaseModel):
    success: bool = True
    key: KeyOut


@keys_router.post("", status_code=201, response_model=KeyCreated)
async def create_key(
    body: KeyCreate,
    principal: Principal = Depends(require_principal),
    store: ApiKeyStore = Depends(api_keys),
) -> KeyCreated:
    if principal.is_admin:
        raise Forbidden("API keys belong to user accounts; sign in as a user", "no_user_account")
    view, secret = await store.create(principal.user_id, body.name)
    return KeyCreated(key=KeyOut(**view), secret=secret)


@keys_router.get("", response_model=KeyList)
async def list_keys(
    principal: Principal = Depends(require_principal), store: ApiKeyStore = Depends(api_keys)
) -> KeyList:
    keys = await store.list(None if principal.is_admin else principal.user_id)
    return KeyList(keys=[KeyOut(**k) for k in keys], count=len(keys))


@keys_router.delete("/{key_id}", response_model=KeyRevoked)
async def revoke_key(
    key_id: str = Path(..., min_length=1, max_length=64),
    principal: Principal = Depends(require_principal),
    store: ApiKeyStore = Depends(api_keys),
) -> KeyRevoked:
    return KeyRevoked(key=KeyOut(**await store.revoke(principal, key_id)))
