"""Helpers of the donations tests, also used by the browser tests (tests/): a donation
page, filled-in receipt settings, the text of a receipt PDF.

The root conftest.py wraps the first two in the `donation_page` and `receipt_settings`
fixtures.
"""

import base64
import re
import zlib


def create_donation_page(parent, **fields):
    """A published donation page at /don/ under `parent`; `fields` replace the defaults."""
    from donations.models import DonationPage

    defaults = {
        "title": "Faire un don",
        "slug": "don",
        "intro": "<p>Soutenez le retour à l'emploi.</p>",
        "preset_amounts": [
            ("amount", {"amount": 30, "impact": "une séance de préparation"}),
            ("amount", {"amount": 50, "impact": "un CV diffusé"}),
            ("amount", {"amount": 150, "impact": "un mois de coaching"}),
        ],
        "minimum_amount": 10,
        "maximum_amount": 5000,
        "allow_once": True,
        "allow_monthly": True,
        "thank_you_text": "<p>Merci du fond du cœur.</p>",
    }
    page = DonationPage(**{**defaults, **fields})
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def fill_receipt_settings():
    """The association's details printed on the receipts, all filled in."""
    from donations.models import ReceiptSettings

    settings = ReceiptSettings.current()
    settings.legal_name = "Association LinkedOut France"
    settings.address = "12 rue de l'Exemple\n75011 Paris"
    settings.purpose = "Favoriser le retour à l'emploi des personnes en précarité."
    settings.legal_status = "Association d'intérêt général régie par la loi du 1er juillet 1901"
    settings.registration_number = "RNA W751234567"
    settings.signatory_name = "Claire Martin"
    settings.signatory_role = "Présidente"
    settings.place = "Paris"
    settings.save()
    return settings


def pdf_text(data):
    """The text drawn in a PDF made by reportlab (compressed or not), whitespace removed."""
    chunks = []
    for match in re.finditer(rb"<<((?:[^>]|>(?!>))*)>>\s*stream\r?\n(.*?)endstream", data, re.S):
        header, stream = match.groups()
        try:
            if b"ASCII85Decode" in header:
                stream = base64.a85decode(stream.strip().removesuffix(b"~>"))
            if b"FlateDecode" in header:
                stream = zlib.decompress(stream)
        except (ValueError, zlib.error):
            continue
        chunks.append(stream)
    text = []
    for stream in chunks:
        for literal in re.findall(rb"\((.*?)(?<!\\)\)\s*T[jJ]", stream, re.S):
            literal = re.sub(
                rb"\\([0-7]{1,3}|.)",
                lambda m: (
                    bytes([int(m.group(1), 8)])
                    if m.group(1)[:1].isdigit()
                    else {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(m.group(1), m.group(1))
                ),
                literal,
            )
            text.append(literal.decode("cp1252"))
    return re.sub(r"\s+", "", "".join(text))
