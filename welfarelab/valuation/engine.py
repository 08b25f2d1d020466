"""The valuation engine's one entry point: :func:`valuate`, a request dict in, a response dict out."""

from collections.abc import Iterable, Mapping
from decimal import Decimal, localcontext

from .arithmetic import CONTEXT, ZERO, json_number, multiply, round_kroner, round_kroner_all
from .parameters import BUILT_IN, Parameters
from .present_value import benefit_cost_ratio, cumulative_weights, discount_factors, payback_year
from .request import PARTIES, SCENARIOS, Benefit, ValuationRequest, parse_request


def valuate(request: Mapping, parameters: Parameters = BUILT_IN) -> dict:
    """Value an investment plan as ``contracts/valuation.md`` specifies.

    ``request`` is the request as decoded from JSON (numbers may be int, float, Decimal or
    numeric strings). Returns a JSON-ready dict: kroner as whole-krone ints, rounded half away
    from zero only here, at the end; the benefit-cost ratio as a float with 4 decimals.

    Fields beyond the contract: per-benefit ``label`` and ``adjustment_factor``; ``costs`` with
    their present values; ``totals.net_annual_priced_total`` (after adjustments), ``costs_total``,
    ``costs_by_payer`` and ``present_value_costs_by_payer``; ``analysis`` (the horizon and rate
    used); ``parameters_used`` (every input filled in from the parameter store, with its year,
    source and whether it is verified). When any input is a low / expected / high estimate,
    ``totals`` also holds ``annual_priced_total_range`` and, with an analysis,
    ``net_present_value_range``: the figure with every input at its low, at its expected and at
    its high value. With an analysis, ``ledger``: the present values posted to each party (benefits,
    transfers, costs, net) and ``all_parties``, society's view, in which transfers cancel out.

    Parameter inputs the request leaves out come from ``parameters`` (by default the engine's own table).

    Raises :class:`~welfarelab.valuation.errors.ValidationError` naming the offending field.
    """
    with localcontext(CONTEXT):
        return _respond(parse_request(request, parameters))


def _respond(plan: ValuationRequest) -> dict:
    scenarios = SCENARIOS if plan.uncertain else ("expected",)
    priced = [benefit for benefit in plan.benefits if benefit.method.priced]
    annual = {
        scenario: [benefit.method.annual_value(benefit.input_values(scenario)) for benefit in priced]
        for scenario in scenarios
    }
    factors = [benefit.adjustments.factor for benefit in priced]
    net_annual = list(map(multiply, annual["expected"], factors))
    beneficiaries = [benefit.beneficiary for benefit in priced]

    lines = {benefit.id: _benefit_line(benefit) for benefit in plan.benefits}
    for benefit, value, factor, net in zip(
        priced, round_kroner_all(annual["expected"]), factors, round_kroner_all(net_annual), strict=True
    ):
        lines[benefit.id].update(annual_value=value, adjustment_factor=json_number(factor), net_annual_value=net)

    totals = {
        "annual_priced_total": round_kroner(sum(annual["expected"], ZERO)),
        "by_beneficiary": _by_party(zip(beneficiaries, annual["expected"], strict=True)),
        "net_annual_priced_total": round_kroner(sum(net_annual, ZERO)),
        "costs_total": round_kroner(sum((cost.amount for cost in plan.costs), ZERO)),
        "costs_by_payer": _by_party((cost.payer, cost.amount) for cost in plan.costs),
    }
    if plan.uncertain:
        totals["annual_priced_total_range"] = {s: round_kroner(sum(annual[s], ZERO)) for s in scenarios}

    response = {
        "currency": plan.currency,
        "price_year": plan.price_year,
        "benefits": list(lines.values()),
        "costs": [
            {"id": c.id, "label": c.label, "payer": c.payer, "amount": round_kroner(c.amount), "year": c.year}
            for c in plan.costs
        ],
        "totals": totals,
        "non_priced": {benefit.id: benefit.score for benefit in plan.benefits if not benefit.method.priced},
        "warnings": _warnings(plan),
        "parameters_used": [
            {
                "field": use.field,
                "parameter": use.parameter.name,
                "year": use.parameter.year,
                "value": json_number(use.parameter.value),
                "unit": use.parameter.unit,
                "source": use.parameter.source,
                "verified": use.parameter.verified,
            }
            for use in plan.parameters_used
        ],
    }
    if plan.analysis is not None:
        _add_present_values(response, plan, priced, annual, factors, net_annual)
    return response


def _add_present_values(
    response: dict,
    plan: ValuationRequest,
    priced: list[Benefit],
    annual: dict[str, list[Decimal]],
    factors: list[Decimal],
    net_annual: list[Decimal],
) -> None:
    horizon, rate = plan.analysis.horizon_years, plan.analysis.discount_rate
    # The present value of a krone a year at full effect, per benefit.
    weights = [cumulative_weights(benefit.time_profile, rate, horizon)[-1] for benefit in priced]
    benefit_values = list(map(multiply, net_annual, weights))
    discount = discount_factors(rate, horizon)
    cost_values = [multiply(cost.amount, discount[cost.year - 1]) for cost in plan.costs]
    present_value_benefits = sum(benefit_values, ZERO)
    present_value_costs = sum(cost_values, ZERO)

    for line, value in zip(
        (line for line in response["benefits"] if line["priced"]), round_kroner_all(benefit_values), strict=True
    ):
        line["present_value"] = value
    for line, value in zip(response["costs"], round_kroner_all(cost_values), strict=True):
        line["present_value"] = value

    # Benefits with the same time profile grow alike, so their net annual values are added first.
    net_by_profile: dict = {}
    for benefit, net in zip(priced, net_annual, strict=True):
        net_by_profile[benefit.time_profile] = net_by_profile.get(benefit.time_profile, ZERO) + net
    profiles = [(net, cumulative_weights(profile, rate, horizon)) for profile, net in net_by_profile.items()]

    def cumulative_benefits(year: int) -> Decimal:
        return sum((net * by_year[year - 1] for net, by_year in profiles), ZERO)

    ratio = benefit_cost_ratio(present_value_benefits, present_value_costs)
    beneficiaries = [benefit.beneficiary for benefit in priced]
    response["totals"].update(
        present_value_benefits=round_kroner(present_value_benefits),
        present_value_costs=round_kroner(present_value_costs),
        net_present_value=round_kroner(present_value_benefits - present_value_costs),
        benefit_cost_ratio=None if ratio is None else float(ratio),
        payback_year=payback_year(
            cumulative_benefits, zip((cost.year for cost in plan.costs), cost_values, strict=True), horizon
        ),
        present_value_by_beneficiary=_by_party(zip(beneficiaries, benefit_values, strict=True)),
        present_value_costs_by_payer=_by_party(zip((cost.payer for cost in plan.costs), cost_values, strict=True)),
    )
    response["ledger"] = _ledger(priced, benefit_values, plan.costs, cost_values)
    if plan.uncertain:
        response["totals"]["net_present_value_range"] = {
            scenario: round_kroner(
                sum(map(multiply, map(multiply, values, factors), weights), ZERO) - present_value_costs
            )
            for scenario, values in annual.items()
        }
    response["analysis"] = {"horizon_years": horizon, "discount_rate": json_number(rate)}


def _ledger(priced: list[Benefit], benefit_values: list[Decimal], costs: list, cost_values: list[Decimal]) -> dict:
    """Present values posted to each party, so that a transfer is a gain for one party and a loss for another.

    A transfer (a benefit no longer paid, a tax received) booked to a public party posts + to it and - to
    the citizen, who receives less or pays more; one booked to society posts nothing (it is warned about).
    Real resources (health, production, services no longer used) post + to their beneficiary, costs - to
    their payer. The sum over all parties is then society's net present value: real resources only.
    """
    posts = {party: {"benefits": ZERO, "transfers": ZERO, "costs": ZERO} for party in PARTIES}
    for benefit, value in zip(priced, benefit_values, strict=True):
        party = benefit.beneficiary
        if not benefit.method.transfer:
            posts[party]["benefits"] += value
        elif party == "citizen":
            posts[party]["transfers"] += value
        elif party != "society":
            posts[party]["transfers"] += value
            posts["citizen"]["transfers"] -= value
    for cost, value in zip(costs, cost_values, strict=True):
        posts[cost.payer]["costs"] -= value
    ledger = {
        party: {kind: round_kroner(amount) for kind, amount in (entries | {"net": sum(entries.values())}).items()}
        for party, entries in posts.items()
        if any(entries.values())
    }
    society = {kind: sum((entries[kind] for entries in posts.values()), ZERO) for kind in ("benefits", "costs")}
    ledger["all_parties"] = {
        "benefits": round_kroner(society["benefits"]),
        "transfers": 0,
        "costs": round_kroner(society["costs"]),
        "net": round_kroner(society["benefits"] + society["costs"]),
    }
    return ledger


def _benefit_line(benefit: Benefit) -> dict:
    line = {
        "id": benefit.id,
        "label": benefit.label,
        "beneficiary": benefit.beneficiary,
        "method": benefit.method.name,
        "priced": benefit.method.priced,
    }
    if not benefit.method.priced:
        line["score"] = benefit.score
    return line


def _by_party(pairs: Iterable[tuple[str, Decimal]]) -> dict[str, int]:
    """Sum values by party, rounding only the sums; parties in a fixed order, those without values left out."""
    sums: dict[str, Decimal] = {}
    for party, value in pairs:
        sums[party] = sums.get(party, ZERO) + value
    return {party: round_kroner(sums[party]) for party in PARTIES if party in sums}


def _warnings(plan: ValuationRequest) -> list[str]:
    warnings = []
    horizon = plan.analysis.horizon_years if plan.analysis is not None else None
    for benefit in plan.benefits:
        if benefit.method.transfer and benefit.beneficiary == "society":
            warnings.append(
                f"{benefit.id}: {benefit.method.name} ({benefit.method.description}) is booked to society, but it is "
                "a transfer between parties, not a gain to society as a whole; adding it to society's total double "
                "counts. Book it to the party whose budget it changes."
            )
        if horizon is not None and benefit.method.priced and benefit.time_profile.start_year > horizon:
            warnings.append(
                f"{benefit.id}: starts in year {benefit.time_profile.start_year}, after the horizon of "
                f"{horizon} years, so its present value is 0."
            )
    for use in plan.parameters_used:
        parameter = use.parameter
        if not parameter.verified:
            warnings.append(
                f"{use.field}: taken from the {parameter.year} parameter set ({json_number(parameter.value)} "
                f"{parameter.unit}), a figure not yet checked against its source: {parameter.source}."
            )
    warnings.extend(plan.notes)
    return warnings
