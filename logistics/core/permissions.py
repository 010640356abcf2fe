"""Who may do what with the plan. Views, the API and the admin all ask these predicates.

Roles are Django groups named after `Role`; a superuser counts as secretariat.
"""

from django.contrib.auth.models import Group

from logistics.core.enums import Role


def roles_of(user):
    if not user or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_accord_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached |= {Role.SECRETARIAT}
        user._accord_roles = cached
    return cached


def has_role(user, *roles):
    return bool(roles_of(user) & set(roles))


def has_staff_role(user):
    """Any of the committee's roles: may sign in to the staff pages and choose the event."""
    return bool(roles_of(user) & set(Role.values))


# Need to know: the gates and security vetting work from their own pages (the scanner, the
# vetting queue) and have no use for the master plan, the delegations or the programme.
PLAN_READERS = frozenset(Role.values) - {Role.GATE, Role.VETTING}


def can_view_plan(user):
    """The master plan (dashboard, tasks, agencies, timeline, export): every role but the
    gate operators and the security vetting officers."""
    return bool(roles_of(user) & PLAN_READERS)


def home_page_of(user):
    """The URL name of the page a user without the plan starts from (the dashboard sends
    them there), or None. URL names only: logistics never imports accreditation."""
    if has_role(user, Role.VETTING):
        return "accreditation:vetting_queue"
    if has_role(user, Role.GATE):
        return "accreditation:scanner"
    return None


def can_manage_plan(user):
    """Create, import and edit any task, agency or committee."""
    return has_role(user, Role.SECRETARIAT)


def agency_ids_of(user):
    """The agencies a focal point answers for: its own, not the units under them (a unit
    has its own focal point; the ministry coordinates where the plan says so)."""
    if not has_role(user, Role.FOCAL_POINT):
        return frozenset()
    cached = getattr(user, "_accord_agency_ids", None)
    if cached is None:
        cached = frozenset(user.focal_agencies.values_list("pk", flat=True))
        user._accord_agency_ids = cached
    return cached


def can_update_task(user, task):
    """Secretariat: any task. Focal point: tasks its agencies lead or coordinate."""
    if can_manage_plan(user):
        return True
    mine = agency_ids_of(user)
    if not mine:
        return False
    if task.lead_agency_id in mine:
        return True
    return task.coordinating_agencies.filter(pk__in=mine).exists()


def role_group(role):
    group, _ = Group.objects.get_or_create(name=role)
    return group


def can_manage_delegations(user):
    """Delegations, their members and arrivals: the protocol office and the secretariat."""
    return has_role(user, Role.SECRETARIAT, Role.PROTOCOL)


def require(by, allowed, message):
    """The services' gate: NotAllowed(message) unless `allowed(by)`. `by` is None when the
    system itself acts (an import, a command, a registration through its secret link)."""
    if by is not None and not allowed(by):
        from logistics.core.errors import NotAllowed

        raise NotAllowed(message)


def can_manage_programme(user):
    """Venues, rooms, sessions and side events: the programme office and the secretariat."""
    return has_role(user, Role.SECRETARIAT, Role.PROGRAMME)


def can_view_delegations(user):
    """Delegations, the signing ceremony, the speakers list and bilaterals, without
    personal data: every staff role but the agencies' focal points."""
    return has_role(user, Role.SECRETARIAT, Role.PROTOCOL, Role.PROGRAMME, Role.STEERING,
                    Role.OBSERVER)


def can_see_personal_data(user):
    """Members' dates of birth, flights, hotels, photos and credentials: the protocol office
    and the secretariat, who look after the delegations. (ID document numbers are for the
    vetting officers alone, in accreditation.)"""
    return has_role(user, Role.SECRETARIAT, Role.PROTOCOL)


def can_view_programme(user):
    """The programme grid and sessions: every role that reads the plan."""
    return can_view_plan(user)


def can_review_proposals(user):
    """Score side-event proposals and decide on them: the programme office (and the
    secretariat)."""
    return can_manage_programme(user)


def can_view_outbox(user):
    """The outbox (every mail Accord sent or is sending, to whom, and why one failed): the
    secretariat alone. Its addresses are every kind of person's (agencies, delegations,
    applicants, organisers), and only the secretariat sees all of them."""
    return has_role(user, Role.SECRETARIAT)
