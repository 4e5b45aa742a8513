import logging
import re

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from lotse.core.context import _request_id, new_request_id, reset_request_id, set_request_id

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class RequestIdMiddleware:
    """Gives every request an id for the audit log, the logs and the X-Request-ID header.

    An id sent by the reverse proxy is kept when it looks like one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else new_request_id()
        request.request_id = request_id
        token = set_request_id(request_id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get() or "-"
        return True


class PrivateResponseMiddleware:
    """Pages and API answers for signed-in users may hold personal data: never cache them.

    Also closes browser features Lotse never uses.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        is_api = request.path.startswith("/api/")
        if (user is not None and user.is_authenticated) or is_api:
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
        )
        return response


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, seen through LOTSE_TRUSTED_PROXY_COUNT reverse proxies.

    Each trusted proxy (nginx: ``proxy_add_x_forwarded_for``) appends the address
    it saw to X-Forwarded-For, so the client is the N-th entry from the right;
    anything further left may be forged by the client and is ignored. Used by the
    login lockout, which must not lock everybody out behind one proxy address.
    """
    from django.conf import settings

    proxies = settings.LOTSE_TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class LanguageMiddleware:
    """German unless the person chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so the
    same office PC could show a different language from one day to the next;
    Lotse's working language is German and English is a deliberate choice
    (the switch sets the language cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
