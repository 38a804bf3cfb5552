"""Spanish text for the command line's own messages (usage, help headings, usage errors).

argparse looks its messages up through ``argparse._`` (gettext) when it formats them, so while
``spanish_argparse()`` is active that name points at a small catalogue. Messages that only a
programming error can raise stay in English. Argument types raise their own Spanish message.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from hdras.core.messages import msg

ARGPARSE_ES = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos",
    "options": "opciones",
    "show this help message and exit": "muestra esta ayuda y termina",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "faltan estos argumentos: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "opción no válida: %(value)r (elija entre %(choices)s)",
    "invalid %(type)s value: %(value)r": "valor no válido: %(value)r",
    "expected one argument": "falta su valor",
    "expected at most one argument": "acepta a lo sumo un valor",
    "expected at least one argument": "necesita al menos un valor",
    "ambiguous option: %(option)s could match %(matches)s":
        "opción ambigua: %(option)s puede ser %(matches)s",
    "not allowed with argument %s": "no se puede usar junto con %s",
    "ignored explicit argument %r": "no acepta valor (se dio %r)",
    "one of the arguments %s is required": "se necesita uno de estos argumentos: %s",
    "can't open '%(filename)s': %(error)s": "no se puede abrir «%(filename)s»: %(error)s",
}


def translate(message: str) -> str:
    """The Spanish form of one of argparse's messages (the message itself when unknown)."""
    return ARGPARSE_ES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


@contextmanager
def spanish_argparse() -> Iterator[None]:
    """argparse speaks Spanish inside the block (help, usage and usage errors)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = translate, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def integer(text: str) -> int:
    """An argument that must be a whole number (a year, a batch number)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(msg("cli.not_an_integer", text=text)) from None


def number(text: str) -> float:
    """An argument that must be a number; a decimal comma is accepted (2,5 = 2.5)."""
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(msg("cli.not_a_number", text=text)) from None
