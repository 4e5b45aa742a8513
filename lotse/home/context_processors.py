from django.conf import settings

from lotse.home.navigation import navigation_for


def shell(request) -> dict:
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    nav = []
    for item in navigation_for(user) if signed_in else []:
        url = item.url
        current = request.path == url or (url != "/" and request.path.startswith(url))
        nav.append({"label": item.label, "url": url, "current": current})
    return {
        "nav_items": nav,
        "demo_mode": settings.LOTSE_DEMO,
        "oidc_enabled": settings.LOTSE_OIDC_ENABLED,
        "current_path": request.path,
    }
