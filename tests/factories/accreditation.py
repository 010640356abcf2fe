"""Applications, outlets and badges for the accreditation tests. Applications are made
through the service (as every real one is), so their first Transition exists."""

from datetime import date

import factory

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import application_create
from accreditation.badges.services.badges import badge_collect, badge_issue
from accreditation.enums import ApplicationSource, ApplicationStatus, OutletKind, VettingStatus
from accreditation.setup.models import AccreditationCategory, MediaOutlet
from accreditation.setup.services.categories import categories_install_defaults
from tests.factories.delegations import country


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaOutlet

    name = factory.Sequence(lambda n: f"Outlet {n}")
    country = factory.LazyFunction(lambda: country("VN"))
    kind = OutletKind.NEWS_AGENCY
    domestic = True
    quota = 4


def categories(event):
    """The default zones and categories of the event, by letter code."""
    categories_install_defaults(event=event, by=None)
    return {c.code: c for c in AccreditationCategory.objects.filter(event=event)}


_counter = iter(range(1, 10**9))


def journalist(event, *, outlet=None, category_code="P", source=ApplicationSource.PUBLIC_FORM,
               **fields):
    """A press application in `submitted`, with a unique name, e-mail and passport."""
    n = next(_counter)
    category = AccreditationCategory.objects.get(event=event, code=category_code)
    values = {
        "family_name": f"Trần {n}", "given_names": "Thị Mai",
        "date_of_birth": date(1985, 1, 1 + n % 28), "nationality": country("VN"),
        "email": f"journalist{n}@example.org", "id_document_kind": "passport",
        "id_document_number": f"C{n:07d}", "id_document_expiry": date(2031, 1, 1),
        "media_role": "reporter", "function": "Correspondent",
    }
    if category.kind in ("media", "media_technician"):
        values["outlet"] = outlet or OutletFactory(event=event)
    else:
        values.pop("media_role")
    values.update(fields)
    return application_create(event=event, category=category, source=source, **values)


def approved(application, *, vetter=None, officer=None):
    """Vetted (when the category asks) and approved, without waiting for Celery."""
    from accreditation.applications.services.applications import application_approve
    from accreditation.vetting.services.decisions import application_vet

    if application.vetting == VettingStatus.PENDING and vetter is not None:
        application_vet(application=application, by=vetter, cleared=True)
    elif application.vetting == VettingStatus.PENDING:
        Application.objects.filter(pk=application.pk).update(vetting=VettingStatus.CLEARED)
    application_approve(application=Application.objects.get(pk=application.pk), by=officer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    return application


def collected_badge(application, *, officer=None):
    """An approved application's badge, issued and handed over: it opens its zones."""
    badge = badge_issue(application_id=approved(application, officer=officer).pk)
    return badge_collect(badge=badge, by=officer) if officer else _collected(badge)


def _collected(badge):
    from django.utils import timezone

    type(badge).objects.filter(pk=badge.pk).update(collected_at=timezone.now())
    badge.refresh_from_db()
    return badge
