"""The contact list as vCards (vobject): 4.0 by default, 3.0 for the clients that need it."""

import uuid

import vobject

from accounts.contact_lists.rows import ContactList, ContactRow

VERSIONS = ("4.0", "3.0")
# A stable UID per person: importing a newer list updates the same card.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "crm-portal:focal-point")

# vobject writes 3.0 parameters whatever VERSION says: the types are set by hand per version.
TYPES = {
    "4.0": {
        "phone": ["work", "voice"],
        "mobile": ["cell"],
        "fax": ["work", "fax"],
        "email": ["work"],
        "adr": ["work"],
    },
    "3.0": {
        "phone": ["WORK", "VOICE"],
        "mobile": ["CELL"],
        "fax": ["WORK", "FAX"],
        "email": ["INTERNET", "WORK"],
        "adr": ["WORK"],
    },
}


def person_vcard(
    row: ContactRow, *, version: str, seats: list[ContactRow]
) -> vobject.base.Component:
    """Build one person's card: organisation, title, typed phones, e-mails, address, languages."""
    types = TYPES[version]
    card = vobject.vCard()
    card.add("version").value = version
    card.add("uid").value = f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, str(row.focal_point_id))}"
    card.add("fn").value = row.full_name
    card.add("n").value = vobject.vcard.Name(
        family=row.family_name, given=row.given_name, prefix=row.honorific
    )
    card.add("org").value = [row.institution]
    if row.position:
        card.add("title").value = row.position
    for field in ("phone", "mobile", "fax"):
        number = getattr(row, field)
        if number:
            tel = card.add("tel")
            tel.value = number
            tel.params["TYPE"] = types[field]
    for position, address in enumerate((row.email, *row.other_emails), start=1):
        email = card.add("email")
        email.value = address
        email.params["TYPE"] = types["email"]
        if version == "4.0":
            email.params["PREF"] = [str(position)]
    if row.postal_address:
        adr = card.add("adr")
        adr.value = vobject.vcard.Address(street=row.postal_address, country=row.country)
        adr.params["TYPE"] = types["adr"]
    if version == "4.0":
        for position, code in enumerate(row.language_codes, start=1):
            language = card.add("lang")
            language.value = code
            language.params["PREF"] = [str(position)]
    card.add("note").value = "; ".join(f"{seat.group}: {seat.role}" for seat in seats)
    return card


def contact_list_vcards(contact_list: ContactList, *, version: str = "4.0") -> str:
    """Write one card per person of the list, in the list's order."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version!r} is not written")
    seats: dict[int, list[ContactRow]] = {}
    for row in contact_list.rows:
        seats.setdefault(row.focal_point_id, []).append(row)
    return "".join(
        person_vcard(row, version=version, seats=seats[row.focal_point_id]).serialize()
        for row in contact_list.people()
    )
