"""Scans of signed papers are rows in the database, and the files of an earlier installation are carried into it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.conftest import make_participant
from welfarelab.capture.models import Consent, ParticipationAgreement
from welfarelab.plans.models import AgreementVersion

BEFORE = [("capture", "0002_initial"), ("plans", "0006_checkpoint_weeks_label")]


@pytest.mark.django_db(transaction=True)
def test_the_scans_an_installation_kept_as_files_move_into_the_database(
    settings, tmp_path, municipality, leader, referrer
):
    settings.MEDIA_ROOT = tmp_path
    household = make_participant(municipality, leader, referrer, consents=("nav", "skole"))
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    (tmp_path / "scans").mkdir()
    (tmp_path / "scans" / "agreement.pdf").write_bytes(b"%PDF-1.4 joined")
    old.get_model("capture", "ParticipationAgreement").objects.update(scan="scans/agreement.pdf")
    old.get_model("capture", "Consent").objects.update(scan="scans/agreement.pdf")  # recorded with it
    plan = old.get_model("plans", "InvestmentPlan").objects.create(household_id=household.pk)
    versions = old.get_model("plans", "AgreementVersion").objects
    version = dict(plan=plan, reason="first", language="nb", content={}, prepared_by_id=leader.pk)
    versions.create(number=1, scan="plans/scans/gone.pdf", **version)  # the file was lost before
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    agreement = ParticipationAgreement.objects.get(household=household)
    assert (agreement.scan.name, bytes(agreement.scan.content)) == ("agreement.pdf", b"%PDF-1.4 joined")
    assert agreement.scan.municipality == municipality
    assert {c.scan_id for c in Consent.objects.all()} == {agreement.scan_id}  # one scan, shared as before
    assert AgreementVersion.objects.get().scan is None
