"""The sheet: where each note sits, how the sheet stood after any meeting, and writing on it.

A place on the sheet is named by a key the page and the server share: a box ("dreams"), a
circle of the network ("network:friends"), a grid cell ("grid:<life area id>:now") or the
"by (date)" of a grid column ("by:short_term").
"""

from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from welfarelab.access import audit, minimisation, policy
from welfarelab.mapping.models import Entry, EntryRevision, LifeArea, Meeting
from welfarelab.people.models import TEXT_LIMIT, Person

Section, Circle, Column = Entry.Section, Entry.Circle, Entry.Column
BOXES = [Section.GOOD_AT, Section.DREAMS, Section.DIFFICULT, Section.WORKS, Section.SUCCEED]
DATED_COLUMNS = [Column.SHORT_TERM, Column.LONG_TERM]


class UnknownPlace(ValueError):
    pass


def place_key(entry):
    if entry.section == Section.NETWORK:
        return f"network:{entry.circle}"
    if entry.section == Section.GRID:
        return f"grid:{entry.life_area_id}:{entry.column}" if entry.life_area_id else f"by:{entry.column}"
    return entry.section


def place_fields(key, household):
    """The fields of a note placed at `key` on this household's sheet."""
    kind, _sep, rest = key.partition(":")
    if kind in BOXES and not rest:
        return {"section": kind}
    if kind == "network" and rest in Circle.values:
        return {"section": Section.NETWORK, "circle": rest}
    if kind == "by" and rest in DATED_COLUMNS:
        return {"section": Section.GRID, "column": rest}
    if kind == "grid":
        area_id, _sep, column = rest.partition(":")
        area = LifeArea.objects.filter(municipality_id=household.municipality_id, pk=area_id, active=True).first()
        if area_id.isdigit() and column in Column.values and area:
            return {"section": Section.GRID, "life_area": area, "column": column}
    raise UnknownPlace(key)


def place_label(entry):
    """What the place of a note is called on the sheet, e.g. "Housing: What we will do now"."""
    if entry.section == Section.NETWORK:
        return Circle(entry.circle).label
    if entry.section == Section.GRID:
        column = Column(entry.column).label
        if entry.life_area_id:
            return f"{entry.life_area}: {column}"
        return _("%(column)s, by (date)") % {"column": column}
    return Section(entry.section).label


@dataclass
class Note:
    entry: Entry
    revision: EntryRevision
    change: str = ""  # "new" or "changed" since the meeting before
    before: str = ""

    @property
    def text(self):
        return self.revision.text

    @property
    def key(self):
        return place_key(self.entry)

    @property
    def label(self):
        return place_label(self.entry)


def naming_hint(revision, persons):
    """For a note for everyone that names one of `persons`: the question whether it is theirs (everyone who sees
    the family reads it, also a team member whose consent does not cover that person). Saved as it is typed, the
    note asks beside it rather than refusing; what stays is listed for the leader (`plans.family_texts`)."""
    if revision.person_id or not (found := minimisation.named(revision.text, persons)):
        return ""
    names = get_text_list([p.given_name for p in found], _("and"))
    message = _(
        "This note names %(names)s, and everyone who sees the family reads it. If it is about them, choose them "
        "under “Whose?”."
    )
    return message % {"names": names}


class NewNoteForm(forms.Form):
    """A note as it is added: the page adds it with what was typed before it reached the server."""

    text = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=TEXT_LIMIT, strip=False)
    person = forms.ModelChoiceField(label=gettext_lazy("Whose?"), queryset=Person.objects.none(), required=False)
    trusted = forms.BooleanField(label=gettext_lazy("Trusted person"), required=False)

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons


class NoteForm(NewNoteForm):
    version = forms.IntegerField(min_value=1)


@dataclass
class Place:
    key: str
    label: str
    notes: list = field(default_factory=list)
    single: bool = False  # holds one note, like the "by (date)" of a column


@dataclass
class Sheet:
    household: object
    meeting: Meeting
    editable: bool
    since: object  # the meeting before, whose sheet changes are counted from
    places: dict
    areas: list
    removed: list

    def place(self, key):
        return self.places[key]

    @property
    def boxes(self):
        return [self.places[s] for s in BOXES]

    @property
    def network(self):
        return [self.places[f"network:{c}"] for c in Circle.values]

    @property
    def rows(self):
        return [(area, [self.places[f"grid:{area.pk}:{c}"] for c in Column.values]) for area in self.areas]

    @property
    def columns(self):
        """The grid's columns: code, heading and, for the dated ones, the place for their "by (date)"."""
        return [(c, label, self.places.get(f"by:{c}")) for c, label in Column.choices]

    @property
    def changed(self):
        return sum(1 for p in self.places.values() for n in p.notes if n.change) + len(self.removed)


def _state(revisions, until):
    """Each note's latest revision written up to `until` (everything when `until` is None)."""
    state = {}
    for revision in revisions:
        if until is None or revision.written_at <= until:
            state[revision.entry_id] = revision
    return state


def _shown(revision):
    return revision is not None and not revision.removed and revision.text.strip()


def meeting_before(meeting):
    """The last meeting held before this one: what "since the last meeting" is counted from."""
    held = Meeting.objects.held().filter(household_id=meeting.household_id).exclude(pk=meeting.pk)
    if meeting.status == Meeting.Status.HELD:
        held = held.filter(finished_at__lt=meeting.finished_at)
    return held.order_by("-finished_at").first()


def build(user, meeting, blank=False, paper=False):
    """The sheet of `meeting` as `user` may see it: live while the meeting is planned, else as it was left."""
    household = meeting.household
    editable = not paper and policy.may(user, "write_on_sheet", meeting)
    until = None if meeting.status == Meeting.Status.PLANNED else meeting.finished_at
    before = meeting_before(meeting)
    visible = set(policy.persons(user, household).values_list("pk", flat=True))
    entries = {} if blank else {e.pk: e for e in policy.notes(user, household).select_related("life_area")}
    revisions = sorted(
        EntryRevision.objects.filter(entry__in=entries.keys()).select_related("person"),
        key=lambda r: (r.written_at, r.pk),
    )
    revisions = [r for r in revisions if r.person_id is None or r.person_id in visible]
    now, then = _state(revisions, until), _state(revisions, before.finished_at if before else None)

    used = {e.life_area_id for e in entries.values() if e.life_area_id}
    areas = list(
        LifeArea.objects.filter(municipality_id=household.municipality_id).filter(Q(active=True) | Q(pk__in=used))
    )
    blank_entries = [Entry(section=s) for s in BOXES]
    blank_entries += [Entry(section=Section.NETWORK, circle=c) for c in Circle.values]
    blank_entries += [Entry(section=Section.GRID, column=c) for c in DATED_COLUMNS]
    blank_entries += [Entry(section=Section.GRID, life_area=a, column=c) for a in areas for c in Column.values]
    places = {
        place_key(e): Place(place_key(e), place_label(e), single=e.column in DATED_COLUMNS and not e.life_area_id)
        for e in blank_entries
    }

    for entry_id, revision in now.items():
        if not (_shown(revision) or (editable and not revision.removed)):
            continue
        earlier = then.get(entry_id) if before else revision
        note = Note(entries[entry_id], revision)
        if not _shown(earlier):
            note.change = "new" if _shown(revision) else ""
        elif (earlier.text, earlier.person_id) != (revision.text, revision.person_id):
            note.change, note.before = "changed", earlier.text
        places[place_key(note.entry)].notes.append(note)
    for place in places.values():
        place.notes = _alongside_after(place.notes)
    removed = [
        Note(entries[i], r, change="removed")
        for i, r in then.items()
        if before and _shown(r) and not _shown(now.get(i))
    ]
    return Sheet(household, meeting, editable, before, places, areas, removed)


def _alongside_after(notes):
    """Notes in the order written, except that a note written alongside another comes just after it."""
    ids = {n.entry.pk for n in notes}
    children = {}
    for n in notes:
        children.setdefault(n.entry.written_alongside_id if n.entry.written_alongside_id in ids else None, []).append(n)
    ordered = []

    def walk(parent):
        for n in children.get(parent, []):
            ordered.append(n)
            walk(n.entry.pk)

    walk(None)
    return ordered


def current(entry):
    """A note as it stands now: the note itself carries its latest text, person and version."""
    return Note(entry, entry)


def latest_revision(household):
    return EntryRevision.objects.filter(household=household).aggregate(latest=Max("pk"))["latest"] or 0


def changes(user, meeting, after):
    """Notes changed by anyone in revisions after `after` (an id), for every open copy of the sheet.

    A few seconds are read again each time, so that a revision committed late (with an earlier id
    than one already seen) still reaches everyone; pages ignore versions they already have.
    """
    recent = Q(pk__gt=after) | Q(written_at__gte=timezone.now() - timezone.timedelta(seconds=10))
    revisions = EntryRevision.objects.filter(recent, household_id=meeting.household_id)
    latest = max(revisions.values_list("pk", flat=True), default=after)
    entries = policy.notes(user, meeting.household).filter(pk__in=revisions.values("entry_id"))
    return latest, [current(e) for e in entries.select_related("person", "life_area")]


def _revise(user, entry, meeting):
    EntryRevision.objects.create(
        entry=entry,
        household_id=entry.household_id,
        meeting=meeting,
        version=entry.version,
        text=entry.text,
        person_id=entry.person_id,
        trusted=entry.trusted,
        removed=entry.removed,
        written_by=user,
    )


def add(user, meeting, key, text="", person=None, trusted=False):
    fields = place_fields(key, meeting.household)
    with transaction.atomic():
        entry = Entry.objects.create(household=meeting.household, text=text, person=person, trusted=trusted, **fields)
        _revise(user, entry, meeting)
        audit.record(user, audit.CREATE, entry, household=meeting.household, detail=f"sheet note at {key}")
    return entry


def write(user, meeting, entry, version, text, person=None, trusted=False):
    """Save a note as `user` left it. Returns (note, alongside).

    If someone else changed the note since `user` read `version`, nothing is overwritten: the
    other text stays in the note and `user`'s text becomes a new note beside it (`alongside`).
    """
    with transaction.atomic():
        saved = Entry.objects.filter(pk=entry.pk, version=version, removed=False).update(
            text=text, person=person, trusted=trusted, version=F("version") + 1
        )
        entry.refresh_from_db()
        if saved:
            _revise(user, entry, meeting)
            audit.record(user, audit.UPDATE, entry, household=meeting.household, detail="sheet note")
            return entry, None
        if not entry.removed and (entry.text, entry.person_id, entry.trusted) == (
            text,
            getattr(person, "pk", None),
            trusted,
        ):
            return entry, None
        alongside = Entry.objects.create(
            household=meeting.household,
            section=entry.section,
            circle=entry.circle,
            life_area_id=entry.life_area_id,
            column=entry.column,
            text=text,
            person=person,
            trusted=trusted,
            written_alongside=entry,
        )
        _revise(user, alongside, meeting)
        audit.record(
            user, audit.CREATE, alongside, household=meeting.household, detail=f"written alongside note {entry.pk}"
        )
        return entry, alongside


def remove(user, meeting, entry, version):
    """Take a note off the sheet (its history stays). False if someone changed it meanwhile."""
    with transaction.atomic():
        removed = Entry.objects.filter(pk=entry.pk, version=version, removed=False).update(
            removed=True, version=F("version") + 1
        )
        entry.refresh_from_db()
        if removed:
            _revise(user, entry, meeting)
            audit.record(user, audit.DELETE, entry, household=meeting.household, detail="sheet note")
    return bool(removed)
