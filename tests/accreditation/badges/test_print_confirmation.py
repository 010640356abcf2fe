"""A badge is printed when a person says so, not when its PDF is made: one badge (its page,
the collection desk), a whole batch, or the API. The list, its filter and the API count the
confirmation; a second one changes nothing; only the office confirms, only an active badge,
only one whose PDF was made, only a finished batch."""

import pytest
from django.test import Client
from django.urls import reverse

from accreditation.badges.models import Badge, BadgeBatch
from accreditation.badges.services import batches
from accreditation.badges.services.badges import badge_collect, badge_issue, badge_revoke
from accreditation.enums import BatchStatus, PrintStatus
from logistics.core.enums import Role
from tests.factories.accreditation import approved, journalist
from tests.factories.plan import user_with_role

LIST = reverse("accreditation:badge_list")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def badge(event, cats):
    return badge_issue(application_id=approved(journalist(event, family_name="Diallo")).pk)


def confirm(client, badge, **data):
    return client.post(reverse("accreditation:badge_confirm_printed", args=[badge.pk]), data)


def printed_rows(client):
    page = client.get(f"{LIST}?print_status=printed").content.decode()
    return page.count('data-testid="badge-row"')


def test_the_pdf_is_not_the_print_the_confirmation_is(client, badge, officer):
    client.force_login(officer)
    client.get(reverse("accreditation:badge_pdf", args=[badge.pk]))
    badge.refresh_from_db()
    assert badge.pdf_made_at is not None and badge.print_status == PrintStatus.NOT_PRINTED
    assert printed_rows(client) == 0
    detail = client.get(reverse("accreditation:badge_detail", args=[badge.pk])).content.decode()
    assert "PDF made, not confirmed printed" in detail and 'data-testid="confirm-printed"' in detail

    response = confirm(client, badge)
    assert response["Location"] == reverse("accreditation:badge_detail", args=[badge.pk])
    badge.refresh_from_db()
    assert (badge.print_status, badge.printed_by) == (PrintStatus.PRINTED, officer)
    assert printed_rows(client) == 1
    detail = client.get(response["Location"]).content.decode()
    assert "confirmed by" in detail and 'data-testid="confirm-printed"' not in detail

    first = badge.printed_at
    client.get(reverse("accreditation:badge_pdf", args=[badge.pk]))  # printed again
    confirm(client, badge)
    badge.refresh_from_db()
    assert (badge.printed_at, badge.printed_by) == (first, officer)


def test_a_badge_without_a_pdf_is_not_confirmed(client, badge, officer):
    client.force_login(officer)
    page = client.get(reverse("accreditation:badge_detail", args=[badge.pk])).content.decode()
    assert 'data-testid="confirm-printed"' not in page
    response = client.post(reverse("accreditation:badge_confirm_printed", args=[badge.pk]),
                           follow=True)
    assert "has no PDF yet" in response.content.decode()
    badge.refresh_from_db()
    assert badge.print_status == PrintStatus.NOT_PRINTED


def test_an_inactive_badge_is_not_confirmed(client, badge, officer):
    client.force_login(officer)
    client.get(reverse("accreditation:badge_pdf", args=[badge.pk]))
    badge_revoke(badge=badge, by=officer, reason="Left the outlet.")
    response = client.post(reverse("accreditation:badge_confirm_printed", args=[badge.pk]),
                           follow=True)
    assert "only an active badge is printed" in response.content.decode()
    badge.refresh_from_db()
    assert badge.print_status == PrintStatus.NOT_PRINTED


@pytest.mark.parametrize("role", [Role.VETTING, Role.PROTOCOL, Role.GATE, Role.STEERING, None])
def test_only_the_office_confirms(badge, role):
    Badge.objects.filter(pk=badge.pk).update(pdf_made_at=badge.issued_at)
    batch = BadgeBatch.objects.create(event=badge.event, total=1, status=BatchStatus.DONE)
    batch.badges.set([badge])
    client = Client()
    if role is not None:
        client.force_login(user_with_role(role, username=f"user-{role}"))
    for url in (reverse("accreditation:badge_confirm_printed", args=[badge.pk]),
                reverse("accreditation:batch_confirm_printed", args=[batch.pk])):
        response = client.post(url)
        if role is None:
            assert response.status_code == 302 and "/login/" in response["Location"]
        else:
            assert response.status_code == 403
    badge.refresh_from_db()
    batch.refresh_from_db()
    assert badge.print_status == PrintStatus.NOT_PRINTED and batch.printed_at is None


def test_confirming_is_a_post_on_the_events_own_badge(client, badge, officer):
    client.force_login(officer)
    url = reverse("accreditation:badge_confirm_printed", args=[badge.pk])
    assert client.get(url).status_code == 405
    assert client.post(reverse("accreditation:badge_confirm_printed",
                               args=[999999])).status_code == 404
    assert client.post(reverse("accreditation:batch_confirm_printed",
                               args=[999999])).status_code == 404


def test_the_desk_confirms_and_comes_back_to_the_person(client, badge, officer):
    client.force_login(officer)
    desk = f"{reverse('accreditation:collection')}?application={badge.application_id}"
    page = client.get(desk).content.decode()
    assert 'data-testid="print-first"' in page and 'data-testid="confirm-printed"' not in page
    client.get(reverse("accreditation:badge_pdf", args=[badge.pk]))
    page = client.get(desk).content.decode()
    assert 'data-testid="confirm-printed"' in page and 'name="back" value="desk"' in page
    response = confirm(client, badge, back="desk")
    assert response["Location"] == desk
    # Anything else sent as "back" goes to the badge's page, never elsewhere.
    assert confirm(client, badge, back="https://evil.example/")["Location"] == reverse(
        "accreditation:badge_detail", args=[badge.pk])
    badge.refresh_from_db()
    assert badge.print_status == PrintStatus.PRINTED


def test_handing_over_confirms_the_print(badge, officer):
    badge = badge_collect(badge=badge, by=officer)
    badge.refresh_from_db()
    assert (badge.print_status, badge.printed_by) == (PrintStatus.PRINTED, officer)
    assert badge.printed_at == badge.collected_at


# A batch


@pytest.fixture
def made_batch(event, cats, officer, celery_eager, django_capture_on_commit_callbacks):
    badges = [badge_issue(application_id=approved(journalist(event)).pk) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        batch = batches.batch_create(event=event, badges=badges, by=officer)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE
    return batch, badges


def test_a_batch_is_confirmed_printed_once(client, officer, secretariat, made_batch):
    batch, (one, two, revoked) = made_batch
    client.force_login(officer)
    assert printed_rows(client) == 0
    confirm(client, one)  # confirmed on its own before the batch
    one.refresh_from_db()
    badge_revoke(badge=revoked, by=officer, reason="Lost its outlet.")
    detail = reverse("accreditation:batch_detail", args=[batch.pk])
    assert 'data-testid="confirm-batch-printed"' in client.get(detail).content.decode()

    url = reverse("accreditation:batch_confirm_printed", args=[batch.pk])
    page = client.post(url, follow=True).content.decode()
    assert "1 badge counts as printed" in page and 'data-testid="confirm-batch-printed"' not in page
    statuses = dict(Badge.objects.values_list("pk", "print_status"))
    assert statuses == {one.pk: "printed", two.pk: "printed", revoked.pk: "not_printed"}
    assert Badge.objects.get(pk=one.pk).printed_at == one.printed_at  # its own time kept
    assert printed_rows(client) == 2

    client.force_login(secretariat)
    client.post(url)
    batch.refresh_from_db()
    assert batch.printed_by == officer  # a second confirmation changes nothing


@pytest.mark.parametrize("status", [BatchStatus.QUEUED, BatchStatus.RUNNING,
                                    BatchStatus.FAILED])
def test_an_unfinished_batch_is_not_confirmed(client, officer, event, cats, status):
    badge = badge_issue(application_id=approved(journalist(event)).pk)
    batch = BadgeBatch.objects.create(event=event, total=1, status=status)
    batch.badges.set([badge])
    client.force_login(officer)
    response = client.post(reverse("accreditation:batch_confirm_printed", args=[batch.pk]),
                           follow=True)
    assert "only a finished batch is printed" in response.content.decode()
    badge.refresh_from_db()
    batch.refresh_from_db()
    assert badge.print_status == PrintStatus.NOT_PRINTED and batch.printed_at is None
