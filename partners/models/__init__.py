"""Partners, their pages, partnership enquiries and the supporters wall's settings."""

from .enquiries import (
    ENQUIRY_TRANSITIONS,
    EnquiryInterest,
    EnquiryStatus,
    PartnershipEnquiry,
    PartnershipEnquiryStatusChange,
)
from .pages import PartnerIndexPage, PartnerPage
from .partners import Partner, PartnerKind, PartnerTier
from .settings import SupportersWallSettings

__all__ = [
    "ENQUIRY_TRANSITIONS",
    "EnquiryInterest",
    "EnquiryStatus",
    "Partner",
    "PartnerIndexPage",
    "PartnerKind",
    "PartnerPage",
    "PartnerTier",
    "PartnershipEnquiry",
    "PartnershipEnquiryStatusChange",
    "SupportersWallSettings",
]
