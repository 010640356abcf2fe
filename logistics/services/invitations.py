"""Invitations to register, and the registration a delegation's focal point submits
through the secret link."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from logistics import permissions
from logistics.enums import DelegationStatus
from logistics.errors import InvitationUnusable, NotAllowed
from logistics.models import Delegation, DelegationMember, Invitation
from logistics.queueing import queue_after_commit
from logistics.services.delegations import member_add, member_update
from logistics.signals import delegation_registered

DETAIL_FIELDS = {"head_name", "head_title", "head_level", "focal_point_name",
                 "focal_point_email", "hotel"}


def _check_officer(by):
    if not permissions.can_manage_delegations(by):
        raise NotAllowed(_("Only the protocol office can send invitations."))


def _queue_mail(invitation_id):
    from logistics.tasks import send_invitation

    queue_after_commit(send_invitation, invitation_id)


@transaction.atomic
def invitations_send(*, event, by, delegations):
    """Invite delegations in bulk: each gets a new secret link (the previous one stops
    working) mailed to its focal point. Returns (invited, skipped): delegations without a
    focal point's e-mail, or that declined, are skipped."""
    _check_officer(by)
    invited, skipped = [], []
    expires_at = event.registration_closes_at()
    now = timezone.now()
    for delegation in Delegation.objects.select_for_update().filter(
            event=event, pk__in=[d.pk for d in delegations]).order_by("pk"):
        if not delegation.focal_point_email or delegation.status == DelegationStatus.DECLINED:
            skipped.append(delegation)
            continue
        delegation.invitations.filter(revoked_at__isnull=True).update(revoked_at=now)
        invitation = Invitation.objects.create(delegation=delegation, expires_at=expires_at,
                                               email=delegation.focal_point_email)
        _queue_mail(invitation.pk)
        invited.append(invitation)
    return invited, skipped


@transaction.atomic
def invitation_revoke(*, invitation, by):
    _check_officer(by)
    Invitation.objects.filter(pk=invitation.pk, revoked_at__isnull=True) \
        .update(revoked_at=timezone.now())


def invitation_open(token):
    """The invitation behind a link, if it may still be used; InvitationUnusable says why
    not, in words the focal point can act on."""
    invitation = (Invitation.objects.select_related("delegation__event", "delegation__country")
                  .filter(token=token).first())
    if invitation is None:
        raise InvitationUnusable(_("This registration link is not valid. Check that you "
                                   "copied the whole link from the invitation."))
    if invitation.revoked_at is not None:
        raise InvitationUnusable(_("This registration link has been replaced by a newer one. "
                                   "Use the link in the latest invitation, or ask the "
                                   "protocol office to send it again."))
    if timezone.now() >= invitation.expires_at:
        raise InvitationUnusable(_("Registration closed on %(date)s. Contact the protocol "
                                   "office.") % {"date": invitation.expires_at.astimezone(
                                       invitation.delegation.event.tz).strftime("%Y-%m-%d")})
    return invitation


@transaction.atomic
def registration_submit(*, token, details, members, removed=()):
    """Save what the focal point entered: delegation details, new and changed members (each
    a dict; with "pk" for a change), and members removed. All or nothing; quota and
    validation errors are raised by the member services. Announces the registration."""
    invitation = invitation_open(token)
    delegation = Delegation.objects.select_for_update().get(pk=invitation.delegation_id)
    for name, value in details.items():
        if name in DETAIL_FIELDS:
            setattr(delegation, name, value)
    if delegation.status in (DelegationStatus.INVITED, DelegationStatus.CONFIRMED):
        delegation.status = DelegationStatus.REGISTERED
    delegation.full_clean()
    delegation.save()
    existing = {m.pk: m for m in delegation.members.all()}
    for pk in removed:
        if pk in existing:
            existing.pop(pk).delete()
    for fields in members:
        fields = dict(fields)
        pk = fields.pop("pk", None)
        if pk in existing:
            member_update(member=existing[pk], by=None, **fields)
        else:
            member_add(delegation=delegation, by=None, **fields)
    saved = list(DelegationMember.objects.filter(delegation=delegation))

    def announce():
        delegation_registered.send(sender=Delegation, delegation=delegation, members=saved)

    transaction.on_commit(announce)
    return delegation


def invitation_mail_send(*, invitation_id):
    """Mail one invitation unless it was revoked meanwhile (a resend replaced it)."""
    from logistics import notifications

    invitation = (Invitation.objects.select_related("delegation__event")
                  .filter(pk=invitation_id, revoked_at__isnull=True).first())
    if invitation is None or invitation.sent_at is not None:
        return False
    notifications.send_invitation(invitation)
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return True
