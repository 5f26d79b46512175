"""The tax receipt as a PDF (reportlab), with every mention the tax code asks for.

Companies: article 238 bis CGI, model 2041-MEC-SD (cerfa n° 16216). Individuals: article
200 CGI, cerfa n° 11580. The amount is printed in figures framed by asterisks and in
words. Helvetica's built-in encoding covers French accents and the euro sign.
"""

import io
import logging

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether

from .amounts import amount_in_words, format_cents, framed
from .models import ReceiptSettings
from .models.receipts import ReceiptKind

logger = logging.getLogger(__name__)

MODELS = {
    ReceiptKind.COMPANY: {
        "title": (
            "Reçu des dons et versements effectués par les entreprises au titre de "
            "l'article 238 bis du code général des impôts"
        ),
        "model": "Modèle 2041-MEC-SD — cerfa n° 16216",
        "article": "238 bis",
    },
    ReceiptKind.INDIVIDUAL: {
        "title": (
            "Reçu au titre des dons à certains organismes d'intérêt général "
            "(article 200 du code général des impôts)"
        ),
        "model": "cerfa n° 11580",
        "article": "200",
    },
}


def _escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _lines(text):
    return "<br/>".join(_escape(line) for line in str(text).splitlines() if line.strip())


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""


def _siren(value):
    return " ".join([value[0:3], value[3:6], value[6:9]]) if len(value) == 9 else value


def _styles():
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle(
            "title", parent=base["Title"], fontName="Helvetica-Bold", fontSize=13, leading=16
        ),
        "model": ParagraphStyle(
            "model", parent=base["Normal"], alignment=TA_CENTER, fontSize=9, textColor=colors.grey
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base["Heading2"],
            fontName="Helvetica-Bold",
            fontSize=11,
            spaceBefore=8,
            spaceAfter=3,
            textColor=colors.HexColor("#0d5c63"),
        ),  # fmt: skip
        "body": ParagraphStyle("body", parent=base["Normal"], fontSize=10, leading=13.5),
        "amount": ParagraphStyle(
            "amount",
            parent=base["Normal"],
            fontName="Helvetica-Bold",
            fontSize=15,
            leading=20,
            alignment=TA_CENTER,
            spaceBefore=4,
            spaceAfter=4,
        ),  # fmt: skip
        "number": ParagraphStyle(
            "number",
            parent=base["Normal"],
            fontName="Helvetica-Bold",
            fontSize=11,
            alignment=TA_CENTER,
            spaceBefore=6,
        ),  # fmt: skip
        "small": ParagraphStyle(
            "small", parent=base["Normal"], fontSize=8, leading=10, textColor=colors.grey
        ),
    }


def _stamp(text):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.25))
        canvas.setFont("Helvetica-Bold", 72)
        canvas.translate(A4[0] / 2, A4[1] / 2)
        canvas.rotate(35)
        canvas.drawCentredString(0, 0, text)
        canvas.restoreState()

    return draw


def _signature_image(settings):
    if not settings.signature_id:
        return None
    try:
        with settings.signature.file.open("rb") as handle:
            data = io.BytesIO(handle.read())
        width, height = ImageReader(data).getSize()
        data.seek(0)
        scale = min(50 * mm / width, 20 * mm / height)
        return Image(data, width=width * scale, height=height * scale, hAlign="LEFT")
    except Exception:  # noqa: BLE001 - a missing scan must not block a receipt
        logger.exception("Signature image could not be read")
        return None


def render_receipt(receipt, *, settings=None, compress=True):
    """The receipt's PDF as bytes. Cancelled receipts are stamped "ANNULÉ"."""
    settings = settings or ReceiptSettings.current()
    spec = MODELS.get(receipt.kind, MODELS[ReceiptKind.INDIVIDUAL])
    styles = _styles()
    body = styles["body"]
    story = [
        Paragraph(_escape(spec["title"]), styles["title"]),
        Paragraph(_escape(spec["model"]), styles["model"]),
        Paragraph(f"Reçu n° {_escape(receipt.number)}", styles["number"]),
    ]
    if receipt.is_duplicate:
        story.append(
            Paragraph(
                f"DUPLICATA — Duplicata du reçu n° {_escape(receipt.duplicate_of.number)}",
                styles["number"],
            )
        )
    if receipt.is_summary:
        story.append(Paragraph("Reçu récapitulatif annuel", styles["number"]))
    if receipt.is_cancelled:
        story.append(
            Paragraph(
                f"ANNULÉ le {_date(timezone.localtime(receipt.cancelled_at))}"
                + (
                    f" — {_escape(receipt.cancellation_reason)}"
                    if receipt.cancellation_reason
                    else ""
                ),
                styles["number"],
            )
        )

    story += [
        Paragraph("Bénéficiaire des versements", styles["h2"]),
        Paragraph(f"<b>{_escape(settings.legal_name)}</b>", body),
        Paragraph(_lines(settings.address), body),
        Paragraph(f"N° RNA / SIREN : {_escape(settings.registration_number)}", body),
        Paragraph(f"<b>Objet :</b> {_escape(settings.purpose)}", body),
        Paragraph(f"<b>Statut :</b> {_escape(settings.legal_status)}", body),
        Paragraph("Donateur", styles["h2"]),
    ]
    if receipt.kind == ReceiptKind.COMPANY:
        story += [
            Paragraph(f"<b>Dénomination :</b> {_escape(receipt.donor_name)}", body),
            Paragraph(f"<b>Forme juridique :</b> {_escape(receipt.donor_legal_form)}", body),
            Paragraph(f"<b>N° SIREN :</b> {_siren(receipt.donor_siren)}", body),
            Paragraph(f"<b>Adresse du siège :</b><br/>{_lines(receipt.donor_address)}", body),
        ]
    else:
        story += [
            Paragraph(f"<b>Nom et prénom :</b> {_escape(receipt.donor_name)}", body),
            Paragraph(f"<b>Adresse :</b><br/>{_lines(receipt.donor_address)}", body),
        ]

    story += [
        Paragraph("Versement", styles["h2"]),
        Paragraph(
            "Le bénéficiaire reconnaît avoir reçu, au titre des dons et versements ouvrant "
            "droit à réduction d'impôt, la somme de :",
            body,
        ),
        Paragraph(framed(receipt.amount_cents), styles["amount"]),
        Paragraph(
            f"<b>Somme en toutes lettres :</b> {amount_in_words(receipt.amount_cents)}", body
        ),
    ]
    if receipt.is_summary or receipt.period_start:
        story.append(
            Paragraph(
                f"<b>Période des versements :</b> du {_date(receipt.period_start)} "
                f"au {_date(receipt.period_end)}",
                body,
            )
        )
    else:
        story.append(Paragraph(f"<b>Date du versement :</b> {_date(receipt.gift_date)}", body))
    story += [
        Paragraph("<b>Forme du don :</b> Autre (don en ligne)", body),
        Paragraph("<b>Nature du don :</b> Numéraire (versement)", body),
        Paragraph(f"<b>Mode de versement :</b> {_escape(receipt.payment_method)}", body),
    ]
    if receipt.is_summary:
        rows = [["Date", "Montant"]] + [
            [_date(timezone.localtime(p.paid_at)), format_cents(p.amount_cents)]
            for p in receipt.payments.order_by("paid_at")
        ]
        table = Table(rows, colWidths=[40 * mm, 40 * mm], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, 0), "Helvetica-Bold"),
                    ("FONTSIZE", (0, 0), (-1, -1), 9),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
                    ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ]
            )
        )
        story += [Spacer(1, 4), table]

    issued = timezone.localtime(receipt.issued_at) if receipt.issued_at else timezone.localtime()
    signature = [
        Paragraph("Certification", styles["h2"]),
        Paragraph(
            "Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il reçoit "
            f"ouvrent droit à la réduction d'impôt prévue à l'article {spec['article']} du "
            "code général des impôts (CGI).",
            body,
        ),
        Spacer(1, 6),
        Paragraph(f"Fait à {_escape(settings.place)}, le {_date(issued)}", body),
        Paragraph(f"{_escape(settings.signatory_name)}, {_escape(settings.signatory_role)}", body),
    ]
    image = _signature_image(settings)
    if image is not None:
        signature.append(image)
    story.append(KeepTogether(signature))
    story += [
        Spacer(1, 10),
        Paragraph(
            "Reçu établi par voie électronique. Conservez-le : il justifie votre réduction "
            "d'impôt auprès de l'administration fiscale.",
            styles["small"],
        ),
    ]

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"Reçu fiscal n° {receipt.number}",
        author=settings.legal_name,
        pageCompression=1 if compress else 0,
    )
    stamp = None
    if receipt.is_cancelled:
        stamp = _stamp("ANNULÉ")
    elif receipt.is_duplicate:
        stamp = _stamp("DUPLICATA")
    if stamp:
        doc.build(story, onFirstPage=stamp, onLaterPages=stamp)
    else:
        doc.build(story)
    return buffer.getvalue()
