"""The API's error codes are a promise to integrations: each refusal keeps its code and its
HTTP status, whichever module defines it and whichever base it grows from."""

import importlib
import pkgutil

import accreditation
import logistics
import privacy
from logistics.core.errors import AccordError

CODES = {
    "admission_refused": 409,
    "already_inscribed": 409,
    "already_signed": 409,
    "badge_unusable": 409,
    "capacity_exceeded": 409,
    "confirmation_unusable": 404,
    "credentials_missing": 409,
    "delegation_media": 409,
    "dependency_cycle": 400,
    "duplicate_application": 409,
    "full_powers_missing": 409,
    "full_powers_not_received": 409,
    "import_rejected": 400,
    "invalid_application": 400,
    "invalid_bilateral": 400,
    "invalid_checkpoint": 400,
    "invalid_order_rule": 400,
    "invalid_proposal": 400,
    "invalid_review": 400,
    "invalid_room": 400,
    "invalid_session": 400,
    "invalid_setup": 400,
    "invalid_speaker": 400,
    "invalid_task": 400,
    "invalid_transition": 409,
    "invalid_venue": 400,
    "invitation_rejected": 400,
    "invitation_unusable": 404,
    "lookup_refused": 400,
    "not_a_state": 400,
    "not_allowed": 403,
    "not_editable": 409,
    "not_in_plenary": 409,
    "not_signed": 409,
    "nothing_to_export": 404,
    "nothing_to_publish": 409,
    "person_clash": 409,
    "proposals_closed": 409,
    "purge_too_early": 400,
    "quota_exceeded": 409,
    "review_closed": 409,
    "room_clash": 409,
    "scan_conflict": 409,
    "search_incomplete": 400,
    "session_owned": 409,
    "still_in_use": 409,
    "unknown_checkpoint": 400,
    "vetting_required": 409,
}


def every_error():
    for package in (logistics, accreditation, privacy):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not any(part in module.name for part in (".migrations", ".demo", ".management")):
                importlib.import_module(module.name)
    seen, todo = [], [AccordError]
    while todo:
        for subclass in todo.pop().__subclasses__():
            seen.append(subclass)
            todo.append(subclass)
    # The bases (AccordError's own code "error") are never raised themselves.
    return [error for error in seen if error.code != AccordError.code]


def test_every_refusal_keeps_its_code_and_status():
    errors = every_error()
    codes = [error.code for error in errors]
    assert len(codes) == len(set(codes)), "two refusals share a code"
    assert {error.code: error.http_status for error in errors} == CODES
