"""Invitations to register, and the registration a delegation's focal point submits
through the secret link."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from logistics.core import mail, permissions
from logistics.core.crypto import secret_match
from logistics.core.enums import MailKind, MailStatus
from logistics.core.errors import NotAllowed
from logistics.core.models.event import Event
from logistics.core.queueing import queue_after_commit
from logistics.core.signals import delegation_registered
from logistics.delegations.enums import STATE_KINDS, DelegationKind, DelegationStatus
from logistics.delegations.errors import InvitationRejected, InvitationUnusable
from logistics.delegations.mail import invitation_message
from logistics.delegations.models import Delegation, DelegationMember, Invitation
from logistics.delegations.services.delegations import (
    delegation_create,
    forget_files_after_commit,
    member_add,
    member_update,
    revoke_links,
)

DETAIL_FIELDS = {"head_name", "head_title", "head_level", "focal_point_name",
                 "focal_point_email", "hotel"}


def _check_officer(by):
    if not permissions.can_manage_delegations(by):
        raise NotAllowed(_("Only the protocol office can send invitations."))


def _queue_mail(invitation_id):
    queue_after_commit("logistics.send_invitation", invitation_id)


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
        revoke_links(delegation.invitations.live(), now=now)
        invitation = Invitation.objects.create(delegation=delegation, expires_at=expires_at,
                                               email=delegation.focal_point_email)
        _queue_mail(invitation.pk)
        invited.append(invitation)
    return invited, skipped


# A delegation that declined is invited again only once the protocol office has set it back.
_DECLINED = gettext_lazy("%(name)s declined: set its status back to invited on its page first.")


def _validation_text(error):
    return " ".join(error.messages)


@transaction.atomic
def delegations_invite(*, event, by, countries=(), organisations=()):
    """The protocol office's bulk invitation: `countries` is [(country, focal point e-mail)],
    `organisations` is [(label, kind, name, e-mail)] where label names the pasted line. A
    delegation is created where there is none yet (one not yet invited is reused), then all
    are invited through invitations_send. All or nothing: InvitationRejected lists every
    country or line that could not be invited. Returns (invited, skipped)."""
    _check_officer(by)
    # Two bulk invitations at once would each create the same new delegations: the second
    # waits here, then finds the first one's delegations invited and reports them.
    Event.objects.select_for_update().get(pk=event.pk)
    errors, chosen = [], []
    existing = {d.country_id: d for d in Delegation.objects.select_for_update()
                .filter(event=event, country__in=[c for c, _email in countries])}
    invited_ids = set(Invitation.objects.filter(delegation__event=event)
                      .values_list("delegation_id", flat=True))
    for country, email in countries:
        delegation = existing.get(country.pk)
        if delegation is not None and delegation.pk in invited_ids:
            errors.append(_("%(name)s was invited already: send the link again from its "
                            "page.") % {"name": delegation.name})
            continue
        if delegation is not None and delegation.status == DelegationStatus.DECLINED:
            errors.append(_DECLINED % {"name": delegation.name})
            continue
        kind = DelegationKind.STATE if country.un_member else DelegationKind.OBSERVER_STATE
        try:
            with transaction.atomic():
                if delegation is None:
                    delegation = delegation_create(event=event, by=by, kind=kind,
                                                   country=country, focal_point_email=email)
                elif email:
                    delegation.focal_point_email = email
                    delegation.full_clean()
                    delegation.save()
        except ValidationError as error:
            errors.append(f"{country.display_name()}: {_validation_text(error)}")
            continue
        chosen.append(delegation)
    names, pasted = {}, set()
    for delegation in Delegation.objects.filter(event=event, country__isnull=True):
        names.setdefault(delegation.name.casefold(), delegation)
    for label, kind, name, email in organisations:
        if kind in STATE_KINDS:
            errors.append(_("%(line)s: a state is invited from the list of countries.")
                          % {"line": label})
            continue
        if name.casefold() in pasted:
            errors.append(_("%(line)s: %(name)s is on an earlier line already.")
                          % {"line": label, "name": name})
            continue
        pasted.add(name.casefold())
        delegation = names.get(name.casefold())
        if delegation is not None and delegation.pk in invited_ids:
            errors.append(_("%(line)s: %(name)s was invited already: send the link again "
                            "from its page.") % {"line": label, "name": delegation.name})
            continue
        if delegation is not None and delegation.status == DelegationStatus.DECLINED:
            errors.append(f"{label}: {_DECLINED % {'name': delegation.name}}")
            continue
        try:
            with transaction.atomic():
                if delegation is None:
                    delegation = delegation_create(event=event, by=by, kind=kind, name=name,
                                                   focal_point_email=email)
                else:
                    delegation.focal_point_email = email
                    delegation.full_clean()
                    delegation.save()
        except ValidationError as error:
            errors.append(f"{label}: {_validation_text(error)}")
            continue
        chosen.append(delegation)
    if errors:
        raise InvitationRejected(errors)
    return invitations_send(event=event, by=by, delegations=chosen)


@transaction.atomic
def invitation_revoke(*, invitation, by):
    _check_officer(by)
    revoke_links(Invitation.objects.filter(pk=invitation.pk), now=timezone.now())


def _check_usable(invitation):
    delegation = invitation.delegation
    if invitation.revoked_at is not None:
        raise InvitationUnusable(_("This registration link has been replaced by a newer one. "
                                   "Use the link in the latest invitation, or ask the "
                                   "protocol office to send it again."))
    if delegation.status == DelegationStatus.DECLINED:
        raise InvitationUnusable(
            _("%(name)s has declined to attend %(event)s, so this registration link no "
              "longer works. If that has changed, ask the protocol office to send a new link.")
            % {"name": delegation.name, "event": delegation.event.name})
    if timezone.now() >= invitation.expires_at:
        raise InvitationUnusable(_("Registration closed on %(date)s. Contact the protocol "
                                   "office.") % {"date": invitation.expires_at.astimezone(
                                       delegation.event.tz).strftime("%Y-%m-%d")})


def invitation_open(token):
    """The invitation behind a link, if it may still be used; InvitationUnusable says why
    not (replaced, the delegation declined, registration closed), in words the focal point
    can act on."""
    invitation = (Invitation.objects.select_related("delegation__event", "delegation__country")
                  .filter(secret_match("token", token)).first())
    if invitation is None:
        raise InvitationUnusable(_("This registration link is not valid. Check that you "
                                   "copied the whole link from the invitation."))
    _check_usable(invitation)
    return invitation


@transaction.atomic
def registration_submit(*, token, details, members, removed=(), credentials=None,
                        consented_at=None, mail_language=""):
    """Save what the focal point entered: delegation details, new and changed members (each
    a dict; with "pk" for a change; a member without a new "photo" keeps theirs), members
    removed, and the credentials document (a checked upload, see logistics.core.uploads) if one
    was sent. All or nothing; quota and validation errors are raised by the member
    services. The first complete registration (at least one member) is stamped
    registered_at. Announces the registration. `consented_at`: when the focal point agreed
    to the privacy notice of the form. `mail_language`: the form's, which the focal point's
    mails then follow."""
    invitation = invitation_open(token)
    delegation = (Delegation.objects.select_for_update(of=("self",)).select_related("event")
                  .get(pk=invitation.delegation_id))
    # Checked again under the lock: the delegation may have declined (and its link been
    # revoked) since the form was opened.
    invitation = Invitation.objects.get(pk=invitation.pk)
    invitation.delegation = delegation
    _check_usable(invitation)
    for name, value in details.items():
        if name in DETAIL_FIELDS:
            setattr(delegation, name, value)
    if consented_at is not None:
        delegation.privacy_consent_at = consented_at
    if mail_language:
        delegation.mail_language = mail_language
    if credentials is not None:
        # A new document is checked again by the protocol office.
        forget_files_after_commit(delegation.credentials_document.name)
        delegation.credentials_document = credentials
        delegation.credentials_received_at = timezone.now()
        delegation.credentials_checked_by = delegation.credentials_checked_at = None
    if delegation.status in (DelegationStatus.INVITED, DelegationStatus.CONFIRMED):
        delegation.status = DelegationStatus.REGISTERED
    existing = {m.pk: m for m in delegation.members.all()}
    for pk in removed:
        if pk in existing:
            member = existing.pop(pk)
            forget_files_after_commit(member.photo.name)
            member.delete()
    for fields in members:
        fields = dict(fields)
        pk = fields.pop("pk", None)
        if pk in existing:
            member_update(member=existing[pk], by=None, **fields)
        else:
            member_add(delegation=delegation, by=None, **fields)
    saved = list(DelegationMember.objects.filter(delegation=delegation))
    if not saved:
        raise ValidationError(_("Register at least one member of the delegation: its head "
                                "or the person who will attend."))
    if delegation.registered_at is None:
        delegation.registered_at = timezone.now()
    delegation.full_clean()
    delegation.save()

    def announce():
        delegation_registered.send(sender=Delegation, delegation=delegation, members=saved)

    transaction.on_commit(announce)
    return delegation


def invitation_mail_send(*, invitation_id, final=False, redelivered=False):
    """Mail one invitation once (logistics.core.mail: a task delivered twice, even to two
    workers at once, sends one mail; a failed send is given back for the task's retry),
    unless it was revoked meanwhile (a resend replaced it) or was mailed before. Stamps the
    invitation sent, for its delegation's page. True when this call sent it."""
    invitation = (Invitation.objects.select_related("delegation__event")
                  .filter(pk=invitation_id, revoked_at__isnull=True, sent_at__isnull=True)
                  .first())
    if invitation is None:
        return False
    status = mail.mail_send(key=f"invitation:{invitation.pk}", kind=MailKind.INVITATION,
                            event=invitation.delegation.event, to=[invitation.email],
                            build=lambda: invitation_message(invitation),
                            final=final, redelivered=redelivered)
    if status != MailStatus.SENT:
        return False
    Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(
        sent_at=timezone.now())
    return True
