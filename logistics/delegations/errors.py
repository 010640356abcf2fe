"""The delegations' refusals (see logistics.core.errors)."""

from django.utils.translation import ngettext

from logistics.core.errors import Conflict, LinkUnusable, ManyErrors


class InvitationUnusable(LinkUnusable):
    """An invitation link that is unknown, revoked or past the registration deadline."""

    code = "invitation_unusable"


class CredentialsMissing(Conflict):
    """The note verbale or nomination letter has not been uploaded: nothing to check."""

    code = "credentials_missing"


class InvitationRejected(ManyErrors):
    """A bulk invitation with errors; `errors` names each country or line, nothing was sent."""

    code = "invitation_rejected"
    field = "lines"

    @staticmethod
    def summary(count):
        return ngettext("%(count)s error; nobody was invited.",
                        "%(count)s errors; nobody was invited.", count) % {"count": count}
