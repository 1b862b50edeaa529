"""Security headers on every response, and the request-size guard.

The pages carry no inline script or style, so the Content-Security-Policy can forbid both:
whatever text a document holds, it can never run in a reader's browser.
"""

from __future__ import annotations

from flask import Flask, Response, abort, current_app, request

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def add_security_headers(response: Response) -> Response:
    """Set the security headers (without overriding a header a view set on purpose)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def refuse_large_bodies() -> None:
    """413 for any request body over MAX_CONTENT_LENGTH, before a view reads it."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit is not None and request.content_length is not None and request.content_length > limit:
        abort(413)


def install(app: Flask) -> None:
    """Register the guards and headers on ``app``."""
    app.before_request(refuse_large_bodies)
    app.after_request(add_security_headers)
