"""The plan page: the family's investment plan as one user may see it, read once, audited."""

from django.utils import timezone

from welfarelab.access import audit, policy
from welfarelab.plans import agreement, execution, plan


def goals(user, household):
    """The plan's goals `user` may see, with what the page and the forms show of them."""
    return policy.goals(user, household).select_related("life_area", "person", "main_goal")


def measures(user, household):
    """The plan's measures `user` may see, with who does them and the decision behind them."""
    return policy.measures(user, household).select_related(
        "organisation", "responsible", "family_member", "goal", "decision__meeting", "decision__decided_by"
    )


def page(user, household):
    """What the plan page shows of `household` to `user`: the situation, the goals with their measures, what the
    sheet suggests, the agreement's versions and the next checkpoint."""
    the_plan = plan.plan_of(household)
    seen_goals = list(goals(user, household).prefetch_related("progress_checks"))
    seen_measures = list(measures(user, household))
    all_versions = list(agreement.versions(household).prefetch_related("signatures"))
    latest_signed = next((v for v in reversed(all_versions) if v.signed_at), None)
    checkpoint_due = execution.checkpoints_due([household]).get(household.pk)
    audit.record(user, audit.VIEW, the_plan, household=household, detail="plan")
    return {
        "household": household,
        "plan": the_plan,
        "leading": policy.may(user, "lead", household),
        "situation_form": plan.SituationForm(instance=the_plan),
        "main_goals": execution.tree(seen_goals, seen_measures),
        "loose_measures": [m for m in seen_measures if m.goal_id is None],
        "from_sheet": list(plan.from_sheet(user, household)),
        "versions": all_versions,
        "latest_signed": latest_signed,
        "changed": agreement.changed_since_signed(household, latest_signed),
        "awaiting": next((v for v in all_versions if not v.signed_at and not v.replaced), None),
        "checkpoint_due": checkpoint_due,
        "checkpoint_late": checkpoint_due is not None and checkpoint_due < timezone.localdate(),
    }
