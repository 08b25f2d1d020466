"""The agreement: the plan frozen for signing, signed by each adult and the leader, adjusted in new versions."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import Role, make_user
from tests.mapping.conftest import person
from tests.plans.conftest import (
    days,
    make_goal,
    make_measure,
    prepare,
    sign,
    sign_all,
    sign_form,
    simple_plan,
    today,
)
from welfarelab.plans import agreement
from welfarelab.plans.models import AgreementVersion, InvestmentPlan, Signature, TrustedPerson

PDF = b"%PDF-1.4\n%fake scan\n"
JPEG = b"\xff\xd8\xff\xe0fake jpeg"
PNG = b"\x89PNG\r\n\x1a\nfake png"


def scan(content, name="scan.pdf"):
    return SimpleUploadedFile(name, content)


def signer_keys(version):
    return [f"person:{s['person']}" for s in version.content["signers"]]


def changed_goal(goal, **fields):
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.save()
    return goal


# Preparing a version


@pytest.mark.parametrize("missing", ["goal", "measure"])
def test_an_empty_plan_cannot_be_prepared_for_signing(client, leader, family, missing):
    if missing == "measure":
        make_goal(family)
    else:
        make_measure(family)
    client.force_login(leader)

    response = client.post(reverse("agreement_new", args=[family.pk]), {"reason": "first", "language": "en"})

    assert response.status_code == 200
    assert "The plan is empty: it needs at least one goal and one measure before it is signed." in (
        response.content.decode()
    )
    assert not AgreementVersion.objects.exists()


def test_the_leader_prepares_the_first_version_and_is_taken_to_it(client, leader, family):
    simple_plan(family)
    client.force_login(leader)

    response = client.post(reverse("agreement_new", args=[family.pk]), {"reason": "first", "language": "nb"})

    version = AgreementVersion.objects.get()
    assert response.url == reverse("agreement", args=[family.pk, 1])
    assert (version.number, version.reason, version.language, version.prepared_by) == (1, "first", "nb", leader)


def test_the_signers_are_the_adults_of_the_family_and_the_leader(leader, family):
    simple_plan(family)

    version = prepare(leader, family)

    father, mother = person(family, "Father"), person(family, "Mother")
    assert version.content["signers"] == [
        {"person": father.pk, "name": str(father)},
        {"person": mother.pk, "name": str(mother)},
    ]
    assert version.content["leader"]["staff"] == leader.pk
    assert [s["name"] for s in agreement.missing_signatures(version)] == [str(father), str(mother), str(leader)]


def test_a_prepared_version_keeps_its_words_when_the_plan_changes_later(leader, family):
    goal, measure = simple_plan(family)
    version = prepare(leader, family)

    changed_goal(goal, text="Something else entirely")
    measure.text = "Another measure"
    measure.save()
    InvestmentPlan.objects.filter(household=family).update(situation="New situation")

    version.refresh_from_db()
    assert [g["text"] for g in version.content["goals"]] == ["A permanent job"]
    assert [m["text"] for m in version.content["measures"]] == ["Job training at NAV"]
    assert version.content["situation"] == ""


def test_goals_set_aside_and_measures_stopped_are_not_in_the_agreement(leader, family):
    goal, _measure = simple_plan(family)
    make_goal(family, text="Set aside", state="dropped")
    make_measure(family, text="Stopped", status="stopped", goal=goal)

    version = prepare(leader, family)

    assert [g["text"] for g in version.content["goals"]] == ["A permanent job"]
    assert [m["text"] for m in version.content["measures"]] == ["Job training at NAV"]


# Signing


def test_signing_in_the_app_needs_the_person_to_agree(leader, family):
    simple_plan(family)
    version = prepare(leader, family)

    form = sign_form(version, leader, signer_keys(version)[0], agrees="")

    assert form.errors == {"agrees": ["Tick this when the person has read the agreement and agrees to it."]}


def test_signing_on_paper_needs_a_scan(leader, family):
    simple_plan(family)
    version = prepare(leader, family)

    form = sign_form(version, leader, signer_keys(version)[0], method="paper", agrees="")

    assert form.errors == {"scan": ["Attach a scan of the signed paper, or choose signing in the app."]}


def test_a_scan_that_is_not_a_pdf_jpeg_or_png_is_refused(leader, family):
    simple_plan(family)
    version = prepare(leader, family)

    form = sign_form(version, leader, signer_keys(version)[0], method="paper", scan=scan(b"Just words", "scan.pdf"))

    assert form.errors == {"scan": ["The scan must be a PDF, JPEG or PNG file."]}


@pytest.mark.parametrize("content, extension", [(PDF, ".pdf"), (JPEG, ".jpg"), (PNG, ".png")])
def test_a_signature_on_paper_keeps_the_scan(leader, family, content, extension):
    simple_plan(family)
    version = prepare(leader, family)
    form = sign_form(version, leader, signer_keys(version)[0], method="paper", agrees="", scan=scan(content, "x"))
    assert form.is_valid(), form.errors

    version = agreement.sign(leader, family, version, **form.values())

    assert version.scan.name.endswith(extension)
    assert bytes(version.scan.content) == content
    assert Signature.objects.get().method == "paper"


def test_the_signing_date_cannot_be_in_the_future(leader, family):
    simple_plan(family)
    version = prepare(leader, family)

    form = sign_form(version, leader, signer_keys(version)[0], signed_on=days(1).isoformat())

    assert form.errors == {"signed_on": ["The signing date cannot be in the future."]}


def test_when_everyone_has_signed_the_version_is_the_agreement(leader, family):
    simple_plan(family)
    version = prepare(leader, family)
    father, mother = signer_keys(version)

    version = sign(leader, family, version, father)
    version = sign(leader, family, version, mother)
    assert version.signed_at is None
    version = sign(leader, family, version, f"staff:{leader.pk}")

    assert version.signed_at is not None
    assert agreement.missing_signatures(version) == []
    assert list(agreement.signed(family)) == [version]


def test_a_version_everyone_has_signed_can_no_longer_be_signed(leader, family):
    simple_plan(family)
    version = prepare(leader, family)
    father, mother = signer_keys(version)
    late = sign_form(version, leader, mother)  # opened before the others finished
    assert late.is_valid()
    sign(leader, family, version, father)
    sign(leader, family, version, mother)
    sign(leader, family, version, f"staff:{leader.pk}")

    with pytest.raises(ValidationError, match="This version can no longer be signed."):
        agreement.sign(leader, family, version, **late.values())
    assert Signature.objects.count() == 3


def test_a_signed_version_offers_no_one_to_sign(client, leader, family):
    simple_plan(family)
    version = sign_all(leader, family, prepare(leader, family))
    client.force_login(leader)

    page = client.get(reverse("agreement", args=[family.pk, version.number]))
    response = client.post(
        reverse("agreement_sign", args=[family.pk, version.number]),
        {"signer": f"staff:{leader.pk}", "method": "app", "agrees": "on", "signed_on": today().isoformat()},
    )

    assert "sign_form" not in page.context
    assert response.status_code == 400
    assert Signature.objects.count() == 3


def test_a_signature_recorded_twice_is_refused_and_kept_once(leader, family):
    simple_plan(family)
    version = prepare(leader, family)
    father = signer_keys(version)[0]
    first, second = sign_form(version, leader, father), sign_form(version, leader, father)  # a double click
    assert first.is_valid() and second.is_valid()
    agreement.sign(leader, family, version, **first.values())

    with pytest.raises(ValidationError):
        agreement.sign(leader, family, version, **second.values())
    assert Signature.objects.count() == 1


def test_the_leader_records_a_signature_over_http(client, leader, family):
    simple_plan(family)
    version = prepare(leader, family)
    client.force_login(leader)

    response = client.post(
        reverse("agreement_sign", args=[family.pk, 1]),
        {"signer": signer_keys(version)[0], "method": "app", "agrees": "on", "signed_on": today().isoformat()},
    )

    assert response.url == reverse("agreement", args=[family.pk, 1])
    assert Signature.objects.get().person == person(family, "Father")


def test_only_the_leader_records_signatures(client, leader, member, municipality, family):
    simple_plan(family)
    version = prepare(leader, family)
    data = {"signer": signer_keys(version)[0], "method": "app", "agrees": "on", "signed_on": today().isoformat()}
    url = reverse("agreement_sign", args=[family.pk, 1])

    client.force_login(member)
    assert "sign_form" not in client.get(reverse("agreement", args=[family.pk, 1])).context
    assert client.post(url, data).status_code == 403
    client.force_login(make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende"))
    assert client.post(url, data).status_code == 404
    assert not Signature.objects.exists()


def test_nobody_but_the_leader_signs_for_the_municipality(client, leader, member, family):
    simple_plan(family)
    prepare(leader, family)
    client.force_login(leader)

    response = client.post(
        reverse("agreement_sign", args=[family.pk, 1]),
        {"signer": f"staff:{member.pk}", "method": "app", "agrees": "on", "signed_on": today().isoformat()},
    )

    assert response.status_code == 400
    assert "signer" in response.context["sign_form"].errors
    assert not Signature.objects.exists()


def test_only_the_leader_is_offered_to_sign_for_the_municipality(leader, member, family):
    simple_plan(family)
    version = prepare(leader, family)

    offered_to_leader = [
        key for key, _name in agreement.SignForm(version=version, user=leader).fields["signer"].choices
    ]
    offered_to_member = [
        key for key, _name in agreement.SignForm(version=version, user=member).fields["signer"].choices
    ]

    assert offered_to_leader == [*signer_keys(version), f"staff:{leader.pk}"]
    assert offered_to_member == signer_keys(version)


# Adjusting a signed plan


def test_a_new_version_after_signing_needs_a_reason_and_an_explanation(leader, family):
    goal, _measure = simple_plan(family)
    sign_all(leader, family, prepare(leader, family))
    changed_goal(goal, indicator="Six months in the job")

    first_again = agreement.PrepareForm({"reason": "first", "language": "en"}, user=leader, household=family)
    unexplained = agreement.PrepareForm(
        {"reason": "learnt", "explanation": " ", "language": "en"}, user=leader, household=family
    )

    assert list(first_again.errors) == ["reason", "explanation"]
    assert unexplained.errors == {"explanation": ["Say what changed and why, so the family can agree to it."]}
    version = prepare(leader, family, reason="learnt", explanation="Six months is what counts")
    assert (version.number, version.reason) == (2, "learnt")


def test_a_new_version_when_nothing_the_family_agreed_to_changed_is_refused(leader, family):
    simple_plan(family)
    sign_all(leader, family, prepare(leader, family))
    TrustedPerson.objects.create(household=family, name="Eva", who="Grandmother", joined_on=today())

    with pytest.raises(ValidationError, match="Nothing the family agreed to has changed since version 1."):
        prepare(leader, family, reason="learnt", explanation="Nothing really")
    assert AgreementVersion.objects.count() == 1


def test_an_unsigned_version_is_replaced_by_the_next_and_can_no_longer_be_signed(leader, family):
    goal, _measure = simple_plan(family)
    first = prepare(leader, family)
    changed_goal(goal, text="A job I like")

    second = prepare(leader, family)

    first.refresh_from_db()
    assert (first.replaced, second.replaced, second.number) == (True, False, 2)
    form = sign_form(first, leader, signer_keys(first)[0])
    assert form.is_valid()
    with pytest.raises(ValidationError, match="This version can no longer be signed."):
        agreement.sign(leader, family, first, **form.values())


def test_a_signed_version_is_not_replaced_by_the_next(leader, family):
    goal, _measure = simple_plan(family)
    first = sign_all(leader, family, prepare(leader, family))
    changed_goal(goal, text="A job I like")

    prepare(leader, family, reason="learnt", explanation="The family chose the work")

    first.refresh_from_db()
    assert not first.replaced


def test_the_plan_has_changed_since_signing_once_a_goal_is_edited(client, leader, family):
    goal, _measure = simple_plan(family)
    signed = sign_all(leader, family, prepare(leader, family))
    assert not agreement.changed_since_signed(family, signed)

    client.force_login(leader)
    client.post(
        reverse("goal_edit", args=[family.pk, goal.pk]),
        {
            "text": goal.text,
            "life_area": goal.life_area_id,
            "indicator": "Six months in the job",
            "target_on": goal.target_on.isoformat(),
            "state": "open",
            "version": goal.version,
        },
    )

    assert agreement.changed_since_signed(family, signed)
    page = client.get(reverse("plan", args=[family.pk])).content.decode()
    assert "The plan has changed since the family signed version 1." in page
    assert reverse("agreement_new", args=[family.pk]) in page


# Comparing versions


def test_compare_names_goals_and_measures_added_removed_and_changed_field_by_field(leader, family):
    goal, measure = simple_plan(family)
    dropped = make_goal(family, text="Dropped later")
    before = prepare(leader, family).content
    changed_goal(goal, indicator="Six months in the job", target_on=days(200))
    changed_goal(dropped, state="dropped")
    measure.status = "stopped"
    measure.save()
    added = make_measure(family, text="Driving lessons", goal=goal, how_often="Weekly")
    after = prepare(leader, family).content

    changes = agreement.compare(before, after)

    assert changes["situation"] is None
    (goal_change, goal_removed) = changes["goals"]
    assert (goal_change["change"], goal_change["item"]["id"]) == ("changed", goal.pk)
    assert [str(label) for label, _old, _new in goal_change["fields"]] == ["What success looks like", "Target date"]
    assert goal_change["fields"][0][1:] == ("A contract is signed", "Six months in the job")
    assert (goal_removed["change"], goal_removed["item"]["text"]) == ("removed", "Dropped later")
    assert [(c["change"], c["item"]["id"]) for c in changes["measures"]] == [
        ("added", added.pk),
        ("removed", measure.pk),
    ]


def test_compare_names_a_changed_situation(leader, family):
    simple_plan(family)
    before = prepare(leader, family).content
    InvestmentPlan.objects.filter(household=family).update(situation="Moved to a bigger flat")
    after = prepare(leader, family).content

    assert agreement.compare(before, after)["situation"] == ("", "Moved to a bigger flat")


def test_the_compare_page_shows_what_changed_from_version_1_to_2(client, leader, family):
    goal, _measure = simple_plan(family)
    sign_all(leader, family, prepare(leader, family))
    changed_goal(goal, indicator="Six months in the job")
    make_measure(family, text="Driving lessons", goal=goal)
    prepare(leader, family, reason="learnt", explanation="Six months is what counts")
    client.force_login(leader)

    response = client.get(reverse("agreement_compare", args=[family.pk]), {"from": 1, "to": 2})

    assert (response.context["a"], response.context["b"]) == (1, 2)
    page = response.content.decode()
    assert "Six months is what counts" in page
    assert "<del>A contract is signed</del> → <ins>Six months in the job</ins>" in page
    assert "Added:</strong> Driving lessons" in page


def test_the_compare_page_compares_the_last_two_versions_when_asked_for_unknown_ones(client, leader, family):
    goal, _measure = simple_plan(family)
    prepare(leader, family)
    changed_goal(goal, text="Second")
    prepare(leader, family)
    changed_goal(goal, text="Third")
    prepare(leader, family)
    client.force_login(leader)

    response = client.get(reverse("agreement_compare", args=[family.pk]), {"from": "x", "to": 9})

    assert (response.context["a"], response.context["b"]) == (2, 3)
