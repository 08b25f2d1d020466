"""Meetings and Mapping Tool sheets for the demo's three worked-example families.

The Hagen family's sheet is the pilot's filled-in paper sheet (seeds/001), spread over the 360°
mapping and the plan meeting; the others follow the worked examples' situations and measures.
Each note: (handle, place, whose, text[, trusted]); a handle seen before changes that note.
"""

import datetime

from welfarelab.mapping.models import Entry, EntryRevision, Meeting, StaffPresence

Kind, Status = Meeting.Kind, Meeting.Status

HAGEN = [
    (
        Kind.MAPPING,
        (2026, 2, 23, 10),
        "Asker town hall, meeting room 2",
        ["Kari", "Per", "Jakob"],
        [
            ("w1", "works", None, "The family is good together"),
            ("w2", "works", None, "Good network"),
            ("w3", "works", "Per", "Full-time job"),
            ("w4", "works", "Oskar", "His school works well for him"),
            ("d1", "difficult", "Jakob", "Cannot take part in the activities he wants"),
            ("d2", "difficult", "Per", "Carries a lot: the only income"),
            ("d3", "difficult", "Kari", "Back and neck pain"),
            ("d4", "difficult", None, "Cramped flat"),
            ("dr1", "dreams", "Kari", "A permanent 80–100% position"),
            ("dr2", "dreams", None, "Our own home, bigger than this one"),
            ("g1", "good_at", "Sofie", "Sport: trains a lot and manages well"),
            ("g2", "good_at", None, "Standing together when things are hard"),
            ("n1", "network:family", None, "Grandmother on the mother's side", True),
            ("n2", "network:leisure", None, "The football club (Sofie, Jakob)"),
            ("n3", "network:public", None, "GP, school, Friskvern clinic"),
            ("t1", "grid:work:today", "Kari", "At home, 50% temporary job now and then"),
            ("t2", "grid:work:today", "Per", "100% job"),
            ("a1", "grid:work:now", "Kari", "Apply for work assessment allowance"),
            ("l1", "grid:work:long_term", "Kari", "In an 80% permanent job"),
            ("t3", "grid:housing:today", None, "Small owned flat, 70 m2, two rooms"),
            ("a2", "grid:housing:now", None, "Meeting with the housing office in week 48 about a start-up loan"),
            ("t4", "grid:physical_health:today", "Kari", "Pain"),
            ("a3", "grid:physical_health:now", "Kari", "Train twice a week with a physiotherapist"),
            ("t5", "grid:mental_health:today", "Kari", "Tired"),
            ("t6", "grid:mental_health:today", "Per", "Tired, short fuse"),
            ("t7", "grid:mental_health:today", "Jakob", "Fed up, tired of his little brother"),
            (
                "a4",
                "grid:mental_health:now",
                None,
                "Meeting with the service-allocation office in week 47: apply for respite care",
            ),
            ("a5", "grid:mental_health:now", "Jakob", "Reduced fee for the football tournament, or social assistance"),
            ("t8", "grid:economy:today", None, "Tight economy"),
            ("a6", "grid:economy:now", None, "→ work assessment allowance, start-up loan"),
            ("by1", "by:short_term", None, "June 2026"),
            ("by2", "by:long_term", None, "November 2027"),
        ],
    ),
    (
        Kind.PLAN,
        (2026, 3, 16, 10),
        "The family's home",
        ["Kari", "Per"],
        [
            (
                "a3",
                None,
                "Kari",
                "Physiotherapy twice a week → rather: apply for the rehabilitation programme at the Friskvern clinic",
            ),
            ("s1", "grid:mental_health:short_term", None, "Respite care 10 days a month"),
            ("s2", "grid:mental_health:short_term", None, "What about a parenting course for mother and father?"),
            ("s3", "grid:housing:short_term", None, "Start-up loan granted; look for a bigger flat"),
            ("wh1", "grid:housing:who", None, "Housing office (Bolig), by 1 May"),
            ("wh2", "grid:work:who", None, "Nils Aune, NAV, next week"),
            ("su1", "succeed", None, "We bring this sheet to every meeting and decide in the meeting"),
            ("d4", None, None, "Cramped flat: better once we have moved"),
        ],
    ),
]

BERG = [
    (
        Kind.MAPPING,
        (2026, 3, 16, 13),
        "Mestringshuset",
        ["Maria"],
        [
            ("g1", "good_at", "Maria", "Higher education; worked for several years"),
            ("d1", "difficult", "Maria", "No permanent job for the last two years"),
            ("d2", "difficult", "Maria", "Debts"),
            ("d3", "difficult", "Maria", "Emil lives in foster care"),
            ("dr1", "dreams", "Maria", "More time with Emil"),
            ("dr2", "dreams", "Maria", "Join a local activity programme and do yoga"),
            ("n1", "network:family", "Emil", "Emil, in foster care"),
            ("n2", "network:public", None, "Mental health and substance-use service"),
            ("t1", "grid:work:today", "Maria", "No permanent work for two years"),
            ("t2", "grid:housing:today", "Maria", "Rents a flat"),
            ("t3", "grid:economy:today", "Maria", "Debts"),
            ("t4", "grid:mental_health:today", "Maria", "Mental health challenges"),
            ("t5", "grid:substance_use:today", "Maria", "Free from substance use for some time"),
        ],
    ),
    (
        Kind.PLAN,
        (2026, 4, 13, 13),
        "Mestringshuset",
        ["Maria"],
        [
            ("a1", "grid:work:now", "Maria", "Work practice"),
            ("a2", "grid:economy:now", "Maria", "Apply for public debt settlement; voluntary financial management"),
            ("a3", "grid:mental_health:now", "Maria", "Continue treatment; Mestringshuset follows up at home"),
            ("a4", "grid:leisure:now", "Maria", "Start yoga"),
            ("n3", "network:public", None, "A personal support contact", True),
            ("l1", "grid:work:long_term", "Maria", "Back in work"),
            ("l2", "grid:housing:long_term", "Maria", "Settled in her own flat, free of debt"),
            ("l3", "grid:substance_use:long_term", "Maria", "Stays free of substance use"),
            ("by2", "by:long_term", None, "April 2027"),
        ],
    ),
]

DAHL = [
    (Kind.INTRODUCTION, (2026, 4, 8, 12), "Café at the library", ["Jonas"], []),
    (
        Kind.MAPPING,
        (2026, 4, 22, 12),
        "NAV Asker",
        ["Jonas"],
        [
            ("g1", "good_at", "Jonas", "Played football at senior level"),
            ("d1", "difficult", "Jonas", "Two subjects short of finishing upper secondary"),
            ("d2", "difficult", "Jonas", "No income"),
            ("d3", "difficult", "Jonas", "No home of his own: three months in a hostel"),
            ("d4", "difficult", "Jonas", "Small network in Asker, lonely"),
            ("dr1", "dreams", "Jonas", "Become a certified receptionist"),
            ("dr2", "dreams", "Jonas", "A stable home and control of his own money"),
            ("dr3", "dreams", "Jonas", "Play football at a high level"),
            ("t1", "grid:housing:today", "Jonas", "Hostel"),
            ("t2", "grid:work:today", "Jonas", "No daytime activity"),
            ("t3", "grid:economy:today", "Jonas", "Social assistance"),
        ],
    ),
    (
        Kind.PLAN,
        (2026, 5, 6, 12),
        "NAV Asker",
        ["Jonas"],
        [
            ("a1", "grid:housing:now", "Jonas", "The citizen service helps him find a flat"),
            ("a2", "grid:work:now", "Jonas", "NAV helps him find daytime activity and a part-time job"),
            (
                "a3",
                "grid:school:now",
                "Jonas",
                "NAV and the county find an apprenticeship and the two missing subjects",
            ),
            ("a4", "grid:economy:now", "Jonas", "The citizen service helps him organise his money"),
            ("a5", "grid:leisure:now", "Jonas", "NAV helps him find a football team"),
            ("l1", "grid:school:long_term", "Jonas", "Apprenticeship certificate"),
            ("l2", "grid:housing:long_term", "Jonas", "His own flat"),
            ("n1", "network:leisure", None, "A football team"),
            ("by2", "by:long_term", None, "Summer 2028"),
        ],
    ),
]

NEXT_CHECKPOINTS = {
    "The Hagen family": (2026, 12, 7, 10),
    "The Berg family": (2026, 12, 1, 13),
    "Jonas Dahl": (2026, 12, 3, 12),
}


def _at(parts):
    return datetime.datetime(*parts, tzinfo=datetime.UTC)


def fill(household, leader, areas, staff, meetings):
    persons = {p.given_name: p for p in household.members.all()}
    notes = {}
    for kind, when, place, family, writes in meetings:
        start = _at(when)
        meeting = Meeting.objects.create(
            household=household,
            kind=kind,
            planned_at=start,
            place=place,
            status=Status.HELD,
            finished_at=start + datetime.timedelta(hours=2),
            created_by=leader,
            created_at=start - datetime.timedelta(days=10),
        )
        meeting.family_present.set([persons[n] for n in family])
        StaffPresence.objects.bulk_create(
            StaffPresence(meeting=meeting, member=u, organisation_id=u.organisation_id) for u in staff
        )
        for minute, (handle, key, whose, text, *trusted) in enumerate(writes):
            entry = notes.get(handle)
            if entry is None:
                entry = notes[handle] = Entry(household=household, **_place(key, areas))
            else:
                entry.version += 1
            entry.text, entry.person, entry.trusted = text, persons.get(whose), bool(trusted)
            entry.save()
            EntryRevision.objects.create(
                entry=entry,
                household=household,
                meeting=meeting,
                version=entry.version,
                text=text,
                person=entry.person,
                trusted=entry.trusted,
                written_by=leader,
                written_at=start + datetime.timedelta(minutes=5 + minute),
            )
    next_meeting = Meeting.objects.create(
        household=household,
        kind=Kind.CHECKPOINT,
        planned_at=_at(NEXT_CHECKPOINTS[household.name]),
        place=meetings[-1][2],
        created_by=leader,
    )
    StaffPresence.objects.bulk_create(
        StaffPresence(meeting=next_meeting, member=u, organisation_id=u.organisation_id) for u in staff
    )


def _place(key, areas):
    kind, _sep, rest = key.partition(":")
    if kind == "network":
        return {"section": Entry.Section.NETWORK, "circle": rest}
    if kind == "by":
        return {"section": Entry.Section.GRID, "column": rest}
    if kind == "grid":
        area, column = rest.split(":")
        return {"section": Entry.Section.GRID, "life_area": areas[area], "column": column}
    return {"section": kind}
