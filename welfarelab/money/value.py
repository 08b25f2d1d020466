"""The value page: what the plan's benefits are worth against what is invested in the family, as one user may
see them, read once, audited."""

from django.utils.translation import gettext as _

from welfarelab.access import audit, policy
from welfarelab.money import benefits
from welfarelab.money.models import Beneficiary, Parameter
from welfarelab.plans.plan import plan_of


def investment_lines(user, household):
    """The lines of the investment in the family that `user` may see."""
    return policy.investments(user, household).select_related("organisation", "service", "person")


def plan_benefits(user, household):
    """The plan's benefits that `user` may see, with their goals, owners and measurements."""
    return policy.benefits(user, household).select_related("goal", "owner").prefetch_related("measurements")


def page(user, household, kroner=""):
    """What the value page shows of `household` to `user`, in the kroner of the year `kroner` if it may be."""
    the_plan = plan_of(household)
    table = Parameter.table()
    # Figures can be shown in the kroner of any year with a price index, if the plan's own year has one.
    kroner_years = table.price_index_years() if the_plan.price_year in table.price_index_years() else []
    kroner_year = int(kroner) if kroner.isdigit() and int(kroner) in kroner_years else the_plan.price_year
    all_benefits = list(plan_benefits(user, household))
    valued = benefits.value(household, the_plan, all_benefits, investment_lines(user, household), table, kroner_year)
    audit.record(user, audit.VIEW, the_plan, household=household, detail="benefits and value")
    by_goal = {}
    for benefit in all_benefits:
        benefit.figures = valued.lines.get(benefit.code, {})
        by_goal.setdefault(benefit.goal, []).append(benefit)
    return {
        "household": household,
        "plan": the_plan,
        "by_goal": by_goal,
        "benefits": all_benefits,
        "valued": valued,
        "totals": valued.response.get("totals", {}),
        "ledger": _ledger_rows(valued.response.get("ledger", {})),
        "kroner_years": kroner_years,
        "analysis_form": benefits.AnalysisForm(instance=the_plan),
    }


def _ledger_rows(ledger):
    names = dict(Beneficiary.choices) | {"all_parties": _("All parties together: society's view")}
    return [(party, names[party], entries) for party, entries in ledger.items()]
