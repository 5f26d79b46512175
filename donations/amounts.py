"""Euro amounts written the French way: in figures ("1 500,00 €") and in words.

Small and dependency-free on purpose: a receipt needs only whole euros and cents.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NBSP = "\u00a0"  # a thin space would be right, but Helvetica in the PDF lacks it

UNITS = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit",
    "dix-neuf",
]  # fmt: skip
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def format_cents(cents, *, space=" "):
    """1500_00 → "1 500,00 €" (French grouping and decimal comma)."""
    euros, rest = divmod(int(cents), 100)
    grouped = f"{euros:,}".replace(",", space)
    return f"{grouped},{rest:02d}{space}€"


def format_euros_short(cents):
    """Whole euros without decimals when there are no cents: 5000 → "50 €"."""
    if int(cents) % 100 == 0:
        return f"{int(cents) // 100:,}".replace(",", NBSP) + f"{NBSP}€"
    return format_cents(cents, space=NBSP)


def framed(cents):
    """The amount framed by asterisks, as computer-issued receipts must print it."""
    return f"***{format_cents(cents)}***"


def _below_hundred(n):
    if n < 20:
        return UNITS[n]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):  # soixante-dix…, quatre-vingt-dix…
        base = "soixante" if tens == 7 else "quatre-vingt"
        if tens == 7 and unit == 1:
            return "soixante et onze"
        return f"{base}-{UNITS[10 + unit]}"
    if tens == 8:
        return "quatre-vingts" if unit == 0 else f"quatre-vingt-{UNITS[unit]}"
    if unit == 0:
        return TENS[tens]
    if unit == 1:
        return f"{TENS[tens]} et un"
    return f"{TENS[tens]}-{UNITS[unit]}"


def _below_thousand(n, *, final=True):
    """`final` is False when a multiplier follows ("deux cent mille"): no plural s then."""
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        words = _below_hundred(rest)
        if not final and words.endswith("quatre-vingts"):
            words = words[:-1]
        return words
    head = "cent" if hundreds == 1 else f"{UNITS[hundreds]} cent"
    if rest == 0:
        return head + ("s" if hundreds > 1 and final else "")
    tail = _below_hundred(rest)
    if not final and tail.endswith("quatre-vingts"):
        tail = tail[:-1]
    return f"{head} {tail}"


def number_in_words(n):
    """A non-negative integer in French words (traditional spelling): 1500 → "mille cinq cents"."""
    n = int(n)
    if n < 0:
        raise ValueError("negative amount")
    if n == 0:
        return "zéro"
    parts = []
    for value, singular, plural in (
        (10**9, "un milliard", "milliards"),
        (10**6, "un million", "millions"),
    ):
        count, n = divmod(n, value)
        if count == 1:
            parts.append(singular)
        elif count > 1:
            # "millions" is a noun: the number before it keeps its plural s.
            parts.append(f"{number_in_words(count)} {plural}")
    thousands, n = divmod(n, 1000)
    if thousands == 1:
        parts.append("mille")
    elif thousands > 1:
        parts.append(f"{_below_thousand(thousands, final=False)} mille")
    if n:
        parts.append(_below_thousand(n))
    return " ".join(parts)


def amount_in_words(cents):
    """15_000_0 → "mille cinq cents euros"; 1250 → "douze euros et cinquante centimes"."""
    euros, rest = divmod(int(cents), 100)
    words = []
    if euros or not rest:
        # "un million d'euros": de before euros after million(s) and milliard(s) alone.
        unit = "euro" if euros == 1 else "euros"
        text = number_in_words(euros)
        if euros and euros % 10**6 == 0:
            words.append(f"{text} d'{unit}")
        else:
            words.append(f"{text} {unit}")
    if rest:
        words.append(f"{number_in_words(rest)} centime{'s' if rest > 1 else ''}")
    return " et ".join(words)


THOUSANDS = re.compile(r"^[1-9]\d{0,2}(?:[,.]\d{3})+$")


def parse_euros(raw):
    """Read an amount typed by a person: "50", "12,5", "1 500", "1,500", "12.50 €" → cents.

    Returns None when it is not a number with at most two decimals.
    """
    text = str(raw).strip().replace("€", "").replace("\u00a0", "").replace("\u202f", "")
    text = text.replace(" ", "")
    if THOUSANDS.match(text):
        # "1,500" (English) or "1.500" (German): groups of three digits are thousands,
        # never a third decimal of a euro.
        text = text.replace(",", "").replace(".", "")
    else:
        # The last separator is the decimal one ("12,5", "1.500,50", "1,500.50").
        last = max(text.rfind(","), text.rfind("."))
        if last != -1:
            text = text[:last].replace(",", "").replace(".", "") + "." + text[last + 1 :]
    if not NUMBER.match(text):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    cents = value * 100
    if cents != cents.to_integral_value():
        return None
    return int(cents.quantize(Decimal(1), rounding=ROUND_HALF_UP))
