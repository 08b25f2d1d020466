"""The one version-checked save: a change starts from the version the user saw, or it is refused."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from welfarelab.access import changes
from welfarelab.people.models import Municipality


def copy(municipality):
    """The municipality as one more user opened it."""
    return Municipality.objects.get(pk=municipality.pk)


def test_a_change_from_the_stored_version_gets_the_next_one(municipality):
    opened = copy(municipality)
    opened.name = "Asker kommune"

    stored = changes.next_version(opened, 1)

    assert opened.version == 2
    assert (stored.name, stored.version) == ("Asker", 1)  # the row as it was before the change


def test_a_change_from_a_version_someone_else_changed_meanwhile_is_refused_and_nothing_is_saved(municipality):
    first, second = copy(municipality), copy(municipality)
    first.name = "Asker kommune"
    changes.next_version(first, 1)
    first.save()

    second.name = "Asker by"
    with pytest.raises(ValidationError) as refused:
        changes.next_version(second, 1)

    assert refused.value.messages == [changes.STALE]
    municipality.refresh_from_db()
    assert (municipality.name, municipality.version) == ("Asker kommune", 2)


def test_a_change_without_the_version_seen_is_refused(municipality):
    with pytest.raises(ValidationError):
        changes.next_version(copy(municipality), None)


def test_the_refusal_says_what_the_caller_asks_it_to(municipality):
    with pytest.raises(ValidationError) as refused:
        changes.next_version(copy(municipality), 7, "Someone else changed this meeting.")
    assert refused.value.messages == ["Someone else changed this meeting."]


@pytest.mark.django_db(transaction=True)
def test_two_edits_of_the_same_version_at_once_never_both_pass(municipality):
    """The first edit holds the row from its check to its commit; the second waits, then sees it is stale."""
    first_checked, outcome = threading.Event(), {}

    def first():
        try:
            with transaction.atomic():
                opened = copy(municipality)
                opened.name = "First"
                changes.next_version(opened, 1)
                first_checked.set()
                time.sleep(0.3)  # the second edit checks meanwhile
                opened.save()
        finally:
            connection.close()

    def second():
        first_checked.wait(5)
        try:
            with transaction.atomic():
                opened = copy(municipality)
                opened.name = "Second"
                changes.next_version(opened, 1)
                opened.save()
            outcome["second"] = "saved"
        except ValidationError as error:
            outcome["second"] = error.messages
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert outcome["second"] == [changes.STALE]
    municipality.refresh_from_db()
    assert (municipality.name, municipality.version) == ("First", 2)
