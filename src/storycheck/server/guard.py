"""Request guards: body size limit, Host check, token, cross-site refusal, security headers.

They run before any handler, so a refused request never reaches the store. Each refusal
answers in the one error shape (JSON under /api, an HTML page elsewhere).
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import InputError, StorycheckError
from .responses import error_body, error_response

# Name of the cookie that carries the token after a browser visits `/?token=...` once.
TOKEN_COOKIE = "storycheck_token"
# Methods that change the store: a browser sends Origin on these, so a foreign one is refused.
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Pages may load only this app's own scripts, styles and images; inline styles are allowed
# for the CSS custom properties of bars; nothing may frame the app.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
    " form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # "no-referrer" makes browsers send Origin: null on forms
    "X-Frame-Options": "DENY",
}

CallNext = Callable[[Request], Awaitable[Response]]


class BodyTooLarge(InputError):
    """Raised inside `receive` when a streamed body passes the limit (SC402, answered 413)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__("SC402", size=size, limit=limit)


class BodyLimit:
    """ASGI middleware: refuse bodies over `limit` bytes with 413 (SC402).

    A declared Content-Length over the limit is refused before reading; a chunked body is
    counted as it streams and cut off at the limit.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await self._refuse(scope, receive, send, declared)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge(seen, self.limit)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except* BodyTooLarge:  # raised in `receive`, possibly inside a task group
            if not started:
                await self._refuse(scope, receive, send, seen)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, size: int) -> None:
        err = StorycheckError("SC402", size=size, limit=self.limit)
        response = JSONResponse(error_body(err, 413), status_code=413, headers={"Connection": "close"})
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class Guard:
    """HTTP middleware: Host allow-list, token, cross-site refusal, security headers.

    Args:
        token: when set, every request must carry it (Bearer header, `?token=` or cookie).
        allowed_hosts: Host header names accepted (DNS-rebinding defence); any when None.
    """

    def __init__(self, *, token: str | None, allowed_hosts: frozenset[str] | None) -> None:
        self.token = token
        self.allowed_hosts = allowed_hosts

    async def __call__(self, request: Request, call_next: CallNext) -> Response:
        refusal = self._refusal(request)
        if refusal is not None:
            response = error_response(request, refusal)
        else:
            response = await call_next(request)
            if self.token and request.query_params.get("token") == self.token:
                response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
        response.headers.update(SECURITY_HEADERS)
        return response

    def _refusal(self, request: Request) -> StorycheckError | None:
        host = request_host(request)
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            return StorycheckError("SC408", reason=f"unexpected Host '{host}'")
        if self.token and not _has_token(request, self.token):
            return StorycheckError("SC403")
        if request.method in UNSAFE_METHODS and not same_origin(request):
            return StorycheckError("SC408", reason="Origin differs from Host")
        return None


def request_host(request: Request) -> str:
    """The Host header's name without the port (brackets of IPv6 removed)."""
    raw = request.headers.get("host", "")
    name = urlsplit(f"//{raw}").hostname
    return name or ""


def same_origin(request: Request) -> bool:
    """True when the request has no Origin (a non-browser client) or one matching Host."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.netloc.lower() == request.headers.get("host", "").lower()


def _has_token(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    offered = (
        header.removeprefix("Bearer ").strip()
        if header.startswith("Bearer ")
        else request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
    )
    return hmac.compare_digest(offered.encode(), token.encode())
