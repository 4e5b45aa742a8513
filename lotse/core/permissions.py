"""View guards. Row-level isolation is in lotse.core.tenancy; this only asks the
signed-in user whether a role grants an area at all, so pages answer 403 before
any query."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from lotse.core.tenancy import Area, scope_of


def area_required(area: Area, *, write: bool = False):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            scope = scope_of(request.user)
            if scope is None or not scope.has_area(area, write=write):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
