"""Norwegian parameters by year, each with its source and whether that source has been checked.

A request may leave out a parameter input (for example ``qaly_value`` or ``municipal_tax_rate``);
the engine then takes the value *in force* for the request's ``price_year``: the one from the
latest parameter set whose year is not after ``price_year``. Values are in the kroner of their
own year. ``verified`` is True only where the figure was read in the source named; the others
are the best available figure and should be checked before they are relied on.
"""

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .arithmetic import CONTEXT

QALY_VALUE = "qaly_value"
MUNICIPAL_TAX_RATE = "municipal_tax_rate"
WORK_ASSESSMENT_ALLOWANCE_SHARE = "work_assessment_allowance_share"
SOCIAL_ASSISTANCE_MONTHLY_RATE = "social_assistance_monthly_rate"
BASIC_AMOUNT = "basic_amount"
CONSUMER_PRICE_INDEX = "consumer_price_index"


@dataclass(frozen=True)
class Parameter:
    """One parameter value as it stood in one year."""

    name: str
    year: int
    value: Decimal
    unit: str
    source: str
    verified: bool


class ParameterNotInForce(LookupError):
    """No value of parameter ``name`` is in force for ``year``."""

    def __init__(self, name: str, year: int, earliest: int | None):
        self.name = name
        self.year = year
        self.earliest = earliest
        known = f"the earliest is {earliest}" if earliest is not None else "there is none"
        super().__init__(f"no {name} is in force for {year} ({known})")


_G_SOURCE = "Grunnbeløpet (G) from 1 May, nav.no/grunnbelopet as cited by pensjonskontoret.no, opf.no and others"
_CPI_SOURCE = (
    "SSB table 03014, consumer price index (2015=100), annual average; 2016 checked, later years agree "
    "with SSB's published annual changes (1.8 % 2017, 2.7 % 2018, 5.8 % 2022, 5.5 % 2023, 3.1 % 2024)"
)
_AAP_SOURCE = "Work assessment allowance (AAP) is 66 % of the basis (folketrygdloven § 11-19), jusinfo.no"
_TAX_SOURCE = "Maximum municipal tax rate (kommunal skattøre) on ordinary income, statsbudsjettet.no"
_TAX_NOTE = "; it applies to income after deductions, so salary x rate overstates the tax"
_ASSISTANCE_SOURCE = (
    "State guideline rate for social assistance, single adult, per month (regjeringen.no circulars A-2/2012, "
    "A-3/2023; nav.no)"
)

# (name, year, value, unit, source, verified)
_TABLE = [
    *(
        (BASIC_AMOUNT, year, value, "NOK per year", _G_SOURCE, True)
        for year, value in [
            (2016, "92576"),
            (2017, "93634"),
            (2018, "96883"),
            (2019, "99858"),
            (2020, "101351"),
            (2021, "106399"),
            (2022, "111477"),
            (2023, "118620"),
            (2024, "124028"),
            (2025, "130160"),
        ]
    ),
    (CONSUMER_PRICE_INDEX, 2015, "100", "index, 2015=100", _CPI_SOURCE, True),
    (CONSUMER_PRICE_INDEX, 2016, "103.6", "index, 2015=100", _CPI_SOURCE, True),
    *(
        (CONSUMER_PRICE_INDEX, year, value, "index, 2015=100", _CPI_SOURCE, False)
        for year, value in [
            (2017, "105.5"),
            (2018, "108.4"),
            (2019, "110.8"),
            (2020, "112.2"),
            (2021, "116.1"),
            (2022, "122.8"),
            (2023, "129.6"),
            (2024, "133.6"),
        ]
    ),
    *(
        (WORK_ASSESSMENT_ALLOWANCE_SHARE, year, "0.66", "share of basis", _AAP_SOURCE, True)
        for year in range(2016, 2026)
    ),
    (MUNICIPAL_TAX_RATE, 2016, "0.118", "share", _TAX_SOURCE + _TAX_NOTE, False),
    (MUNICIPAL_TAX_RATE, 2017, "0.118", "share", _TAX_SOURCE + _TAX_NOTE, False),
    (MUNICIPAL_TAX_RATE, 2018, "0.118", "share", _TAX_SOURCE + _TAX_NOTE, True),
    (MUNICIPAL_TAX_RATE, 2019, "0.1155", "share", _TAX_SOURCE + _TAX_NOTE, True),
    (MUNICIPAL_TAX_RATE, 2020, "0.111", "share", _TAX_SOURCE + _TAX_NOTE, False),
    *((MUNICIPAL_TAX_RATE, year, "0.1095", "share", _TAX_SOURCE + _TAX_NOTE, False) for year in range(2021, 2026)),
    (
        SOCIAL_ASSISTANCE_MONTHLY_RATE,
        2016,
        "5950",
        "NOK per month",
        "Asker pilot (2017 slides) used 5,950 for 2016; it may be the 2017 guideline rate",
        False,
    ),
    (SOCIAL_ASSISTANCE_MONTHLY_RATE, 2017, "5950", "NOK per month", _ASSISTANCE_SOURCE, False),
    *(
        (SOCIAL_ASSISTANCE_MONTHLY_RATE, year, value, "NOK per month", _ASSISTANCE_SOURCE + note, True)
        for year, value, note in [
            (2018, "6050", ""),
            (2019, "6150", ""),
            (2020, "6250", ""),
            (2021, "6450", ""),
            (2022, "6550", "; 6,650 from 1 July"),
            (2023, "6650", "; 7,550 from 1 July"),
            (2024, "7850", ""),
        ]
    ),
    (
        QALY_VALUE,
        2016,
        "665268",
        "NOK per QALY",
        "Asker pilot: Helsedirektoratet's 588,000 (2012 kroner) in 2016 kroner; DFØ now derives it from the "
        "value of a statistical life, which gives a much higher figure",
        False,
    ),
]


class Parameters:
    """A table of parameter values by name and year: the engine's own, or one kept elsewhere (a database)."""

    def __init__(self, values: Iterable[Parameter]):
        self._by_name: dict[str, dict[int, Parameter]] = {}
        for parameter in values:
            self._by_name.setdefault(parameter.name, {})[parameter.year] = parameter
        self._years = {name: sorted(values) for name, values in self._by_name.items()}

    def __iter__(self):
        return (self._by_name[name][year] for name, years in sorted(self._years.items()) for year in years)

    def in_force(self, name: str, year: int) -> Parameter:
        """The value of ``name`` in force for ``year``: the latest one published in or before ``year``.

        Raises :class:`ParameterNotInForce` when the parameter is unknown or ``year`` is before its first value.
        """
        years = self._years.get(name)
        if not years:
            raise ParameterNotInForce(name, year, None)
        position = bisect_right(years, year)
        if position == 0:
            raise ParameterNotInForce(name, year, years[0])
        return self._by_name[name][years[position - 1]]

    def all_in_force(self, year: int) -> dict[str, Parameter]:
        """Every parameter that has a value in force for ``year``, by name."""
        return {name: self.in_force(name, year) for name, years in self._years.items() if years[0] <= year}

    def price_index_years(self) -> list[int]:
        return self._years.get(CONSUMER_PRICE_INDEX, [])

    def convert_kroner(self, amount: Decimal, from_year: int, to_year: int) -> Decimal:
        """Convert ``amount`` from the kroner of ``from_year`` to those of ``to_year`` by the consumer price index.

        Exact (no rounding). Raises :class:`ParameterNotInForce` when either year has no index.
        """
        indices = self._by_name.get(CONSUMER_PRICE_INDEX, {})
        for year in (from_year, to_year):
            if year not in indices:
                raise ParameterNotInForce(CONSUMER_PRICE_INDEX, year, min(indices, default=None))
        with localcontext(CONTEXT):
            return Decimal(amount) * indices[to_year].value / indices[from_year].value


def _built_in() -> Parameters:
    table = Parameters(
        Parameter(name, year, Decimal(value), unit, source, verified)
        for name, year, value, unit, source, verified in _TABLE
    )
    # The pilot's 2016 QALY value carried to each later year that has a price index, in whole kroner.
    base = table.in_force(QALY_VALUE, 2016)
    carried = [
        Parameter(
            QALY_VALUE,
            year,
            table.convert_kroner(base.value, base.year, year).quantize(Decimal(1), rounding=ROUND_HALF_UP),
            base.unit,
            f"{base.value:,} (2016 kroner, Asker pilot) carried to {year} by the consumer price index",
            False,
        )
        for year in table.price_index_years()
        if year > base.year
    ]
    return Parameters([*table, *carried])


BUILT_IN = _built_in()
parameter_in_force = BUILT_IN.in_force
parameters_in_force = BUILT_IN.all_in_force
convert_kroner = BUILT_IN.convert_kroner
