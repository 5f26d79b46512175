"""Donations: a ledger of donors, donations (intents), payments and what undoes them.

Money is never a flag on a row: every movement is a Payment, and refunds and disputes
are recorded against payments, so totals are always computed (net of refunds) from the
ledger. Amounts are integers in cents.
"""

from .ledger import (  # noqa: F401
    Dispute,
    Donation,
    DonationFrequency,
    DonationStatus,
    Donor,
    DonorKind,
    Payment,
    PaymentStatus,
    Refund,
    StripeEvent,
)
from .pages import DonationPage  # noqa: F401
from .receipts import Receipt, ReceiptSequence  # noqa: F401
from .settings import ReceiptSettings  # noqa: F401
