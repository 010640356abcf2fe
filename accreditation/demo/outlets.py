"""The demo's media outlets: 189 per copy of the scenario, the real domestic and foreign ones
first, then made-up ones."""

from accreditation.models import MediaOutlet

from . import outlets_data as data

PER_COPY = 189


def build(event, *, countries, scale, rng):
    """The outlets, created in bulk; returns them, and the made-up names left over (for
    journalists who propose an outlet the office does not list yet)."""
    rows = [(name, code, kind, quota, True) for name, code, kind, quota in data.real(True)]
    rows += [(name, code, kind, quota, False) for name, code, kind, quota in data.real(False)]
    spare = data.made_up()
    rng.shuffle(spare)
    needed = PER_COPY * scale - len(rows)
    rows += [(name, code, kind, rng.choice([1, 2, 2, 3]), False)
             for name, code, kind in spare[:needed]]
    rows = rows[:PER_COPY * scale]
    outlets = [MediaOutlet(event=event, name=name, country=countries[code], kind=kind,
                           domestic=domestic, quota=quota)
               for name, code, kind, quota, domestic in rows]
    outlets[0].full_clean()
    MediaOutlet.objects.bulk_create(outlets)
    return outlets, spare[max(needed, 0):]
