"""`manage.py valuate FILE`: value an investment plan from the command line (contracts/valuation.md)."""

import json
import sys
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from welfarelab.money.models import Parameter
from welfarelab.valuation.engine import valuate
from welfarelab.valuation.errors import ValidationError
from welfarelab.valuation.parameters import BUILT_IN

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Value an investment plan. Reads a valuation request as JSON from FILE (or standard input for -), "
        "prints the valuation as JSON on standard output and exits 0. On bad input prints nothing on standard "
        'output, names the offending field on standard error and exits 2. A document of the form {"request": '
        "{...}} (as in tests/fixtures/valuation) is read as its request."
    )
    # The engine needs neither the database nor the rest of the project to be in order.
    requires_system_checks = []
    requires_migrations_checks = False
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="a JSON valuation request, or - for standard input")

    def handle(self, *args, **options):
        document = _read_json(options["file"], options.get("stdin") or sys.stdin)
        if isinstance(document, dict) and "request" in document and "benefits" not in document:
            document = document["request"]
        try:
            response = valuate(document, _parameters())
        except ValidationError as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from None
        self.stdout.write(json.dumps(response, ensure_ascii=False, indent=2))


def _parameters():
    """The parameters administrators keep; before the database is set up, the engine's own table they start from."""
    try:
        return Parameter.table()
    except DatabaseError:
        return BUILT_IN


def _read_json(name: str, stdin) -> object:
    source = "standard input" if name == "-" else name
    try:
        if name == "-":
            text = stdin.read()
        else:
            with open(name, encoding="utf-8") as file:
                text = file.read()
    except OSError as error:
        raise CommandError(f"FILE: cannot read {source}: {error.strerror or error}", returncode=BAD_INPUT) from None
    except UnicodeDecodeError:
        raise CommandError(f"FILE: {source} is not UTF-8 text", returncode=BAD_INPUT) from None
    try:
        # Decimals keep numbers exactly as written: 0.1 stays 0.1, not the nearest binary fraction.
        return json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"FILE: {source} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}",
            returncode=BAD_INPUT,
        ) from None
    except (ValueError, RecursionError) as error:
        raise CommandError(f"FILE: {source} is not valid JSON: {error}", returncode=BAD_INPUT) from None


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number JSON allows")
