"""The members a demo delegation registered: names in their own scripts, titles, dates of
birth, e-mails on the reserved example domains, and the flights that bring them in over
the days before the event and take them home after it."""

from datetime import date, datetime, time, timedelta

from logistics.delegations.enums import DelegationKind, DelegationStatus, Gender
from logistics.demo import delegations_data as data
from logistics.demo.names import ascii_slug, person

ATTENDING = (DelegationStatus.REGISTERED, DelegationStatus.ARRIVED, DelegationStatus.DEPARTED)


def gender(rng, female_share=0.45):
    draw = rng.random()
    if draw < 0.02:
        return Gender.OTHER
    return Gender.FEMALE if draw < female_share else Gender.MALE


def _birth(rng, first, last):
    return date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))


class _Mailboxes:
    """Plausible, distinct addresses on the reserved example domains."""

    def __init__(self):
        self.seen = set()
        self.numbered = {}  # the last number given to each name (counting from 1: quadratic)

    def address(self, name, fallback, domain):
        local = ascii_slug(name) or fallback
        n = self.numbered.get(local, 1)
        candidate = local if n == 1 else f"{local}{n}"
        while candidate in self.seen:
            n += 1
            candidate = f"{local}{n}"
        self.numbered[local] = n
        self.seen.add(candidate)
        return f"{candidate}@{domain}"


def _weighted(rng, pairs):
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def _trip(rng, event, region):
    """A flight to the event (landing over the days before, or before dawn on the first
    day) and one home (after the closing, within three days)."""
    day = rng.choice([-5, -4, -3, -3, -2, -2, -2, -1, -1, -1, 0])
    hour = rng.randint(0, 6) if day == 0 else rng.randint(0, 23)
    arrival = datetime.combine(event.start_date + timedelta(days=day),
                               time(hour, rng.randrange(0, 60, 5)), tzinfo=event.tz)
    back = rng.choice([1, 2, 2, 3])
    hour = rng.randint(19, 23) if back == 1 else rng.randint(0, 23)
    departure = datetime.combine(event.start_date + timedelta(days=back),
                                 time(hour, rng.randrange(0, 60, 5)), tzinfo=event.tz)
    carriers = data.CARRIERS.get(region, data.CARRIERS[""])
    return {
        "arrival_at": arrival, "arrival_airport": _weighted(rng, data.AIRPORTS),
        "arrival_flight": f"{rng.choice(carriers)}{rng.randint(10, 999)}",
        "departure_at": departure,
        "departure_airport": "HAN" if rng.random() < 0.9 else _weighted(rng, data.AIRPORTS),
        "departure_flight": f"{rng.choice(carriers)}{rng.randint(10, 999)}",
    }


def _advance(trip, rng, event, region):
    """An advance team's trip: the same way home, two or three days earlier out."""
    early = _trip(rng, event, region)
    early["arrival_at"] = trip["arrival_at"] - timedelta(days=rng.choice([2, 3]),
                                                         hours=rng.randint(0, 8))
    for key in ("departure_at", "departure_airport", "departure_flight"):
        early[key] = trip[key]
    return early


def sizes(specs, target, rng):
    """How many members each attending delegation registers: near its quota, adjusted so
    that the copy has `target` members in all."""
    attending = [s for s in specs if s["status"] in ATTENDING]
    if not attending:
        return
    for spec in attending:
        quota = spec["size_quota"]
        spec["size"] = max(1, quota - rng.randint(0, quota // 3))
    capacity = sum(s["size_quota"] for s in attending)
    while attending and capacity < target:  # small delegations only: larger quotas
        rng.choice(attending)["size_quota"] += 1
        capacity += 1
    target = max(len(attending), target)
    total = sum(s["size"] for s in attending)
    while total != target:
        spec = rng.choice(attending)
        if total < target and spec["size"] < spec["size_quota"]:
            spec["size"] += 1
            total += 1
        elif total > target and spec["size"] > 1:
            spec["size"] -= 1
            total -= 1


class Members:
    """Makes the member rows of each attending delegation of one copy."""

    def __init__(self, event, rng, nationalities, now):
        self.event, self.rng, self.nationalities, self.now = event, rng, nationalities, now
        self.mail = _Mailboxes()

    def rows(self, spec):
        """The members a delegation registered, its head first, with their trips."""
        rng, event = self.rng, self.event
        region = spec["region"]
        trip = _trip(rng, event, region)
        advance = _advance(trip, rng, event, region) if spec["size"] >= 8 else None
        state = spec["kind"] == DelegationKind.STATE
        titles = (data.STATE_MEMBER_TITLES if state
                  else data.RESEARCH_MEMBER_TITLES if spec["kind"] == DelegationKind.RESEARCH
                  else data.ORGANISATION_MEMBER_TITLES)
        domain = "example.org" if state else "example.net"
        rows = []
        for n in range(spec["size"]):
            if n == 0:
                who, title, travel = spec["head"], spec["head_title"], trip
                home, born = spec["head_home"], _birth(rng, 1955, 1980)
            else:
                home = spec["home"] if spec["home"] and rng.random() < 0.8 \
                    else rng.choice(self.nationalities)
                who = person(rng, home, gender(rng))
                title = titles[(n - 1) % len(titles)] if state else rng.choice(titles)
                travel = (advance if advance and n in (1, 2)
                          else _trip(rng, event, region) if rng.random() < 0.1 else trip)
                born = _birth(rng, 1960, 1999)
            rows.append({
                "family_name": who.family_name, "given_names": who.given_names,
                "title": title, "gender": who.gender, "date_of_birth": born,
                "nationality": home, "is_head": n == 0,
                "email": self.mail.address(f"{who.given_names} {who.family_name}",
                                           f"delegate{len(self.mail.seen) + 1}", domain),
                # Most agree to the published list of participants; one in ten does not
                # (counted without drawing, so that the rest of the scenario stays as it was).
                "in_list_of_participants": n == 0 or len(self.mail.seen) % 10 != 0,
                "hotel": spec["hotel"],
                "dietary_needs": rng.choice(data.DIETARY) if rng.random() < 0.12 else "",
                "accessibility_needs": rng.choice(data.ACCESSIBILITY) if rng.random() < 0.01
                else "",
                **travel,
            })
        return rows

    def settle(self, spec, members):
        """Arrived once the head has landed, departed once everyone has left."""
        if spec["status"] not in ATTENDING:
            return
        if self.now >= max(m["departure_at"] for m in members):
            spec["status"] = DelegationStatus.DEPARTED
        elif self.now >= members[0]["arrival_at"]:
            spec["status"] = DelegationStatus.ARRIVED
