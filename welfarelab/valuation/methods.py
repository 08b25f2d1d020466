"""The valuation methods: the annual value of a benefit at full effect, before adjustments.

Each method names its inputs, what kind of number each one is (which decides how it is
validated), its default, and the parameter that fills it in when the request leaves it out.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce

from .arithmetic import ONE, add, multiply
from .parameters import MUNICIPAL_TAX_RATE, QALY_VALUE, SOCIAL_ASSISTANCE_MONTHLY_RATE

# Kinds of input, validated in request.py.
AMOUNT = "amount"  # kroner, 0 or more
SHARE = "share"  # 0 to 1
COUNT = "count"  # persons or units, 0 or more
MONTHS = "months"  # 0 to 12

QUALITATIVE_SCORES = ("----", "---", "--", "-", "0", "+", "++", "+++", "++++")


@dataclass(frozen=True)
class Input:
    """One input of a method."""

    name: str
    kind: str
    default: Decimal | None = None
    parameter: str | None = None


@dataclass(frozen=True)
class Method:
    """A way of putting a yearly krone value on a benefit.

    ``transfer`` marks methods that move money between parties (a benefit paid, a tax received):
    a gain to one party and a loss to another, never a gain to society.
    """

    name: str
    inputs: tuple[Input, ...]
    formula: Callable[[Mapping[str, Decimal]], Decimal] | None
    transfer: bool = False
    description: str = ""

    @property
    def priced(self) -> bool:
        return self.formula is not None

    def annual_value(self, inputs: Mapping[str, Decimal]) -> Decimal:
        """The method's annual value at full effect for ``inputs`` (every input given, defaults filled in)."""
        return self.formula(inputs)


def _product(*factors: Decimal) -> Decimal:
    # Computed in the engine's 60-digit context whatever the caller's context is.
    return reduce(multiply, factors)


METHODS: dict[str, Method] = {
    method.name: method
    for method in (
        Method(
            "qaly",
            (
                Input("qaly_value", AMOUNT, parameter=QALY_VALUE),
                Input("improvement", SHARE),
                Input("persons", COUNT, ONE),
            ),
            lambda i: _product(i["qaly_value"], i["improvement"], i["persons"]),
            description="quality-adjusted life years gained",
        ),
        Method(
            "production",
            (Input("salary", AMOUNT), Input("change", SHARE)),
            lambda i: _product(i["salary"], i["change"]),
            description="production gained through work",
        ),
        Method(
            "transfer_reduction",
            (Input("annual_transfer", AMOUNT), Input("supplements", AMOUNT, Decimal(0)), Input("change", SHARE)),
            lambda i: _product(add(i["annual_transfer"], i["supplements"]), i["change"]),
            transfer=True,
            description="a reduction in benefits paid out",
        ),
        Method(
            "municipal_tax",
            (
                Input("salary", AMOUNT),
                Input("change", SHARE),
                Input("municipal_tax_rate", SHARE, parameter=MUNICIPAL_TAX_RATE),
            ),
            lambda i: _product(i["salary"], i["change"], i["municipal_tax_rate"]),
            transfer=True,
            description="municipal income tax received",
        ),
        Method(
            "social_assistance",
            (
                Input("monthly_rate", AMOUNT, parameter=SOCIAL_ASSISTANCE_MONTHLY_RATE),
                Input("months", MONTHS, Decimal(12)),
                Input("change", SHARE, ONE),
            ),
            lambda i: _product(i["monthly_rate"], i["months"], i["change"]),
            transfer=True,
            description="a reduction in social assistance paid out",
        ),
        Method(
            "unit_cost",
            (Input("unit_cost", AMOUNT), Input("units", COUNT)),
            lambda i: _product(i["unit_cost"], i["units"]),
            description="services no longer needed",
        ),
        Method("qualitative", (), None, description="an effect assessed, not priced"),
    )
}
