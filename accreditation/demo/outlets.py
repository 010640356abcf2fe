"""The demo's media outlets: 189 per copy of the scenario, the real domestic and foreign ones
first, then made-up ones."""

from accreditation.demo import outlets_data as data
from accreditation.setup.models import MediaOutlet

PER_COPY = 189
SPARE_PER_COPY = 20  # made-up names left for freelancers to propose (10 a copy)


def build(event, *, countries, scale, rng):
    """The outlets, created in bulk; returns them, and the made-up names left over (for
    journalists who propose an outlet the office does not list yet)."""
    rows = [(name, code, kind, quota, True) for name, code, kind, quota in data.real(True)]
    rows += [(name, code, kind, quota, False) for name, code, kind, quota in data.real(False)]
    spare = data.made_up()
    rng.shuffle(spare)
    needed = PER_COPY * scale - len(rows)
    # Past the made-up names there are (some 2,600: scale 14), the same names again,
    # numbered like a second edition, with some left over for the proposed outlets.
    edition = 2
    names = list(spare)
    while len(spare) < needed + SPARE_PER_COPY * scale:
        spare += [(f"{name} {edition}", code, kind) for name, code, kind in names]
        edition += 1
    rows += [(name, code, kind, rng.choice([1, 2, 2, 3]), False)
             for name, code, kind in spare[:needed]]
    rows = rows[:PER_COPY * scale]
    outlets = [MediaOutlet(event=event, name=name, country=countries[code], kind=kind,
                           domestic=domestic, quota=quota)
               for name, code, kind, quota, domestic in rows]
    outlets[0].full_clean()
    MediaOutlet.objects.bulk_create(outlets)
    return outlets, spare[max(needed, 0):]
