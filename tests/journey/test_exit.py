"""Exit: celebrating and closing after the checklist and an assessment at exit, leaving early with a reason, the
consents reviewed, the follow-up some months on, and coming back with the whole history kept."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import Role, make_participant, make_user, org
from tests.journey.test_assessments import assessment_data
from tests.mapping.conftest import person
from tests.plans.conftest import days, make_goal
from welfarelab.access.models import AuditEntry
from welfarelab.capture.models import Consent
from welfarelab.journey import exits
from welfarelab.journey.models import Assessment, Exit, Level
from welfarelab.plans.models import Goal

REASON = "Kari has a permanent job and the flat is theirs"


@pytest.fixture
def participant(family):
    """The family, joined some 200 days ago, so that every date in these tests is after joining."""
    family.joined_on = days(-200)
    family.save(update_fields=["joined_on"])
    return family


def assessment(household, leader, occasion=Assessment.Occasion.EXIT, on=-1, level=Level.SUSTAINABLE):
    """An assessment `on` days from today, stored as the form would store it."""
    return Assessment.objects.create(
        household=household,
        occasion=occasion,
        assessed_on=days(on),
        level=level,
        vulnerability=1,
        goal_level=Level.SUSTAINABLE,
        goal_on=days(on + 365),
        recorded_by=leader,
    )


def close_data(**overrides):
    """What the checklist posts when every item is done; an override of None leaves the field out (unticked)."""
    data = {
        "left_on": days(0).isoformat(),
        "goals_reached": "on",
        "handed_over": "The GP and NAV's ordinary follow-up",
        "volunteers": "The football club",
        "consent": "kept",
        "consent_until": days(180).isoformat(),
        "benefits_checked": "on",
        "peer_work": "on",
        "reason": REASON,
        "follow_up_on": days(180).isoformat(),
    } | overrides
    return {name: value for name, value in data.items() if value is not None}


def early_data(**overrides):
    data = {
        "left_on": days(0).isoformat(),
        "reason": "Moved to Bergen to be near her sister",
        "handed_over": "",
        "consent": "kept",
        "consent_until": days(90).isoformat(),
        "follow_up_on": "",
    } | overrides
    return {name: value for name, value in data.items() if value is not None}


def close(client, household, **overrides):
    return client.post(reverse("exit_close", args=[household.pk]), close_data(**overrides))


def leave_early(client, household, **overrides):
    return client.post(reverse("exit_early", args=[household.pk]), early_data(**overrides))


def reopen(client, household, on=0, reason="The debts came back; she asked for help again"):
    return client.post(
        reverse("reopen", args=[household.pk]), {"reopened_on": days(on).isoformat(), "reopen_reason": reason}
    )


def exited(household, leader, left=-30, follow_up=10, kind=Exit.Kind.CLOSED):
    """The household left `left` days ago, with the follow-up due `follow_up` days from today."""
    exit = Exit.objects.create(
        household=household,
        kind=kind,
        left_on=days(left),
        consent=Exit.ConsentReview.KEPT,
        consent_until=days(left + 180),
        follow_up_on=days(follow_up) if follow_up is not None else None,
        handed_over="The GP",
        recorded_by=leader,
    )
    household.left_on = exit.left_on
    household.save(update_fields=["left_on"])
    return exit


def journey_page(client, household):
    return client.get(reverse("journey", args=[household.pk])).content.decode()


# Celebrate and close


@pytest.mark.parametrize("before", ["nothing", "a checkpoint only", "an exit assessment before joining"])
def test_closing_without_an_assessment_at_exit_is_refused_and_nothing_is_saved(client, leader, participant, before):
    if before == "a checkpoint only":
        assessment(participant, leader, occasion=Assessment.Occasion.CHECKPOINT)
    elif before == "an exit assessment before joining":
        assessment(participant, leader, on=-201)
    client.force_login(leader)

    response = close(client, participant)

    assert response.status_code == 400
    assert "An exit needs an assessment: record the situation at exit" in str(response.context["form"].errors)
    assert "An exit needs an assessment" in response.content.decode()
    assert REASON in response.content.decode(), "what was typed is kept"
    assert not Exit.objects.exists()
    participant.refresh_from_db()
    assert participant.left_on is None


def test_the_exit_form_says_that_the_assessment_at_exit_is_missing_and_links_to_it(client, leader, participant):
    client.force_login(leader)

    page = client.get(reverse("exit_close", args=[participant.pk])).content.decode()

    assert "No assessment at exit yet." in page
    assert reverse("assessment_new", args=[participant.pk]) + "?occasion=exit" in page


def test_celebrate_and_close_after_the_checklist_and_an_assessment_at_exit(client, leader, participant):
    at_exit = assessment(participant, leader, on=-2)
    client.force_login(leader)
    assert "Assessed at exit on" in client.get(reverse("exit_close", args=[participant.pk])).content.decode()

    response = close(client, participant)

    assert response.status_code == 302 and response.url == reverse("journey", args=[participant.pk])
    exit = Exit.objects.get()
    assert (exit.household, exit.kind, exit.assessment, exit.recorded_by) == (participant, "closed", at_exit, leader)
    assert (exit.left_on, exit.consent, exit.consent_until, exit.follow_up_on) == (
        days(0),
        "kept",
        days(180),
        days(180),
    )
    assert exit.goals_reached and exit.benefits_checked and exit.peer_work
    assert (exit.handed_over, exit.volunteers, exit.reason) == (
        "The GP and NAV's ordinary follow-up",
        "The football club",
        REASON,
    )
    participant.refresh_from_db()
    assert participant.left_on == days(0)
    page = client.get(response.url).content.decode()
    assert "Closed. Celebrate it with the family: they manage on their own." in page
    assert "Celebrated and closed on" in page
    assert "The participant comes back" in page
    assert "Celebrate and close" not in page, "the exit section is gone once closed"
    assert AuditEntry.objects.filter(
        user=leader, household=participant, action="create", object_type="exit", object_id=str(exit.pk), detail="closed"
    ).exists()


def test_consents_not_kept_have_no_until_date_stored(client, leader, participant):
    assessment(participant, leader)
    client.force_login(leader)

    close(client, participant, consent="withdrawn", consent_until=days(180).isoformat())

    assert Exit.objects.get().consent_until is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"goals_reached": None}, "goals_reached", "Close only when the family manages on its own."),
        ({"benefits_checked": None}, "benefits_checked", "Check the benefits against the realisation plan first."),
        ({"handed_over": ""}, "handed_over", "This field is required."),
        ({"consent": ""}, "consent", "This field is required."),
        ({"consent_until": ""}, "consent_until", "Say until when the consents are kept."),
        ({"consent_until": days(-5).isoformat()}, "consent_until", "The follow-up period ends after the exit"),
        ({"consent_until": days(0).isoformat()}, "consent_until", "The follow-up period ends after the exit"),
        ({"follow_up_on": ""}, "follow_up_on", "This field is required."),
        ({"follow_up_on": days(-1).isoformat()}, "follow_up_on", "The follow-up comes after the exit"),
        ({"left_on": days(1).isoformat()}, "left_on", "Choose today or earlier"),
        ({"left_on": days(-201).isoformat()}, "left_on", "This is before the participant joined."),
    ],
)
def test_each_checklist_rule_names_its_field_keeps_what_was_typed_and_saves_nothing(
    client, leader, participant, overrides, field, message
):
    assessment(participant, leader)
    client.force_login(leader)

    response = close(client, participant, **overrides)

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors.get(field, [])), response.context["form"].errors
    page = response.content.decode()
    assert REASON in page and "The football club" in page
    for name, value in overrides.items():
        if value and name in ("left_on", "consent_until", "follow_up_on"):
            assert f'value="{value}"' in page, f"the {name} typed is kept"
    assert not Exit.objects.exists()
    participant.refresh_from_db()
    assert participant.left_on is None


def test_closing_twice_records_one_exit(client, leader, participant):
    assessment(participant, leader)
    client.force_login(leader)

    first = close(client, participant)
    second = close(client, participant, reason="A second click")
    early = leave_early(client, participant)

    assert first.status_code == second.status_code == early.status_code == 302
    assert second.url == reverse("journey", args=[participant.pk])
    assert Exit.objects.count() == 1
    assert Exit.objects.get().reason == REASON


def valid_form(household):
    form = exits.ExitForm(close_data(), household=household, kind=Exit.Kind.CLOSED)
    assert form.is_valid(), form.errors
    return form


def test_a_form_filled_in_before_someone_else_closed_is_refused_when_saved(leader, participant):
    assessment(participant, leader)
    late = valid_form(participant)
    exits.leave(leader, participant, **valid_form(participant).values())

    with pytest.raises(ValidationError, match="already left"):
        exits.leave(leader, participant, **late.values())

    assert Exit.objects.count() == 1


# The consents, reviewed at exit


@pytest.mark.parametrize("how", ["closed", "early"])
def test_consents_withdrawn_at_exit_are_all_withdrawn_and_the_team_loses_the_family(
    client, municipality, leader, member, participant, how
):
    Consent.objects.create(
        household=participant,
        given_by=person(participant, "Father"),
        organisation=org(municipality, "bolig"),
        given_on=days(-190),
        method="in_app",
        recorded_by=leader,
    )
    assessment(participant, leader)
    client.force_login(member)
    assert client.get(reverse("participant", args=[participant.pk])).status_code == 200
    client.force_login(leader)

    response = (
        close(client, participant, consent="withdrawn")
        if how == "closed"
        else leave_early(client, participant, consent="withdrawn", consent_until="")
    )

    assert response.status_code == 302
    consents = Consent.objects.filter(household=participant)
    assert consents.count() == 2 and not consents.active().exists()
    assert set(consents.values_list("withdrawal_note", flat=True)) == {"Withdrawn at exit"}
    assert AuditEntry.objects.filter(user=leader, action="update", detail="consent withdrawn").count() == 2
    client.force_login(member)
    assert client.get(reverse("participant", args=[participant.pk])).status_code == 404
    assert client.get(reverse("journey", args=[participant.pk])).status_code == 404


def test_consents_kept_at_exit_stay_active(client, leader, member, participant):
    assessment(participant, leader)
    client.force_login(leader)

    close(client, participant, consent="kept")

    assert Consent.objects.filter(household=participant).active().count() == 1
    client.force_login(member)
    assert client.get(reverse("participant", args=[participant.pk])).status_code == 200


# Leaving early


def test_leaving_early_needs_a_reason_and_keeps_what_was_typed(client, leader, participant):
    client.force_login(leader)

    response = leave_early(client, participant, reason="", handed_over="The school nurse")

    assert response.status_code == 400
    assert "This field is required." in response.context["form"].errors["reason"]
    assert "The school nurse" in response.content.decode()
    assert not Exit.objects.exists()


def test_leaving_early_needs_no_assessment_and_keeps_the_history(client, leader, participant):
    joining = assessment(participant, leader, occasion=Assessment.Occasion.JOINING, on=-150, level=Level.UNTENABLE)
    goal = make_goal(participant, text="A flat of our own")
    client.force_login(leader)

    response = leave_early(client, participant)

    assert response.status_code == 302
    exit = Exit.objects.get()
    assert (exit.kind, exit.assessment, exit.reason) == ("early", None, "Moved to Bergen to be near her sister")
    assert not exit.goals_reached and not exit.benefits_checked
    participant.refresh_from_db()
    assert participant.left_on == days(0)
    assert list(participant.assessments.all()) == [joining]
    assert Goal.objects.filter(pk=goal.pk, plan__household=participant).exists()
    page = client.get(response.url).content.decode()
    assert "Recorded as left early. The history is kept" in page
    assert "Left early on" in page
    assert "Moved to Bergen to be near her sister" in page
    assert "At joining" in page, "the earlier assessments are still on the journey"
    assert AuditEntry.objects.filter(user=leader, action="create", object_type="exit", detail="early").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"left_on": days(2).isoformat()}, "left_on", "Choose today or earlier"),
        ({"consent_until": ""}, "consent_until", "Say until when the consents are kept."),
        ({"follow_up_on": days(-3).isoformat()}, "follow_up_on", "The follow-up comes after the exit"),
    ],
)
def test_leaving_early_checks_its_dates_too(client, leader, participant, overrides, field, message):
    client.force_login(leader)

    response = leave_early(client, participant, **overrides)

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Exit.objects.exists()


# Who may close, record an early exit and re-open


@pytest.fixture
def strangers(municipality, other_municipality, member):
    return {
        "member": member,
        "another leader here": make_user(municipality, Role.INVESTMENT_LEADER),
        "a leader in another municipality": make_user(other_municipality, Role.INVESTMENT_LEADER),
        "analyst": make_user(municipality, Role.ANALYST),
        "administrator": make_user(municipality, Role.ADMINISTRATOR),
    }


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("member", 403),
        ("another leader here", 404),
        ("a leader in another municipality", 404),
        ("analyst", 404),
        ("administrator", 404),
    ],
)
def test_only_the_familys_investment_leader_closes_records_an_early_exit_or_re_opens(
    client, leader, participant, strangers, who, status
):
    assessment(participant, leader)
    client.force_login(strangers[who])

    for name in ("exit_close", "exit_early"):
        assert client.get(reverse(name, args=[participant.pk])).status_code == status
    assert close(client, participant).status_code == status
    assert leave_early(client, participant).status_code == status
    assert not Exit.objects.exists()

    exit = exited(participant, leader)
    assert client.get(reverse("reopen", args=[participant.pk])).status_code == status
    assert reopen(client, participant).status_code == status
    exit.refresh_from_db()
    participant.refresh_from_db()
    assert exit.reopened_on is None and participant.left_on == exit.left_on


# Coming back


def test_re_opening_needs_a_date_and_a_reason(client, leader, participant):
    exited(participant, leader)
    client.force_login(leader)

    response = client.post(reverse("reopen", args=[participant.pk]), {"reopened_on": "", "reopen_reason": ""})

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "This field is required." in errors["reopened_on"] and "This field is required." in errors["reopen_reason"]
    participant.refresh_from_db()
    assert participant.left_on is not None


@pytest.mark.parametrize(
    ("on", "message"), [(-31, "This is before the participant left."), (1, "Choose today or earlier.")]
)
def test_re_opening_on_a_day_outside_the_exit_and_today_is_refused(client, leader, participant, on, message):
    exit = exited(participant, leader, left=-30)
    client.force_login(leader)

    response = reopen(client, participant, on=on, reason="She asked for help again")

    assert response.status_code == 400
    assert message in response.context["form"].errors["reopened_on"]
    assert "She asked for help again" in response.content.decode()
    exit.refresh_from_db()
    assert exit.reopened_on is None


def test_re_opening_a_participant_who_has_not_left_changes_nothing(client, leader, participant):
    client.force_login(leader)

    response = reopen(client, participant)

    assert response.status_code == 302 and response.url == reverse("journey", args=[participant.pk])
    assert not Exit.objects.exists()


def test_coming_back_keeps_the_exit_and_the_whole_history(client, leader, participant):
    joining = assessment(participant, leader, occasion=Assessment.Occasion.JOINING, on=-150, level=Level.UNTENABLE)
    at_exit = assessment(participant, leader, on=-31)
    client.force_login(leader)
    assert close(client, participant, left_on=days(-30).isoformat()).status_code == 302

    response = reopen(client, participant, on=-5)

    assert response.status_code == 302 and response.url == reverse("journey", args=[participant.pk])
    participant.refresh_from_db()
    assert participant.left_on is None
    exit = Exit.objects.get()
    assert (exit.left_on, exit.reopened_on, exit.reopened_by) == (days(-30), days(-5), leader)
    assert exit.reopen_reason == "The debts came back; she asked for help again"
    assert list(participant.assessments.all()) == [joining, at_exit]
    assert AuditEntry.objects.filter(
        user=leader, action="update", object_type="exit", object_id=str(exit.pk), detail="came back"
    ).exists()
    page = client.get(response.url).content.decode()
    assert "Welcome back. Everything from before is kept" in page
    for shown in (journey_page(client, participant), page):
        assert "Celebrated and closed" in shown
        assert "Came back to the Welfare Lab: The debts came back; she asked for help again" in shown
    participant_page = client.get(reverse("participant", args=[participant.pk])).content.decode()
    assert "Celebrated and closed" in participant_page
    assert "Came back to the Welfare Lab: The debts came back" in participant_page
    assert "The participant comes back" not in page and "Celebrate and close" in page


def test_a_second_exit_after_coming_back_needs_a_new_assessment_at_exit(client, leader, participant):
    assessment(participant, leader, on=-31)
    client.force_login(leader)
    close(client, participant, left_on=days(-30).isoformat())
    reopen(client, participant, on=-10)

    refused = close(client, participant)

    assert refused.status_code == 400
    assert "An exit needs an assessment" in refused.content.decode()
    assert Exit.objects.count() == 1

    made = client.post(
        reverse("assessment_new", args=[participant.pk]),
        assessment_data(occasion="exit", assessed_on=days(-1).isoformat(), level=Level.SUSTAINABLE),
    )
    assert made.status_code == 302
    again = close(client, participant)

    assert again.status_code == 302
    first, second = Exit.objects.order_by("left_on")
    assert second.assessment == participant.assessments.last() != first.assessment
    assert second.assessment.assessed_on == days(-1)
    participant.refresh_from_db()
    assert participant.left_on == days(0)


def test_the_assessment_of_an_earlier_exit_does_not_count_again_for_the_next_one(client, leader, participant):
    """Closed by mistake and re-opened the same day: the exit assessment already used is not new."""
    assessment(participant, leader, on=0)
    client.force_login(leader)
    assert close(client, participant).status_code == 302
    assert reopen(client, participant, on=0).status_code == 302

    response = close(client, participant)

    assert response.status_code == 400
    assert "An exit needs an assessment" in response.content.decode()
    assert Exit.objects.count() == 1


def test_a_second_exit_cannot_be_dated_before_the_participant_came_back(client, leader, participant):
    exit = exited(participant, leader, left=-60)
    client.force_login(leader)
    reopen(client, participant, on=-20)
    exit.refresh_from_db()
    assert exit.reopened_on == days(-20)

    response = leave_early(client, participant, left_on=days(-40).isoformat())

    assert response.status_code == 400
    assert "left_on" in response.context["form"].errors
    assert Exit.objects.count() == 1


# Assessments around the exit


def test_while_out_only_a_follow_up_after_exit_can_be_recorded(client, leader, participant):
    assessment(participant, leader, on=-40)
    exited(participant, leader, left=-30)
    client.force_login(leader)

    for occasion in ("joining", "checkpoint", "exit"):
        response = client.post(reverse("assessment_new", args=[participant.pk]), assessment_data(occasion=occasion))
        assert response.status_code == 400, occasion
        assert "The participant has left: record a follow-up after exit" in str(
            response.context["form"].errors["occasion"]
        )
    assert participant.assessments.count() == 1

    response = client.post(reverse("assessment_new", args=[participant.pk]), assessment_data(occasion="follow_up"))

    assert response.status_code == 302
    assert participant.assessments.last().occasion == Assessment.Occasion.FOLLOW_UP


def test_a_follow_up_after_exit_is_refused_before_the_exit(client, leader, participant):
    client.force_login(leader)

    response = client.post(reverse("assessment_new", args=[participant.pk]), assessment_data(occasion="follow_up"))

    assert response.status_code == 400
    assert "A follow-up after exit comes once the participant has left." in response.context["form"].errors["occasion"]
    assert not Assessment.objects.exists()


def test_after_the_exit_the_assessment_form_starts_as_a_follow_up(client, leader, participant):
    assessment(participant, leader, on=-40)
    client.force_login(leader)
    before = client.get(reverse("assessment_new", args=[participant.pk]) + "?occasion=exit").context["form"]
    assert before.initial["occasion"] == Assessment.Occasion.EXIT
    exited(participant, leader, left=-30)

    for query in ("", "?occasion=exit", "?occasion=checkpoint"):
        form = client.get(reverse("assessment_new", args=[participant.pk]) + query).context["form"]
        assert form.initial["occasion"] == Assessment.Occasion.FOLLOW_UP, query
    assert "Record the follow-up" in journey_page(client, participant)


def test_after_coming_back_a_checkpoint_can_be_assessed_again(client, leader, participant):
    exited(participant, leader, left=-30)
    client.force_login(leader)
    reopen(client, participant, on=-2)

    response = client.post(reverse("assessment_new", args=[participant.pk]), assessment_data(occasion="checkpoint"))

    assert response.status_code == 302


# The start page: the follow-up some months after the exit


def after_exit(response):
    page = response.content.decode()
    return page[page.index('id="after-exit"') :] if 'id="after-exit"' in page else ""


def test_an_exited_participant_leaves_the_leaders_table_and_comes_back_for_the_follow_up(
    client, municipality, leader, referrer, participant
):
    staying = make_participant(municipality, leader, referrer, name="The Staying family")
    exited(participant, leader, left=-150, follow_up=10)
    client.force_login(leader)

    response = client.get(reverse("home"))

    assert [row.household for row in response.context["follow_up"]] == [staying]
    assert [exit.household for exit in response.context["follow_ups_after_exit"]] == [participant]
    section = after_exit(response)
    assert "Follow-up after exit" in response.content.decode()
    assert f"Does the situation hold? Assess {participant.name} again" in section
    assert reverse("assessment_new", args=[participant.pk]) in section
    assert "Overdue" not in section


def test_an_overdue_follow_up_is_marked_and_a_later_one_is_not_listed_yet(
    client, municipality, leader, referrer, participant
):
    later = make_participant(municipality, leader, referrer, name="The Later family")
    exited(participant, leader, left=-200, follow_up=-3)
    exited(later, leader, left=-10, follow_up=30)
    client.force_login(leader)

    response = client.get(reverse("home"))

    assert [exit.household for exit in response.context["follow_ups_after_exit"]] == [participant]
    section = after_exit(response)
    assert "Overdue" in section and participant.name in section and "The Later family" not in section


def test_the_follow_up_disappears_once_assessed(client, leader, participant):
    exited(participant, leader, left=-150, follow_up=-3)
    client.force_login(leader)
    assert after_exit(client.get(reverse("home")))

    made = client.post(reverse("assessment_new", args=[participant.pk]), assessment_data(occasion="follow_up"))

    assert made.status_code == 302
    response = client.get(reverse("home"))
    assert response.context["follow_ups_after_exit"] == []
    assert "Follow-up after exit" not in response.content.decode()


def test_a_participant_who_came_back_has_no_follow_up_after_exit(client, leader, participant):
    exited(participant, leader, left=-150, follow_up=-3)
    client.force_login(leader)
    reopen(client, participant, on=-1)

    response = client.get(reverse("home"))

    assert response.context["follow_ups_after_exit"] == []
    assert participant in [row.household for row in response.context["follow_up"]]


def test_a_follow_up_from_an_earlier_exit_does_not_count_for_the_next(leader, participant):
    first = exited(participant, leader, left=-150, follow_up=-100)
    assessment(participant, leader, occasion=Assessment.Occasion.FOLLOW_UP, on=-100)
    Exit.objects.filter(pk=first.pk).update(reopened_on=days(-90), reopen_reason="Back", reopened_by=leader)
    participant.left_on = None
    second = exited(participant, leader, left=-60, follow_up=-2)

    assert list(exits.follow_ups_due([participant])) == [second]


def test_the_follow_up_after_exit_is_only_on_the_start_page_of_the_familys_leader(
    client, municipality, leader, participant
):
    exited(participant, leader, left=-150, follow_up=-3)
    client.force_login(make_user(municipality, Role.INVESTMENT_LEADER))

    response = client.get(reverse("home"))

    assert response.context["follow_ups_after_exit"] == []
    assert participant.name not in response.content.decode()


def test_the_re_open_form_starts_at_today(client, leader, participant):
    exited(participant, leader, left=-30)
    client.force_login(leader)

    response = client.get(reverse("reopen", args=[participant.pk]))

    assert response.status_code == 200
    assert response.context["form"]["reopened_on"].value() == days(0)
    assert f'value="{days(0):%d.%m.%Y}"' in response.content.decode()
