"""The demo's journalists: 400+ per copy, across the 189 outlets (never more than an outlet's
quota), in every state of the pipeline. Among them: freelancers who propose an outlet the
office does not list yet, people who applied twice through two outlets (same name and date
of birth, another passport: the review queue warns), people who applied again after a
withdrawal or a rejection, people who applied a second time with the same passport while
the first is live (held as possible duplicates), and the photographers and camera operators
a few dignitary-led delegations bring (delegation media)."""

import itertools
from datetime import timedelta

from accreditation.applications.models.applications import Application
from accreditation.applications.services.delegates import ACTOR as DELEGATION_ACTOR
from accreditation.applications.services.delegation_media import DIGNITARY_LEVELS
from accreditation.demo.pipeline import history, weighted
from accreditation.enums import (
    DELEGATION_MEDIA_ROLES,
    ApplicationSource,
    ApplicationStatus,
    MediaRole,
)
from logistics.delegations.enums import DelegationKind

S = ApplicationStatus
PER_COPY = 430
PROPOSED_PER_COPY = 10
TWICE_PER_COPY = 6  # same name and date of birth, another passport and outlet
AGAIN_PER_COPY = 3  # applied again after a withdrawal or a rejection
HELD_PER_COPY = 2  # applied again with the same passport while the first is live
DELEGATION_MEDIA_PER_COPY = 2  # delegations that bring a photographer and a camera operator

STATUSES = [(S.SUBMITTED, 12), (S.UNDER_REVIEW, 10), (S.NEEDS_INFORMATION, 6),
            (S.APPROVED, 56), (S.REJECTED, 8), (S.WITHDRAWN, 8)]
ROLES = [(MediaRole.REPORTER, 45), (MediaRole.PHOTOGRAPHER, 18),
         (MediaRole.CAMERA_OPERATOR, 17), (MediaRole.EDITOR, 8), (MediaRole.TECHNICIAN, 12)]
FUNCTIONS = {
    MediaRole.REPORTER: ["Correspondent", "Senior reporter", "Bureau chief", "Reporter",
                         "Diplomatic correspondent", "Technology reporter"],
    MediaRole.PHOTOGRAPHER: ["Photojournalist", "Staff photographer", "Chief photographer"],
    MediaRole.CAMERA_OPERATOR: ["Camera operator", "Video journalist"],
    MediaRole.EDITOR: ["Editor", "News editor", "Deputy editor-in-chief"],
    MediaRole.TECHNICIAN: ["Sound technician", "Satellite engineer", "Broadcast technician"],
}
EQUIPMENT = {
    MediaRole.PHOTOGRAPHER: ["Two camera bodies, three lenses, a laptop.",
                             "Camera body, 70-200 mm and 24-70 mm lenses, a monopod."],
    MediaRole.CAMERA_OPERATOR: ["Broadcast camera, tripod, a LiveU backpack.",
                                "Camera, tripod, two wireless microphones, lights."],
    MediaRole.TECHNICIAN: ["Satellite uplink kit (SNG) and cables.",
                           "Audio mixer, wireless microphones, a 4G bonding unit."],
}


class Journalists:
    def __init__(self, event, *, categories, countries, identities, office, rng):
        self.event, self.categories, self.countries = event, categories, countries
        self.ids, self.office, self.rng = identities, office, rng
        self.nationalities = [c for c in countries.values() if c.un_member]
        self.drafts = []

    def _submitted_at(self):
        return self.office.horizon - timedelta(hours=self.rng.uniform(2, 40 * 24))

    def _nationality(self, outlet):
        draw = self.rng.random()
        if outlet.domestic or draw < 0.25:  # foreign outlets hire local correspondents too
            return self.countries["VN"]
        return outlet.country if draw < 0.9 else self.rng.choice(self.nationalities)

    def _fields(self, role, nationality):
        rng = self.rng
        national_id = nationality.code == "VN" and rng.random() < 0.3
        fields = self.ids.person(nationality, national_id=national_id)
        fields.update(media_role=role, function=rng.choice(FUNCTIONS[role]),
                      equipment=rng.choice(EQUIPMENT[role]) if role in EQUIPMENT else "")
        return fields

    def _category(self, role):
        return self.categories["T" if role == MediaRole.TECHNICIAN else "P"]

    def _add(self, status, *, submitted_at=None, until=None, actor="", **fields):
        application = Application(event=self.event, category=self._category(fields["media_role"]),
                                  source=fields.pop("source", ApplicationSource.PUBLIC_FORM),
                                  **fields)
        draft = history(self.rng, application, status,
                        submitted_at=submitted_at or self._submitted_at(), office=self.office,
                        actor=actor, vetted=application.category.vetting_required,
                        until=until)
        self.drafts.append(draft)
        return draft

    def through_outlets(self, outlets, total):
        """`total` applications spread over the outlets: one each at least, then more where
        the quota allows, the larger outlets first in line."""
        rng = self.rng
        counts = {outlet.pk: 1 for outlet in outlets}
        room = [o for o in outlets if o.quota > 1]
        # The same draws as choices(weights=...), whose running sums are made once per
        # change of `room` rather than once per draw (7,500 outlets at scale 40).
        cumulative = list(itertools.accumulate(o.quota for o in room))
        for _ in range(max(total - len(outlets), 0)):
            if not room:
                break
            outlet = rng.choices(room, cum_weights=cumulative)[0]
            counts[outlet.pk] += 1
            if counts[outlet.pk] >= outlet.quota:
                room.remove(outlet)
                cumulative = list(itertools.accumulate(o.quota for o in room))
        for outlet in outlets:
            for _ in range(counts[outlet.pk]):
                role = weighted(rng, ROLES)
                self._add(weighted(rng, STATUSES), outlet=outlet, organisation=outlet.name,
                          **self._fields(role, self._nationality(outlet)))

    def proposing(self, spare, count):
        """Freelancers naming an outlet the office does not list yet: still in review."""
        rng = self.rng
        for name, code, kind in spare[:count]:
            country = self.countries[code]
            role = weighted(rng, ROLES)
            self._add(rng.choice([S.SUBMITTED, S.SUBMITTED, S.UNDER_REVIEW,
                                  S.NEEDS_INFORMATION]),
                      proposed_outlet=name, proposed_outlet_country=country,
                      proposed_outlet_kind=kind, organisation=name,
                      **self._fields(role, country))

    def twice(self, count):
        """The same person (name, date of birth) through a second outlet with another
        passport and e-mail: a likely duplicate the reviewer is warned about."""
        rng = self.rng
        live = [d for d in self.drafts if d.status in (S.SUBMITTED, S.UNDER_REVIEW)
                and d.application.outlet_id]
        picked = rng.sample(live, min(2 * count, len(live) - len(live) % 2))
        for first, second in zip(picked[::2], picked[1::2], strict=True):
            a, b = first.application, second.application
            b.family_name, b.given_names = a.family_name, a.given_names
            b.date_of_birth, b.gender, b.nationality = a.date_of_birth, a.gender, a.nationality
            b.id_document_kind, b.id_document_number, b.id_document_expiry = \
                self.ids.document(a.nationality)
            b.email = f"{a.email.split('@')[0]}.{rng.randint(2, 99)}@example.net"

    def again(self, count):
        """An earlier application, withdrawn or rejected, by someone now applying again with
        the same passport and e-mail (one person, one live accreditation)."""
        rng = self.rng
        live = [d for d in self.drafts if d.status == S.SUBMITTED and d.application.outlet_id]
        for draft in rng.sample(live, min(count, len(live))):
            now = draft.application
            fields = {name: getattr(now, name) for name in (
                "family_name", "given_names", "gender", "date_of_birth", "nationality", "email",
                "phone", "id_document_kind", "id_document_number", "id_document_expiry",
                "media_role", "function", "equipment", "outlet", "organisation")}
            earlier = now.created_at - timedelta(days=rng.randint(3, 10))
            self._add(rng.choice([S.WITHDRAWN, S.REJECTED]), submitted_at=earlier,
                      until=now.created_at, **fields)

    def held(self, count):
        """Someone applying a second time, through another address, with the passport of a
        live application: held as a possible duplicate of it for the office to decide."""
        rng = self.rng
        live = [d for d in self.drafts if d.application.outlet_id
                and d.status in (S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED)]
        for draft in rng.sample(live, min(count, len(live))):
            first = draft.application
            fields = {name: getattr(first, name) for name in (
                "family_name", "given_names", "gender", "date_of_birth", "nationality", "phone",
                "id_document_kind", "id_document_number", "id_document_expiry", "media_role",
                "function", "equipment", "outlet", "organisation")}
            fields["email"] = f"{first.email.split('@')[0]}.{rng.randint(2, 99)}@example.net"
            later = min(first.created_at + timedelta(hours=rng.uniform(2, 72)),
                        self.office.horizon - timedelta(hours=1))
            second = self._add(S.POSSIBLE_DUPLICATE, submitted_at=later, **fields)
            second.duplicate_of = draft
            move = second.moves[0]
            second.moves[0] = (*move[:5], f"Possible duplicate of {first.reference}.")

    def delegation_media(self, delegations, count):
        """A photographer and a camera operator accredited through a delegation led by a
        dignitary (its note verbale, not an outlet's letter)."""
        led = [d for d in delegations if d.kind == DelegationKind.STATE
               and d.head_level in DIGNITARY_LEVELS]
        for n, delegation in enumerate(self.rng.sample(led, min(count, len(led)))):
            for role in DELEGATION_MEDIA_ROLES:
                self._add(S.APPROVED if n == 0 else S.UNDER_REVIEW, delegation=delegation,
                          organisation=delegation.name[:200], actor=DELEGATION_ACTOR,
                          source=ApplicationSource.DELEGATION,
                          **self._fields(role, delegation.country))


def build(event, *, outlets, spare, delegations, scale, **context):
    """Drafts of the journalists' applications (inserted by the caller, with the rest)."""
    journalists = Journalists(event, **context)
    extra = (PROPOSED_PER_COPY + DELEGATION_MEDIA_PER_COPY * 2) * scale
    journalists.through_outlets(outlets, PER_COPY * scale - extra)
    journalists.proposing(spare, PROPOSED_PER_COPY * scale)
    journalists.delegation_media(delegations, DELEGATION_MEDIA_PER_COPY * scale)
    journalists.twice(TWICE_PER_COPY * scale)
    journalists.again(AGAIN_PER_COPY * scale)
    journalists.held(HELD_PER_COPY * scale)
    return journalists.drafts
