"""People's names as every list and badge writes them (the templates' tags use these too)."""


def person_name(family_name, given_names=""):
    """A person as on a UN badge: the family name in capitals first, then the given names
    ("ARAÚJO João"). One order for every page that lists delegates."""
    return " ".join(part for part in ((family_name or "").upper(), given_names or "") if part)


def display_name(member):
    """A delegation member (or anything with family_name and given_names) by person_name."""
    if member is None:
        return ""
    return person_name(getattr(member, "family_name", ""), getattr(member, "given_names", ""))
