"""Writes to case files. Each function is atomic, logs to the access log, and
refuses with a RuleViolation whose German message names the field and the rule.

The date rules are the functional core's (lotse.cases.rules.period); this layer
loads the case, calls them, and saves. One module per entity; import from here.
"""

from lotse.cases.services.barriers import barrier_note
from lotse.cases.services.clients import (
    NAME_FIELDS,
    EditConflict,
    case_manager_error,
    cases_reassign,
    client_create,
    client_duplicates_check,
    client_personal_data_update,
    client_snapshot,
)
from lotse.cases.services.closure import case_close, case_reopen
from lotse.cases.services.conferences import Agreement, Participant, conference_record
from lotse.cases.services.consent import consent_record, consent_withdraw
from lotse.cases.services.consultations import consultation_record
from lotse.cases.services.extensions import extension_decide, extension_request
from lotse.cases.services.plans import (
    goal_save,
    plan_diff,
    plan_missing_sections,
    plan_save,
    plan_snapshot,
    plan_state,
    version_state,
)
from lotse.cases.services.reassessments import reassessment_record
from lotse.cases.services.referrals import (
    consent_covers_service,
    referral_create,
    referral_reopen,
    referral_status_update,
)
from lotse.cases.services.state import (
    approved_extension,
    current_consent,
    initial_consultation_date,
    open_closure,
)

__all__ = [
    "NAME_FIELDS",
    "Agreement",
    "EditConflict",
    "Participant",
    "approved_extension",
    "barrier_note",
    "case_close",
    "case_manager_error",
    "case_reopen",
    "cases_reassign",
    "client_create",
    "client_duplicates_check",
    "client_personal_data_update",
    "client_snapshot",
    "conference_record",
    "consent_covers_service",
    "consent_record",
    "consent_withdraw",
    "consultation_record",
    "current_consent",
    "extension_decide",
    "extension_request",
    "goal_save",
    "initial_consultation_date",
    "open_closure",
    "plan_diff",
    "plan_missing_sections",
    "plan_save",
    "plan_snapshot",
    "plan_state",
    "reassessment_record",
    "referral_create",
    "referral_reopen",
    "referral_status_update",
    "version_state",
]
