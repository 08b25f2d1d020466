"""Reading a valuation request: a JSON-like dict checked and turned into dataclasses.

Every problem raises :class:`ValidationError` naming the field by its path in the request
(``benefits[1].inputs.change``) and saying what is wrong (``must be between 0 and 1``).

Beyond the contract, an input value may be an estimate ``{"low": x, "expected": y, "high": z}``
(with low <= expected <= high); the expected value is used for every figure, and the low and
high values for the ranges reported beside them.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from .arithmetic import ONE, ZERO
from .errors import ValidationError
from .methods import AMOUNT, COUNT, METHODS, MONTHS, QUALITATIVE_SCORES, SHARE, Method
from .parameters import BUILT_IN, Parameter, ParameterNotInForce, Parameters
from .profile import FULL_EFFECT, NO_ADJUSTMENTS, Adjustments, TimeProfile

PARTIES = ("citizen", "municipality", "county", "state", "society")
SCENARIOS = ("low", "expected", "high")

MAX_AMOUNT = Decimal(10) ** 12  # a trillion kroner: no plan comes near it, and it bounds the digits
MAX_COUNT = Decimal(10) ** 9
MIN_EXPONENT = -20
MAX_HORIZON_YEARS = 200
MAX_PLAN_YEAR = 1000
EARLIEST_PRICE_YEAR, LATEST_PRICE_YEAR = 1900, 2200

_REQUEST_FIELDS = frozenset({"currency", "price_year", "benefits", "costs", "analysis"})
_BENEFIT_FIELDS = frozenset({"id", "label", "beneficiary", "method", "inputs", "time_profile", "adjustments"})
_COST_FIELDS = frozenset({"id", "label", "payer", "amount", "year"})
_ANALYSIS_FIELDS = frozenset({"horizon_years", "discount_rate"})
_TIME_PROFILE_FIELDS = frozenset({"start_year", "ramp_years", "duration_years", "drop_off"})
_ADJUSTMENT_FIELDS = frozenset({"deadweight", "attribution", "displacement"})
_INPUT_FIELDS = {name: frozenset(spec.name for spec in method.inputs) for name, method in METHODS.items()}
_QUALITATIVE_FIELDS = frozenset({"score"})
_ESTIMATE_FIELDS = frozenset(SCENARIOS)

_NUMBER_TYPES = frozenset({float, int, Decimal, str})

_RANGES = {
    AMOUNT: (ZERO, MAX_AMOUNT),
    SHARE: (ZERO, ONE),
    COUNT: (ZERO, MAX_COUNT),
    MONTHS: (ZERO, Decimal(12)),
}


class Estimate(NamedTuple):
    """An input value: one number, or a low / expected / high estimate."""

    low: Decimal
    expected: Decimal
    high: Decimal

    @property
    def uncertain(self) -> bool:
        return not (self.low == self.expected == self.high)

    def value(self, scenario: str) -> Decimal:
        """The value in ``scenario``: ``low``, ``expected`` or ``high``."""
        return getattr(self, scenario)


@dataclass(slots=True)
class Benefit:
    """One benefit line (G1, G2, ...) of a plan."""

    id: str
    label: str | None
    beneficiary: str
    method: Method
    inputs: Mapping[str, Estimate]
    score: str | None = None
    time_profile: TimeProfile = FULL_EFFECT
    adjustments: Adjustments = NO_ADJUSTMENTS

    def input_values(self, scenario: str = "expected") -> dict[str, Decimal]:
        """The inputs as plain numbers for one scenario."""
        return {name: estimate.value(scenario) for name, estimate in self.inputs.items()}


@dataclass(slots=True)
class Cost:
    """One cost line of a plan: an amount paid by one party at the end of one plan year."""

    id: str
    label: str | None
    payer: str
    amount: Decimal
    year: int


@dataclass(slots=True)
class Analysis:
    """The period and rate over which benefits and costs are discounted."""

    horizon_years: int
    discount_rate: Decimal


@dataclass(slots=True)
class ParameterUse:
    """A request field that was filled in from the parameter store."""

    field: str
    parameter: Parameter


@dataclass(slots=True)
class ValuationRequest:
    """A checked request, with the parameters that were filled in and notes on ignored fields."""

    currency: str
    price_year: int
    benefits: list[Benefit]
    costs: list[Cost] = field(default_factory=list)
    analysis: Analysis | None = None
    parameters_used: list[ParameterUse] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    uncertain: bool = False  # True when any input is a low / expected / high estimate
    parameters: Parameters = field(default=BUILT_IN, repr=False)  # where left-out parameter inputs come from


def parse_request(data: object, parameters: Parameters = BUILT_IN) -> ValuationRequest:
    """Check a request dict (as decoded from JSON) and return it as a :class:`ValuationRequest`.

    Parameter inputs the request leaves out are taken from ``parameters``.

    Raises :class:`ValidationError` for the first problem found.
    """
    request = _mapping(data, "request")
    notes: list[str] = []
    _note_unknown(request, "request", _REQUEST_FIELDS, notes)
    currency = request.get("currency", "NOK")
    if currency != "NOK":
        raise ValidationError("currency", 'must be "NOK"')
    price_year = _integer(request, "price_year", "", EARLIEST_PRICE_YEAR, LATEST_PRICE_YEAR)
    parsed = ValuationRequest(currency=currency, price_year=price_year, benefits=[], notes=notes, parameters=parameters)

    if request.get("analysis") is not None:
        parsed.analysis = _analysis(request["analysis"])

    for index, item in enumerate(_list(request, "benefits", required=True)):
        parsed.benefits.append(_benefit(item, f"benefits[{index}]", parsed))
    _reject_duplicate_ids(parsed.benefits, "benefits")

    for index, item in enumerate(_list(request, "costs", required=False)):
        parsed.costs.append(_cost(item, f"costs[{index}]", parsed))
    _reject_duplicate_ids(parsed.costs, "costs")
    return parsed


def _analysis(data: object) -> Analysis:
    analysis = _mapping(data, "analysis")
    _reject_unknown(analysis, "analysis", _ANALYSIS_FIELDS)
    return Analysis(
        horizon_years=_integer(analysis, "horizon_years", "analysis", 1, MAX_HORIZON_YEARS),
        discount_rate=_bounded(analysis, "discount_rate", "analysis", SHARE),
    )


def _benefit(data: object, path: str, request: ValuationRequest) -> Benefit:
    benefit = _mapping(data, path)
    _note_unknown(benefit, path, _BENEFIT_FIELDS, request.notes)
    method_name = benefit.get("method")
    method = METHODS.get(method_name) if type(method_name) is str else None
    if method is None:
        message = "is required" if method_name is None else f"unknown method {method_name!r}"
        raise ValidationError(f"{path}.method", f"{message}; expected one of {', '.join(METHODS)}")
    raw_inputs = benefit.get("inputs")
    inputs_path = f"{path}.inputs"
    raw_inputs = {} if raw_inputs is None else _mapping(raw_inputs, inputs_path)
    score = None
    if method.priced:
        inputs = _method_inputs(method, raw_inputs, inputs_path, request)
    else:
        inputs = {}
        _reject_unknown(raw_inputs, inputs_path, _QUALITATIVE_FIELDS, f"for method {method.name}")
        score = raw_inputs.get("score")
        if score not in QUALITATIVE_SCORES:
            message = "is required" if score is None else "must be one of"
            raise ValidationError(f"{inputs_path}.score", f"{message} {' '.join(QUALITATIVE_SCORES)}")
    profile = benefit.get("time_profile")
    adjustments = benefit.get("adjustments")
    return Benefit(
        id=_identifier(benefit, path),
        label=_label(benefit, path),
        beneficiary=_party(benefit, "beneficiary", path),
        method=method,
        inputs=inputs,
        score=score,
        time_profile=FULL_EFFECT if profile is None else _time_profile(profile, f"{path}.time_profile"),
        adjustments=NO_ADJUSTMENTS if adjustments is None else _adjustments(adjustments, f"{path}.adjustments"),
    )


def _method_inputs(method: Method, raw: Mapping, path: str, request: ValuationRequest) -> dict[str, Estimate]:
    _reject_unknown(raw, path, _INPUT_FIELDS[method.name], f"for method {method.name}")
    inputs = {}
    for spec in method.inputs:
        value = raw.get(spec.name)
        if value is not None and not _is_mapping(value):
            number = _bounded(raw, spec.name, path, spec.kind)
            estimate = Estimate(number, number, number)
        elif value is not None:
            estimate = _estimate(value, f"{path}.{spec.name}", spec.kind)
            request.uncertain = request.uncertain or estimate.uncertain
        elif spec.default is not None:
            estimate = Estimate(spec.default, spec.default, spec.default)
        elif spec.parameter is not None:
            parameter = _parameter(request, spec.parameter, f"{path}.{spec.name}")
            request.parameters_used.append(ParameterUse(f"{path}.{spec.name}", parameter))
            estimate = Estimate(parameter.value, parameter.value, parameter.value)
        else:
            raise ValidationError(f"{path}.{spec.name}", "is required")
        inputs[spec.name] = estimate
    return inputs


def _parameter(request: ValuationRequest, name: str, path: str) -> Parameter:
    price_year = request.price_year
    try:
        return request.parameters.in_force(name, price_year)
    except ParameterNotInForce as error:
        raise ValidationError(
            path,
            f"not given, and no parameter set is in force for price_year {price_year} "
            f"(the earliest is {error.earliest})",
        ) from None


def _estimate(value: Mapping, path: str, kind: str) -> Estimate:
    _reject_unknown(value, path, _ESTIMATE_FIELDS, "in an estimate")
    low, expected, high = (_bounded(value, scenario, path, kind) for scenario in SCENARIOS)
    if not low <= expected <= high:
        raise ValidationError(path, "must have low <= expected <= high")
    return Estimate(low, expected, high)


def _time_profile(data: object, path: str) -> TimeProfile:
    profile = _mapping(data, path)
    _reject_unknown(profile, path, _TIME_PROFILE_FIELDS)
    return TimeProfile(
        start_year=_integer(profile, "start_year", path, 1, MAX_PLAN_YEAR, default=1),
        ramp_years=_integer(profile, "ramp_years", path, 0, MAX_PLAN_YEAR, default=0),
        duration_years=_integer(profile, "duration_years", path, 1, MAX_PLAN_YEAR, default=None),
        drop_off=_bounded(profile, "drop_off", path, SHARE, default=ZERO),
    )


def _adjustments(data: object, path: str) -> Adjustments:
    adjustments = _mapping(data, path)
    _reject_unknown(adjustments, path, _ADJUSTMENT_FIELDS)
    return Adjustments(
        deadweight=_bounded(adjustments, "deadweight", path, SHARE, default=ZERO),
        attribution=_bounded(adjustments, "attribution", path, SHARE, default=ZERO),
        displacement=_bounded(adjustments, "displacement", path, SHARE, default=ZERO),
    )


def _cost(data: object, path: str, request: ValuationRequest) -> Cost:
    cost = _mapping(data, path)
    _note_unknown(cost, path, _COST_FIELDS, request.notes)
    year = _integer(cost, "year", path, 1, MAX_PLAN_YEAR)
    if request.analysis is not None and year > request.analysis.horizon_years:
        raise ValidationError(f"{path}.year", f"must be within the horizon (1 to {request.analysis.horizon_years})")
    return Cost(
        id=_identifier(cost, path),
        label=_label(cost, path),
        payer=_party(cost, "payer", path),
        amount=_bounded(cost, "amount", path, AMOUNT),
        year=year,
    )


def _reject_duplicate_ids(lines: list, path: str) -> None:
    seen = set()
    for index, line in enumerate(lines):
        if line.id in seen:
            raise ValidationError(f"{path}[{index}].id", f'"{line.id}" is used by another line')
        seen.add(line.id)


# Field readers. Each reads ``mapping[key]``, where ``mapping`` sits at ``path`` in the request,
# and returns the value checked or raises. The field's full path is only built for an error,
# since requests are read in bulk.

_REQUIRED = object()


def _field(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _is_mapping(value: object) -> bool:
    kind = type(value)
    return kind is dict or (kind not in _NUMBER_TYPES and isinstance(value, Mapping))


def _mapping(value: object, path: str) -> Mapping:
    if not _is_mapping(value):
        raise ValidationError(path, "must be an object")
    return value


def _list(mapping: Mapping, key: str, required: bool) -> list:
    value = mapping.get(key)
    if value is None:
        if required:
            raise ValidationError(key, "is required")
        return []
    if type(value) is not list:
        raise ValidationError(key, "must be a list")
    return value


def _identifier(mapping: Mapping, path: str) -> str:
    value = mapping.get("id")
    if type(value) is not str or not value.strip():
        raise ValidationError(f"{path}.id", "is required" if value is None else "must be a non-empty string")
    return value


def _label(mapping: Mapping, path: str) -> str | None:
    value = mapping.get("label")
    if value is not None and type(value) is not str:
        raise ValidationError(f"{path}.label", "must be a string")
    return value


def _party(mapping: Mapping, key: str, path: str) -> str:
    value = mapping.get(key)
    if value not in PARTIES:
        message = "is required" if value is None else "must be one of"
        raise ValidationError(f"{path}.{key}", f"{message} {', '.join(PARTIES)}")
    return value


def _integer(mapping: Mapping, key: str, path: str, minimum: int, maximum: int, default=_REQUIRED) -> int | None:
    value = mapping.get(key)
    if value is None:
        if default is _REQUIRED:
            raise ValidationError(_field(path, key), "is required")
        return default
    if type(value) is not int:
        raise ValidationError(_field(path, key), "must be a whole number")
    if value < minimum:
        message = "must be a positive whole number" if minimum == 1 else f"must be at least {minimum}"
        raise ValidationError(_field(path, key), message)
    if value > maximum:
        raise ValidationError(_field(path, key), f"must be at most {maximum}")
    return value


def _bounded(mapping: Mapping, key: str, path: str, kind: str, default=_REQUIRED) -> Decimal:
    """A number of the given kind (see methods.py): an amount, a share, a count or months."""
    value = mapping.get(key)
    value_type = type(value)
    if value_type is float:
        number = _float_decimals.get(value)
        if number is None:
            number = _float_to_decimal(value)
    elif value_type is Decimal:
        number = value
    elif value_type is int:
        number = Decimal(value)
    elif value is None:
        if default is _REQUIRED:
            raise ValidationError(_field(path, key), "is required")
        return default
    elif value_type is str:
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ValidationError(_field(path, key), "must be a number") from None
    else:
        raise ValidationError(_field(path, key), "must be a number")
    if not number.is_finite():
        raise ValidationError(_field(path, key), "must be a finite number")
    # Bounds the digits of every figure, so rounding for output never runs out of precision.
    if number and number.adjusted() < MIN_EXPONENT:
        raise ValidationError(_field(path, key), f"must be 0 or at least 1e{MIN_EXPONENT} in size")
    low, high = _RANGES[kind]
    if low <= number <= high:
        return number
    if kind in (SHARE, MONTHS):
        raise ValidationError(_field(path, key), f"must be between {low} and {high}")
    if number < low:
        raise ValidationError(_field(path, key), "must not be negative")
    raise ValidationError(_field(path, key), f"must be at most {high:,.0f}".replace(",", " "))


# Plans repeat the same few floats (0.04, 0.5, 0.12 ...), so their conversions are kept.
_float_decimals: dict[float, Decimal] = {}


def _float_to_decimal(value: float) -> Decimal:
    # repr gives the shortest text that reads back as the same float: 0.1, not 0.1000000000000000055...
    number = Decimal(repr(value))
    if len(_float_decimals) >= 4096:
        _float_decimals.clear()
    _float_decimals[value] = number
    return number


def _reject_unknown(mapping: Mapping, path: str, known: frozenset[str], where: str = "") -> None:
    if known.issuperset(mapping):
        return
    for key in mapping:
        if key not in known:
            expected = ", ".join(sorted(known))
            raise ValidationError(
                f"{path}.{key}", f"unknown field{' ' + where if where else ''}; expected one of {expected}"
            )


def _note_unknown(mapping: Mapping, path: str, known: frozenset[str], notes: list[str]) -> None:
    if known.issuperset(mapping):
        return
    for key in mapping:
        if key not in known:
            notes.append(f"{path}.{key}: unknown field, ignored")
