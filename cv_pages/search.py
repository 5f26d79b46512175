"""Accent- and case-insensitive search over CVs, identical on SQLite and PostgreSQL."""

from anyascii import anyascii


def fold(text):
    """ "Électricienne à Sète" → "electricienne a sete"."""
    return anyascii(text or "").lower()
