from datetime import date

from ninja import Router
from ninja.pagination import paginate

from lotse.api.auth import require_area
from lotse.api.errors import ErrorOut
from lotse.api.schemas import AuditEntryOut
from lotse.core.tenancy import Area
from lotse.privacy.forms import filter_entries
from lotse.privacy.models import AuditAction, AuditEntry
from lotse.privacy.services import audit_record

router = Router(tags=["Datenschutz"])


@router.get("", response={200: list[AuditEntryOut], 422: ErrorOut})
@paginate
def audit_list(
    request,
    day_from: date | None = None,
    day_to: date | None = None,
    action: AuditAction | None = None,
    actor: int | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    request_id: str | None = None,
):
    """The access log within the data protection officer's organisations, newest first."""
    require_area(request, Area.AUDIT)
    audit_record(
        actor=request.user,
        action=AuditAction.SEARCH,
        object_type="privacy.auditentry",
        purpose="Zugriffsprotokoll über die API durchsucht",
    )
    data = {
        "day_from": day_from,
        "day_to": day_to,
        "action": action,
        "actor": actor,
        "object_type": object_type,
        "object_id": object_id,
        "request_id": request_id,
    }
    return filter_entries(AuditEntry.objects.for_user(request.user), data).order_by("-id")
