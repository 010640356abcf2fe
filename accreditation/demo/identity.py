"""Made-up personal details for the demo's applicants: names in their own scripts (from
logistics.demo.names), dates of birth, ID documents, e-mails on the reserved example
domains and phone numbers. None is meant to be a real person or document."""

from datetime import date

from accreditation.enums import IdDocumentKind
from logistics.delegations.enums import Gender
from logistics.demo.names import ascii_slug, person

LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def gender(rng):
    draw = rng.random()
    if draw < 0.02:
        return Gender.OTHER
    return Gender.FEMALE if draw < 0.47 else Gender.MALE


class Identities:
    """Distinct e-mail addresses and document numbers across the whole demo."""

    def __init__(self, rng, event):
        self.rng, self.event = rng, event
        self.mailboxes, self.documents = set(), set()
        # The last number given to each name: a common name at scale 40 is met thousands
        # of times, and counting up from 1 each time would be quadratic.
        self.numbered = {}

    def email(self, who, domain="example.com"):
        local = ascii_slug(f"{who.given_names} {who.family_name}") or "applicant"
        n = self.numbered.get(local, 1)
        candidate = local if n == 1 else f"{local}{n}"
        while candidate in self.mailboxes:
            n += 1
            candidate = f"{local}{n}"
        self.numbered[local] = n
        self.mailboxes.add(candidate)
        return f"{candidate}@{domain}"

    def document(self, nationality, *, national_id=False):
        """(kind, number, expiry): a Vietnamese citizen's ID card has 12 digits, a Vietnamese
        passport a letter and 7 digits, other passports two letters and 7 digits."""
        rng = self.rng
        while True:
            if national_id:
                number = "0" + "".join(str(rng.randint(0, 9)) for _ in range(11))
            elif nationality is not None and nationality.code == "VN":
                number = f"{rng.choice('BCN')}{rng.randint(0, 9999999):07d}"
            else:
                number = f"{rng.choice(LETTERS)}{rng.choice(LETTERS)}{rng.randint(0, 9999999):07d}"
            if number not in self.documents:
                self.documents.add(number)
                break
        year = self.event.end_date.year + rng.randint(1, 9)
        kind = IdDocumentKind.NATIONAL_ID if national_id else IdDocumentKind.PASSPORT
        return kind, number, date(year, rng.randint(1, 12), rng.randint(1, 28))

    def phone(self, nationality):
        rng = self.rng
        if nationality is not None and nationality.code == "VN":
            return f"+84 9{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        return f"+{rng.randint(20, 99)} {rng.randint(100, 999)} {rng.randint(100, 9999):04d}"

    def birth(self, first=1962, last=2001):
        rng = self.rng
        return date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))

    def person(self, nationality, *, domain="example.com", national_id=False):
        """The fields of an application about one made-up person."""
        who = person(self.rng, nationality, gender(self.rng))
        kind, number, expiry = self.document(nationality, national_id=national_id)
        return {
            "family_name": who.family_name, "given_names": who.given_names,
            "gender": who.gender, "date_of_birth": self.birth(),
            "nationality": nationality, "email": self.email(who, domain),
            "phone": self.phone(nationality), "id_document_kind": kind,
            "id_document_number": number, "id_document_expiry": expiry,
        }
