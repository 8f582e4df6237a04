"""Handlers of the authentication endpoints (spec §3.2): start, BankID, sign-out, keep-alive."""

from __future__ import annotations

from typing import Any

from .calls import ApiCall, CookieChange, bankid_error
from .clock import local_minutes
from .sessions import Login

REPLICA_VERSION = "2.31.0"

BANKID_CANCELLED = "Inloggningen avbröts"
BANKID_TIMED_OUT = "Tiden för inloggningen har gått ut"
BANKID_UNKNOWN = "Fel vid inloggning"

IDENTITY_COOKIE = "FpsExternalIdentity"
LOGIN_VALID_COOKIE = "LoginValid"


def login_cookies(call: ApiCall, login: Login) -> None:
    """Set the logged-in marker and the script-readable expiry on this response."""
    expires = login.expires_at(call.state.config)
    call.cookies.append(CookieChange(IDENTITY_COOKIE, login.identity, http_only=True))
    call.cookies.append(CookieChange(LOGIN_VALID_COOKIE, local_minutes(expires), http_only=False))


def start(call: ApiCall) -> dict[str, Any]:
    config = call.state.config
    # The counts are null until someone is logged in.
    booked = call.state.ledger.confirmed(call.login.ssn) if call.login else None
    return {
        "loginRequired": True,
        "bankIdLoginRequired": True,
        "bookingCount": None if booked is None else len(booked),
        "unpaidCount": None if booked is None else len(booked),
        "refundEnabled": False,
        "useDirectPayment": False,
        "otpEnabled": config.otp_enabled,
        "continueWithoutLoginEnabled": False,
        "hcaptchaEnabledOnOtp": False,
        "hcaptchaSiteKey": "",
        "globalMessage": "",
        "isMobile": False,
        "version": REPLICA_VERSION,
    }


def begin_authentication(call: ApiCall) -> dict[str, Any]:
    order = call.state.orders.begin(call.now)
    return {
        "referenceId": order.reference_id,
        "autostartToken": order.autostart_token,
        "qrStartToken": order.qr_start_token,
        "qrStartSecret": order.qr_start_secret,
        "qrStartTime": order.qr_start_time,
        "qrCode": order.code_at(call.now),
    }


def check_authentication_status_qr(call: ApiCall) -> dict[str, Any]:
    fields = call.fields()
    reference_id = fields.get("referenceId")
    order = call.state.orders.by_reference(reference_id) if isinstance(reference_id, str) else None
    token = fields.get("qrStartToken")
    if order is None or (token not in (None, "") and token != order.qr_start_token):
        raise bankid_error(BANKID_UNKNOWN)
    state = call.state
    state.orders.refresh(order, call.now, state.config)
    if order.state == "pending":
        return {
            "qrCode": order.code_at(call.now),
            "collectionStatus": "OutstandingTransaction",
            "loginStatus": None,
        }
    if order.state == "cancelled":
        raise bankid_error(BANKID_CANCELLED)
    if order.state == "expired":
        raise bankid_error(BANKID_TIMED_OUT)
    login: Login | None
    if order.state == "approved" and order.ssn is not None:
        login = state.logins.login(order.ssn, call.now)
        order.state = "consumed"
        order.login_identity = login.identity
    else:  # consumed: a repeated poll gets the same login while it lasts
        login = state.logins.lookup(order.login_identity, call.now, state.config)
    if login is None:
        raise bankid_error(BANKID_UNKNOWN)
    call.login = login
    login_cookies(call, login)
    return {
        "qrCode": order.code_at(call.now),
        "collectionStatus": "Completed",
        "loginStatus": login.ssn,
    }


def is_authorizied(call: ApiCall) -> bool:
    return call.login is not None and not call.login.dying


def sign_out(call: ApiCall) -> None:
    if call.login is not None:
        call.state.logins.remove(call.login)
        call.login = None
    call.cookies.append(CookieChange(IDENTITY_COOKIE, None))
    call.cookies.append(CookieChange(LOGIN_VALID_COOKIE, None, http_only=False))


def is_system_updating(call: ApiCall) -> dict[str, Any]:
    window = call.state.faults.maintenance_at(call.now)
    if window is None:
        return {
            "isUpdating": False,
            "updateMessage": "",
            "showTimerMessage": False,
            "timerMessage": "",
        }
    timer = ""
    if window.until is not None:
        timer = f"Beräknas vara klart kl. {local_minutes(window.until)[11:]}"
    return {
        "isUpdating": True,
        "updateMessage": window.message,
        "showTimerMessage": bool(timer),
        "timerMessage": timer,
    }
