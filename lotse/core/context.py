"""Per-request context that services may read without knowing about HTTP.

The request middleware sets the request id; services and the audit log read it.
Commands run outside a request and get a fresh id per command.
"""

import uuid
from contextvars import ContextVar

_request_id: ContextVar[str | None] = ContextVar("lotse_request_id", default=None)


def new_request_id() -> str:
    return uuid.uuid4().hex


def current_request_id() -> str:
    value = _request_id.get()
    if value is None:
        value = new_request_id()
        _request_id.set(value)
    return value


def set_request_id(value: str | None):
    return _request_id.set(value)


def reset_request_id(token) -> None:
    _request_id.reset(token)
