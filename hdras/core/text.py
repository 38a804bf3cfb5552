"""Text rules shared by every domain: matching what people type, and writing cells that a
spreadsheet will not run.

``fold`` is how headers, sheet names, estados, codes and searches are compared (case, accents and
spacing ignored). ``neutralize`` is applied to every text cell this project writes, in XLSX and CSV
alike (design §8).
"""

from __future__ import annotations

import functools
import unicodedata

import pandas as pd

# Cells a spreadsheet could run as a formula (OWASP "CSV injection"): the four formula starts, and
# tab and carriage return, which some programs strip before deciding.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@functools.lru_cache(maxsize=8192)
def fold(text: object) -> str:
    """Case-, accent- and spacing-insensitive form: ' Año  Meta ' and 'ano meta' fold alike."""
    decomposed = unicodedata.normalize("NFKD", str(text).strip().lower())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def neutralize(value: object) -> object:
    """Text a spreadsheet could run as a formula gets a leading apostrophe; the rest as is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for spreadsheets (RFC 4180): UTF-8 with BOM so Excel reads accents, CRLF line ends so a
    text holding a line break is quoted and stays in its cell, every text cell neutralized."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralize)
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
