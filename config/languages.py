"""The languages Accord speaks, and to whom.

The conference works in the six UN languages and the host's: the pages the public sees
(the media application and its status, a delegation's registration, the side-event
proposal, the public programme) and every mail to applicants, delegations and side-event
organisers are offered in all seven. The staff UI stays in the three the committee works in.

The catalogues of the public-only languages hold only the messages of the files below
(`manage.py public_catalogues` trims them after makemessages), so that they are whole:
every message in them translated. `tests/logistics/core/test_public_languages.py` renders every
public page and mail in each language and fails on a message shown that is missing here:
add the file that holds it.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# In the order the UN lists its languages, then the host's.
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
    ("vi", _("Vietnamese")),
]
STAFF_LANGUAGES = ("en", "vi", "ar")
PUBLIC_ONLY_LANGUAGES = tuple(code for code, _name in LANGUAGES if code not in STAFF_LANGUAGES)

# The pages anyone may open, by URL name: they speak every language. Every other page is
# the staff's and falls back to the committee's language (LANGUAGE_CODE) in the others.
PUBLIC_URL_NAMES = frozenset({
    "apply_media", "apply_thanks", "apply_status", "apply_correct",
    "register", "register_bilaterals", "register_members_upload", "register_members_template",
    "programme_public", "programme_ical", "delegation_ical",
    "side_event_propose", "side_event_thanks", "side_event_confirm",
})

# The files whose messages the public pages and the mails show (globs, from the project's
# root). Whole files: a form or model module brings its staff-only messages too.
PUBLIC_SOURCES = (
    "config/languages.py",
    "config/middleware.py",
    "templates/base.html",
    "templates/_*.html",
    "templates/[45]0[0-9].html",
    "templates/public/*",
    "templates/accreditation/public/*",
    "templates/accreditation/email/*",
    "templates/side_events/*",
    "templates/logistics/delegations/registration/*",
    "templates/logistics/bilaterals/register.html",
    "templates/logistics/email/*",
    "accreditation/enums.py",
    "accreditation/applications/forms_public.py",
    "accreditation/applications/models/applications.py",
    "accreditation/applications/mail.py",
    "accreditation/applications/views/public.py",
    "logistics/*/enums.py",
    "logistics/core/forms.py",
    "logistics/bilaterals/forms.py",
    "logistics/delegations/registration/*.py",
    "logistics/side_events/forms.py",
    "logistics/delegations/models.py",
    "logistics/side_events/models.py",
    "logistics/*/mail.py",
    "logistics/core/privacy_notice.py",
    "logistics/templates/widgets/*",
    "logistics/programme/queries.py",
    "logistics/side_events/queries.py",
    "logistics/programme/views/public.py",
    "logistics/side_events/views/public.py",
)


def is_public(request):
    """Whether the request resolved to a page anyone may open (PUBLIC_URL_NAMES)."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in PUBLIC_URL_NAMES


def offered(request):
    """The language codes the page's language switch offers."""
    if is_public(request):
        return [code for code, _name in LANGUAGES]
    return [code for code, _name in LANGUAGES if code in STAFF_LANGUAGES]


class StaffLanguages:
    """After LocaleMiddleware: a staff page asked for in a language only the public pages
    speak (a French browser at the login, a journalist's cookie) is shown in the committee's
    language instead of half in English."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if translation.get_language() not in STAFF_LANGUAGES and not is_public(request):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()


def mail_language(language):
    """The language a mail goes out in: the recipient's if Accord speaks it, else the
    committee's (LANGUAGE_CODE)."""
    codes = {code for code, _name in LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE
