"""The plan's benefits (G1, G2, ...): what changes for whom, valued by the engine, and followed up.

A benefit keeps its method's inputs as the engine reads them; the figures are computed each time
from the benefits the user may see, the investment recorded for the family and the parameters in
force, so they change as soon as any of them does.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django import forms
from django.db import transaction
from django.db.models import Max, Q
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from welfarelab import valuation
from welfarelab.access import audit, changes, policy
from welfarelab.checks import check
from welfarelab.forms import EMPTY_CHOICE, DateField, add_problems
from welfarelab.money import months
from welfarelab.money.models import Beneficiary, Benefit, Measurement, Parameter, PlanValue
from welfarelab.people.models import Household, Organisation, StaffUser
from welfarelab.plans.models import InvestmentPlan
from welfarelab.valuation.methods import AMOUNT, COUNT, METHODS, MONTHS, QUALITATIVE_SCORES, SHARE
from welfarelab.valuation.profile import shares
from welfarelab.valuation.request import parse_request

# What each input is called on the form. Shares are entered as percent.
INPUT_LABELS = {
    "qaly_value": _("Value of a quality-adjusted life year (NOK)"),
    "improvement": _("Improvement in quality of life (%)"),
    "persons": _("Number of persons"),
    "salary": _("Yearly salary (NOK)"),
    "change": _("Change (%)"),
    "annual_transfer": _("Benefits paid a year (NOK)"),
    "supplements": _("Supplements a year (NOK)"),
    "municipal_tax_rate": _("Municipal tax rate (%)"),
    "monthly_rate": _("Social assistance a month (NOK)"),
    "months": _("Months a year"),
    "unit_cost": _("Cost per unit (NOK)"),
    "units": _("Units a year no longer needed"),
}
# The input whose low and high estimates give the range of the net present value.
UNCERTAIN = {"qaly": "improvement", "unit_cost": "units"} | {
    name: "change" for name in ("production", "transfer_reduction", "municipal_tax", "social_assistance")
}
PAYERS = {
    Organisation.Owner.MUNICIPALITY: "municipality",
    Organisation.Owner.COUNTY: "county",
    Organisation.Owner.STATE: "state",
    Organisation.Owner.HEALTH_TRUST: "state",
    Organisation.Owner.VOLUNTARY: "society",
    Organisation.Owner.PRIVATE: "society",
}
HUNDRED = Decimal(100)


class PercentField(forms.DecimalField):
    """A share from 0 to 1, entered and shown as the percent people write (50 for a half)."""

    def __init__(self, **kwargs):
        for name in ("max_digits", "decimal_places", "max_value", "min_value"):
            kwargs.pop(name, None)
        super().__init__(min_value=0, max_value=100, decimal_places=2, **kwargs)

    def prepare_value(self, value):
        return plain(value * HUNDRED) if isinstance(value, Decimal) else value

    def clean(self, value):
        value = super().clean(value)
        return None if value is None else value / HUNDRED


def _input_field(spec):
    label, required = INPUT_LABELS[spec.name], False
    help_text = _("Leave empty to use the figure in force for the plan's year.") if spec.parameter else ""
    if spec.kind == SHARE:
        return PercentField(label=label, required=required, help_text=help_text)
    if spec.kind == MONTHS:
        return forms.DecimalField(label=label, required=required, min_value=0, max_value=12, decimal_places=2)
    limit = {AMOUNT: 10**12, COUNT: 10**9}[spec.kind]
    return forms.DecimalField(label=label, required=required, min_value=0, max_value=limit, decimal_places=2)


def _inputs_used_by():
    """{input name: (spec, the methods that use it)} over every priced method."""
    found = {}
    for method in METHODS.values():
        for spec in method.inputs:
            found.setdefault(spec.name, (spec, []))[1].append(method.name)
    return found


INPUTS = _inputs_used_by()


class BenefitForm(changes.VersionedForm):
    score = forms.ChoiceField(
        label=_("Score"),
        required=False,
        choices=[("", EMPTY_CHOICE)] + [(s, s) for s in QUALITATIVE_SCORES],
        help_text=_("From ---- (much worse) through 0 (no change) to ++++ (much better)."),
    )
    low = forms.DecimalField(label=_("Low estimate"), required=False, min_value=0, decimal_places=2)
    high = forms.DecimalField(label=_("High estimate"), required=False, min_value=0, decimal_places=2)

    class Meta:
        model = Benefit
        fields = ["goal", "label", "beneficiary", "method", "start_year", "ramp_years", "duration_years"]
        fields += ["drop_off", "deadweight", "attribution", "displacement", "assumptions"]
        field_classes = {name: PercentField for name in ("drop_off", "deadweight", "attribution", "displacement")}

    def __init__(self, *args, user, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.household = user, household
        self.fields["goal"].queryset = policy.goals(user, household).select_related("life_area")
        for name, (spec, _methods) in INPUTS.items():
            self.fields[f"input_{name}"] = _input_field(spec)
        for name in ("drop_off", "deadweight", "attribution", "displacement"):
            self.fields[name].label = f"{self.fields[name].label} (%)"
        for name in ("low", "high"):
            self.fields[name].help_text = _(
                "Of the improvement, change or units (as above). Give both to see the range of the net present value."
            )
        if not self.is_bound:
            self._initial_from(self.instance.inputs)

    def _initial_from(self, inputs):
        """Inputs as stored (shares as shares: their fields show them as percent)."""
        for name, value in inputs.items():
            if name == "score":
                self.initial["score"] = value
                continue
            if isinstance(value, dict):
                spec = INPUTS[name][0]
                self.initial["low"], self.initial["high"] = (_shown(spec, value[s]) for s in ("low", "high"))
                value = value["expected"]
            self.initial[f"input_{name}"] = Decimal(value)

    def groups(self):
        """The form in the order it is filled in: (legend, [(bound field, methods it applies to or "")])."""

        def plain(*names):
            return [(self[name], "") for name in names]

        uncertain = " ".join(UNCERTAIN)
        return [
            (_("The benefit"), plain("goal", "label", "beneficiary", "method")),
            (
                _("How much, a year at full effect"),
                [(self[f"input_{name}"], " ".join(methods)) for name, (_spec, methods) in INPUTS.items()]
                + [(self["score"], "qualitative"), (self["low"], uncertain), (self["high"], uncertain)],
            ),
            (_("Over time"), plain("start_year", "ramp_years", "duration_years", "drop_off")),
            (_("What is not the team's doing"), plain("deadweight", "attribution", "displacement")),
            (_("Assumptions"), plain("assumptions")),
        ]

    def clean(self):
        cleaned = super().clean()
        method = METHODS.get(cleaned.get("method"))
        if method is None:
            return cleaned
        if not method.priced:
            if not cleaned.get("score"):
                self.add_error("score", _("Choose a score for an effect that is not priced."))
            self.instance.inputs = {"score": cleaned.get("score")}
            return cleaned
        inputs = {}
        for spec in method.inputs:
            value = cleaned.get(f"input_{spec.name}")
            if value is not None:
                inputs[spec.name] = str(value)
            elif spec.default is None and spec.parameter is None and f"input_{spec.name}" not in self.errors:
                self.add_error(f"input_{spec.name}", _("This method needs it."))
        self._add_estimates(method, inputs, cleaned)
        self.instance.inputs = inputs
        if not self.errors:
            values = {name: value for name, value in self.values().items() if name != "benefit"}
            problems = benefit_problems(self.user, self.household, **values)
            add_problems(self, {name.replace("inputs.", "input_"): found for name, found in problems.items()})
        return cleaned

    def values(self):
        """What `save` takes: the inputs as the engine reads them."""
        values = {name: self.cleaned_data.get(name) for name in (*self._meta.fields, "version")}
        return values | {"inputs": self.instance.inputs, "benefit": self.instance if self.instance.pk else None}

    def _add_estimates(self, method, inputs, cleaned):
        low, high = cleaned.get("low"), cleaned.get("high")
        if low is None and high is None:
            return
        if low is None or high is None:
            self.add_error("low" if low is None else "high", _("Give both a low and a high estimate, or neither."))
            return
        name = UNCERTAIN[method.name]
        spec = INPUTS[name][0]
        expected = cleaned.get(f"input_{name}")
        if expected is None:
            expected = spec.default
        if expected is None:
            return  # the missing input has its own error
        low, high = (v / HUNDRED if spec.kind == SHARE else v for v in (low, high))
        if spec.kind == SHARE and high > 1:
            self.add_error("high", _("Ensure this value is less than or equal to 100."))
        elif not low <= Decimal(expected) <= high:
            self.add_error("low", _("The low estimate must not be above the value, nor the high one below it."))
        else:
            inputs[name] = {"low": str(low), "expected": str(expected), "high": str(high)}


def plain(number):
    """A decimal as people write it: 1000000 and 12.5, not 1E+6 or 12.500."""
    return f"{number.normalize():f}"


def _shown(spec, value):
    """A low or high estimate as entered: percent for a share."""
    value = Decimal(value)
    return plain(value * HUNDRED if spec.kind == SHARE else value)


def request_line(benefit):
    """One benefit as the engine reads it (contracts/valuation.md)."""
    return {
        "id": benefit.code,
        "label": benefit.label,
        "beneficiary": benefit.beneficiary,
        "method": benefit.method,
        "inputs": benefit.inputs,
        "time_profile": {
            "start_year": benefit.start_year,
            "ramp_years": benefit.ramp_years,
            "duration_years": benefit.duration_years,
            "drop_off": benefit.drop_off,
        },
        "adjustments": {
            "deadweight": benefit.deadweight,
            "attribution": benefit.attribution,
            "displacement": benefit.displacement,
        },
    }


def benefit_problems(principal, household, *, goal=None, method=None, inputs=None, version=None, **line):
    """{field: messages}: the benefit is of a goal `principal` may see, and the engine values it with the
    figures in force for the plan's year; an input it lacks is named as `inputs.<name>`."""
    errors = {}
    if goal is not None and not policy.goals(principal, household).filter(pk=goal.pk).exists():
        errors["goal"] = [_("Choose one of the plan's goals.")]
    if method not in METHODS or inputs is None:
        return errors
    for spec in METHODS[method].inputs:
        if spec.default is None and spec.parameter is None and spec.name not in inputs:
            errors[f"inputs.{spec.name}"] = [_("This method needs it.")]
    if any(name.startswith("inputs.") for name in errors):
        return errors
    plan = InvestmentPlan.objects.get(household=household)
    typed = Benefit(method=method, inputs=inputs, **{name: value for name, value in line.items() if value is not None})
    try:
        valuation.valuate({"price_year": plan.price_year, "benefits": [request_line(typed)]}, Parameter.table())
    except valuation.ValidationError as error:
        name = error.field.rsplit(".", 1)[-1]
        if name in INPUTS and name not in inputs:
            errors[f"inputs.{name}"] = [
                _("No figure is stored for %(year)s. Give the value here, or ask an administrator to add the year.")
                % {"year": plan.price_year}
            ]
        else:
            errors["inputs"] = [_("These figures cannot be valued together. Check the method's inputs.")]
    return errors


@transaction.atomic
def save(
    principal,
    household,
    *,
    goal,
    label: str,
    beneficiary: str,
    method: str,
    inputs: dict,
    start_year: int = 1,
    ramp_years: int = 0,
    duration_years: int | None = None,
    drop_off: Decimal = Decimal(0),
    deadweight: Decimal = Decimal(0),
    attribution: Decimal = Decimal(0),
    displacement: Decimal = Decimal(0),
    assumptions: str = "",
    benefit: Benefit | None = None,
    version: int | None = None,
) -> Benefit:
    """A benefit of the plan (or a change of `benefit`, from `version`), its inputs as the engine reads them
    (contracts/valuation.md); the plan is valued again once it is saved. A new one is numbered through the plan."""
    line = {"label": label, "beneficiary": beneficiary, "start_year": start_year, "ramp_years": ramp_years}
    line |= {"duration_years": duration_years, "drop_off": drop_off, "deadweight": deadweight}
    line |= {"attribution": attribution, "displacement": displacement}
    errors = benefit_problems(principal, household, goal=goal, method=method, inputs=inputs, **line)
    new = benefit is None
    benefit = benefit or Benefit()
    for name, value in (line | {"goal": goal, "method": method, "inputs": inputs, "assumptions": assumptions}).items():
        setattr(benefit, name, value)
    check(benefit, errors, exclude=["goal", "number", "version"])
    if new:
        plan = InvestmentPlan.objects.select_for_update().get(household=household)
        last = Benefit.objects.filter(goal__plan=plan).aggregate(Max("number"))["number__max"]
        benefit.number = (last or 0) + 1
    benefit = changes.commit(principal, benefit, household, new=new, version=version, detail="benefit")
    revalue_when_committed(household)
    return benefit


class RealisationForm(changes.VersionedForm):
    class Meta:
        model = Benefit
        fields = ["owner", "indicator", "baseline", "target", "target_on", "measured_when", "status", "evaluation"]
        field_classes = {"target_on": DateField}

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners(household, self.instance)
        self.fields["owner"].help_text = _("One person answers for the benefit being realised.")


def owners(household, benefit):
    """Who can answer for a benefit being realised: the leader and the team (and whoever does already)."""
    team = household.team.current().values("member")
    return StaffUser.objects.filter(Q(pk__in=team) | Q(pk=household.investment_leader_id) | Q(pk=benefit.owner_id))


@transaction.atomic
def save_realisation(
    principal,
    household,
    benefit,
    *,
    owner: StaffUser | None,
    status: str,
    indicator: str = "",
    baseline: str = "",
    target: str = "",
    target_on: datetime.date | None = None,
    measured_when: str = "",
    evaluation: str = "",
    version: int | None,
) -> Benefit:
    """How `benefit` is to be realised and how it went, changed from the version the user saw; its owner is the
    leader or someone on the team."""
    errors = {}
    if owner is not None and not owners(household, benefit).filter(pk=owner.pk).exists():
        errors["owner"] = [_("Choose the investment leader or someone on the team.")]
    benefit.owner, benefit.status, benefit.evaluation = owner, status, evaluation
    benefit.indicator, benefit.baseline, benefit.target, benefit.target_on = indicator, baseline, target, target_on
    benefit.measured_when = measured_when
    check(benefit, errors, exclude=["goal", "number", "version", "owner"])
    return changes.commit(principal, benefit, household, new=False, version=version, detail="benefit realisation")


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["measured_on", "value", "note"]
        field_classes = {"measured_on": DateField}

    def values(self):
        """What `add_measurement` takes."""
        return self.cleaned_data

    def clean(self):
        cleaned = super().clean()
        add_problems(self, measurement_problems(measured_on=cleaned.get("measured_on")))
        return cleaned


def measurement_problems(*, measured_on=None, **_fields):
    if measured_on and measured_on > timezone.localdate():
        return {"measured_on": [_("A measurement is made on a day that has come. Choose today or earlier.")]}
    return {}


@transaction.atomic
def add_measurement(
    principal, household, benefit, *, measured_on: datetime.date, value: str, note: str = ""
) -> Measurement:
    """A reading of `benefit`'s indicator, on a day that has come."""
    measurement = Measurement(benefit=benefit, recorded_by=principal, measured_on=measured_on, value=value, note=note)
    check(measurement, measurement_problems(measured_on=measured_on), exclude=["benefit", "recorded_by"])
    measurement.save()
    audit.record(principal, audit.CREATE, measurement, household=household)
    return measurement


# Valuing the plan


def costs(entries, household, plan, today=None):
    """The investment from the month the family joined, by payer and plan year, as the engine's cost lines."""
    today = today or timezone.localdate()
    joined = months.month_of(household.joined_on)
    sums = {}
    for entry in entries:
        payer = PAYERS[entry.organisation.owner]
        for month, amount in months.cost_by_month(entry, today).items():
            year = ((month.year - joined.year) * 12 + month.month - joined.month) // 12 + 1
            if 1 <= year <= plan.horizon_years:
                sums[payer, year] = sums.get((payer, year), Decimal(0)) + amount
    return [
        {"id": f"{payer}-{year}", "label": f"{payer}, year {year}", "payer": payer, "amount": amount, "year": year}
        for (payer, year), amount in sorted(sums.items(), key=lambda item: (item[0][1], item[0][0]))
    ]


@dataclass
class Valuation:
    """The engine's response for a plan, shown in the kroner of `kroner_year`."""

    response: dict
    kroner_year: int
    lines: dict = field(default_factory=dict)  # benefit code: its line
    warnings: list = field(default_factory=list)
    error: str = ""


KRONER_IN_LINES = ("annual_value", "net_annual_value", "present_value", "amount")
NOT_KRONER = ("benefit_cost_ratio", "payback_year")


def _request(household, plan, benefits, entries, today=None):
    return {
        "price_year": plan.price_year,
        "benefits": [request_line(b) for b in benefits],
        "costs": costs(entries, household, plan, today),
        "analysis": {"horizon_years": plan.horizon_years, "discount_rate": plan.discount_rate},
    }


def value(household, plan, benefits, entries, table=None, kroner_year=None, today=None):
    """Value the plan's benefits against the family's investment; figures in the kroner of `kroner_year`."""
    table = table or Parameter.table()
    request = _request(household, plan, benefits, entries, today)
    kroner_year = kroner_year or plan.price_year
    try:
        response = valuation.valuate(request, table)
        same = kroner_year == plan.price_year  # then no price index is needed
        factor = Decimal(1) if same else table.convert_kroner(Decimal(1), plan.price_year, kroner_year)
    except valuation.ValidationError as error:
        return Valuation({}, plan.price_year, error=_why_not(error, benefits, plan))
    except valuation.ParameterNotInForce as error:
        message = gettext("There is no consumer price index for %(year)s.") % {"year": error.year}
        return Valuation({}, plan.price_year, error=message)
    if factor != 1:
        _in_kroner_of(response, factor)
    for use in response["parameters_used"]:
        use["name"] = Parameter.Name(use["parameter"]).label
    return Valuation(
        response,
        kroner_year,
        lines={line["id"]: line for line in response["benefits"]},
        warnings=_warnings(benefits, response, plan),
    )


def revalue(household, table=None, today=None):
    """Value the whole plan again (every benefit, whoever may see it) and keep the figures for the portfolio."""
    plan = InvestmentPlan.objects.filter(household=household).first()
    if plan is None:
        return None
    benefits = list(Benefit.objects.filter(goal__plan=plan).order_by("number"))
    entries = list(household.investments.select_related("organisation"))
    table = table or Parameter.table()
    valued = value(household, plan, benefits, entries, table, today=today)
    totals, figures = valued.response.get("totals", {}), {"price_year": plan.price_year, "error": valued.error}
    if not valued.error:
        horizon, yearly = plan.horizon_years, [Decimal(0)] * plan.horizon_years
        parsed = parse_request(_request(household, plan, benefits, entries, today), table)
        for line in parsed.benefits:
            if line.method.priced:
                net = Decimal(valued.lines[line.id]["net_annual_value"])
                flow = shares(line.time_profile, horizon)
                yearly = [total + net * share for total, share in zip(yearly, flow, strict=True)]
        figures |= {
            "annual_by_beneficiary": totals["by_beneficiary"],
            "yearly": [round(amount) for amount in yearly],
            "non_priced": len(valued.response["non_priced"]),
            "present_value_benefits": totals["present_value_benefits"],
            "present_value_costs": totals["present_value_costs"],
            "society_net": valued.response["ledger"]["all_parties"]["net"],
        }
    return PlanValue.objects.update_or_create(household=household, defaults=figures)[0]


def revalue_when_committed(household):
    """Value the plan again once the change being saved has committed, never inside its transaction (and not at
    all if it is rolled back): the figures kept for the portfolio are then the committed plan's."""
    transaction.on_commit(partial(revalue_plan.enqueue, household.pk))


@task
def revalue_plan(household_id):
    """Value one participant's plan again, as a task: it is given the household's id."""
    revalue(Household.objects.get(pk=household_id))


def _why_not(error, benefits, plan):
    """Why the engine refused the plan, in the user's language: in practice a figure missing for the plan's year."""
    found = re.fullmatch(r"benefits\[(\d+)\]\.inputs\.(\w+)", error.field)
    if not found or found.group(2) not in INPUT_LABELS:
        return gettext("The plan's figures do not fit together. Check its benefits and the valuation settings.")
    return gettext(
        "%(code)s: no figure for “%(input)s” is stored for %(year)s. Give it in the benefit, or ask an "
        "administrator to add the year."
    ) % {"code": benefits[int(found.group(1))].code, "input": INPUT_LABELS[found.group(2)], "year": plan.price_year}


def _scaled(amount, factor):
    return int((Decimal(amount) * factor).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def _in_kroner_of(response, factor):
    for line in response["benefits"] + response["costs"]:
        for key in KRONER_IN_LINES:
            if key in line:
                line[key] = _scaled(line[key], factor)
    for key, figure in response["totals"].items():
        if isinstance(figure, dict):
            response["totals"][key] = {k: _scaled(v, factor) for k, v in figure.items()}
        elif key not in NOT_KRONER:
            response["totals"][key] = _scaled(figure, factor)
    for entries in response["ledger"].values():
        for key, amount in entries.items():
            entries[key] = _scaled(amount, factor)


def _warnings(benefits, response, plan):
    """What the team should know about the figures, in the user's language."""
    warnings = []
    by_code = {b.code: b for b in benefits}
    for benefit in benefits:
        method = METHODS[benefit.method]
        if method.transfer and benefit.beneficiary == Beneficiary.SOCIETY:
            warnings.append(
                gettext(
                    "%(code)s moves money between parties (it is a transfer), but is booked to society, where it "
                    "would be counted twice. Book it to the party whose budget it changes."
                )
                % {"code": benefit.code}
            )
        if method.priced and benefit.start_year > plan.horizon_years:
            warnings.append(
                gettext("%(code)s starts in year %(year)s, after the horizon: it adds nothing to the present value.")
                % {"code": benefit.code, "year": benefit.start_year}
            )
    for use in response["parameters_used"]:
        if not use["verified"]:
            index = int(use["field"].split("[", 1)[1].split("]", 1)[0])
            code = response["benefits"][index]["id"]
            warnings.append(
                gettext(
                    "%(code)s uses the %(year)s figure for “%(input)s” (%(value)s), which is not yet verified "
                    "against its source."
                )
                % {
                    "code": by_code[code].code,
                    "year": use["year"],
                    "input": INPUT_LABELS[use["field"].rsplit(".", 1)[-1]],
                    "value": use["value"],
                }
            )
    return warnings


class AnalysisForm(changes.VersionedForm):
    class Meta:
        model = InvestmentPlan
        fields = ["price_year", "horizon_years", "discount_rate"]
        field_classes = {"discount_rate": PercentField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["discount_rate"].label = _("Discount rate (%)")


@transaction.atomic
def save_analysis(
    principal, household, *, price_year: int, horizon_years: int, discount_rate: Decimal, version: int | None
) -> InvestmentPlan:
    """How the plan is valued (contracts/valuation.md, "analysis"), from the version the user saw; the plan is
    valued again once it is saved."""
    plan = InvestmentPlan.objects.get(household=household)
    plan.price_year, plan.horizon_years, plan.discount_rate = price_year, horizon_years, discount_rate
    check(plan, {}, exclude=["household", "version", "situation", "checkpoint_weeks"])
    plan = changes.commit(principal, plan, household, new=False, version=version, detail="valuation settings")
    revalue_when_committed(household)
    return plan
