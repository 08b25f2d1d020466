from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from welfarelab.access import audit, policy
from welfarelab.mapping import meetings, paper, sheet
from welfarelab.mapping.models import Meeting
from welfarelab.pages import form_page


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _meeting(request, pk, mid):
    household = policy.participant(request.user, pk)
    meeting = get_object_or_404(household.meetings.all(), pk=mid)
    meeting.household = household
    return meeting


def meeting_edit(request, pk, mid=None):
    household = policy.led_participant(request.user, pk)
    instance = _meeting(request, pk, mid) if mid else None
    form = meetings.MeetingForm(request.POST or None, instance=instance, user=request.user, household=household)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meetings.save(request.user, household, **form.values(), meeting=instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("sheet", pk=pk, mid=meeting.pk)
    audit.record(request.user, audit.VIEW, instance or household, household=household, detail="meeting form")
    return form_page(
        request,
        household,
        form,
        title=_("Change the meeting") if instance else _("Plan a meeting"),
        submit=_("Save the meeting"),
        cancel=reverse("sheet", args=[pk, mid]) if instance else reverse("participant", args=[pk]),
        template="mapping/meeting_form.html",
        kept=household.has_left,
        protected=household.members.exclude(address_protection="").exists(),
    )


@require_POST
def meeting_finish(request, pk, mid):
    policy.led_participant(request.user, pk)
    meeting = _meeting(request, pk, mid)
    if meetings.finish(request.user, meeting):
        messages.success(request, _("The meeting is marked as held. Its sheet is kept as it was left."))
    return redirect("sheet", pk=pk, mid=mid)


def _persons(request, household):
    return policy.persons(request.user, household).order_by("birth_date")


def _context(request, meeting, **extra):
    return {"household": meeting.household, "meeting": meeting, "persons": _persons(request, meeting.household)} | extra


def sheet_page(request, pk, mid):
    meeting = _meeting(request, pk, mid)
    if meeting.status == Meeting.Status.CANCELLED:
        messages.info(request, _("That meeting was cancelled, so it has no sheet."))
        return redirect("participant", pk=pk)
    household = meeting.household
    the_sheet = sheet.build(request.user, meeting)
    audit.record(request.user, audit.VIEW, meeting, household=household, detail="sheet")
    context = _context(
        request,
        meeting,
        sheet=the_sheet,
        staff=meeting.staff.select_related("member", "organisation"),
        family=meeting.family_present.filter(pk__in=_persons(request, household)),
        meetings=household.meetings.exclude(status=Meeting.Status.CANCELLED),
        leading=policy.may(request.user, "lead", household),
        latest=sheet.latest_revision(household),
    )
    return render(request, "mapping/sheet.html", context)


def sheet_now(request, pk):
    """The sheet as it is now: at the next planned meeting, or else as the last meeting left it."""
    household = policy.participant(request.user, pk)
    meetings = household.meetings.exclude(status=Meeting.Status.CANCELLED)
    meeting = meetings.filter(status=Meeting.Status.PLANNED).first() or meetings.order_by("-planned_at").first()
    if meeting is None:
        raise Http404
    note = request.GET.get("note", "")
    return redirect(reverse("sheet", args=[pk, meeting.pk]) + (f"#note-{note}" if note.isdigit() else ""))


def _note_json(request, meeting, note):
    entry, persons = note.entry, list(_persons(request, meeting.household))
    context = _context(request, meeting, note=note, editable=True, label=note.label, persons=persons)
    return {
        "id": entry.pk,
        "place": note.key,
        "after": entry.written_alongside_id,
        "version": entry.version,
        "removed": entry.removed,
        "html": "" if entry.removed else render_to_string("mapping/_note.html", context, request=request),
        "naming": sheet.naming_hint(note.revision, persons),
    }


@require_GET
def sheet_changes(request, pk, mid):
    meeting = _meeting(request, pk, mid)
    try:
        after = int(request.GET.get("after", 0))
    except ValueError:
        after = 0
    latest, notes = sheet.changes(request.user, meeting, after)
    if notes:
        audit.record(request.user, audit.VIEW, meeting, household=meeting.household, detail="sheet changes")
    return JsonResponse({"latest": latest, "notes": [_note_json(request, meeting, n) for n in notes]})


def _writable(request, pk, mid):
    meeting = _meeting(request, pk, mid)
    if not policy.may(request.user, "write_on_sheet", meeting):
        raise Http404
    return meeting


def _answer(request, meeting, payload, message="", status=200, anchor=""):
    if _wants_json(request):
        return JsonResponse(payload | {"message": message}, status=status)
    if message:
        (messages.success if status == 200 else messages.error)(request, message)
    return redirect(reverse("sheet", args=[meeting.household_id, meeting.pk]) + anchor)


def _problems(form):
    return "; ".join(f"{form[f].label}: {' '.join(e)}" for f, e in form.errors.items())


@require_POST
def note_add(request, pk, mid):
    meeting = _writable(request, pk, mid)
    form = sheet.NewNoteForm(request.POST, persons=_persons(request, meeting.household))
    if not form.is_valid():
        return _answer(request, meeting, {}, _problems(form), status=400)
    data = form.cleaned_data
    try:
        entry = sheet.add(
            request.user, meeting, request.POST.get("place", ""), data["text"], data["person"], data["trusted"]
        )
    except sheet.UnknownPlace:
        return _answer(request, meeting, {}, _("That place is not on the sheet."), status=400)
    return _answer(request, meeting, _note_json(request, meeting, sheet.current(entry)), anchor=f"#note-{entry.pk}")


def _note(request, meeting, nid):
    return get_object_or_404(policy.notes(request.user, meeting.household).select_related("life_area"), pk=nid)


def note_write(request, pk, mid, nid):
    meeting = _writable(request, pk, mid)
    entry = _note(request, meeting, nid)
    if request.method != "POST":  # after the lookup: a note the user may not see is not found, whatever the method
        return HttpResponseNotAllowed(["POST"])
    form = sheet.NoteForm(request.POST, persons=_persons(request, meeting.household))
    if not form.is_valid():
        return _answer(request, meeting, {}, _problems(form), status=400, anchor=f"#note-{nid}")
    data = form.cleaned_data
    entry, alongside = sheet.write(
        request.user, meeting, entry, data["version"], data["text"], data["person"], data["trusted"]
    )
    payload = {"note": _note_json(request, meeting, sheet.current(entry))}
    if alongside is None:
        return _answer(request, meeting, payload, anchor=f"#note-{nid}")
    payload["alongside"] = _note_json(request, meeting, sheet.current(alongside))
    message = _(
        "Someone else changed this note while you were writing. Both texts are kept: "
        "theirs stays in the note, yours is now the note just after it."
    )
    return _answer(request, meeting, payload, message, status=409, anchor=f"#note-{alongside.pk}")


def note_remove(request, pk, mid, nid):
    meeting = _writable(request, pk, mid)
    entry = _note(request, meeting, nid)
    if request.method != "POST":  # after the lookup: a note the user may not see is not found, whatever the method
        return HttpResponseNotAllowed(["POST"])
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0
    if sheet.remove(request.user, meeting, entry, version):
        return _answer(request, meeting, {"id": entry.pk}, _("The note is taken off the sheet. Its history is kept."))
    message = _("Someone else changed this note just now. Read it again before you take it off.")
    return _answer(request, meeting, {"note": _note_json(request, meeting, sheet.current(entry))}, message, 409)


@require_GET
def sheet_pdf(request, pk, mid):
    meeting = _meeting(request, pk, mid)
    blank = request.GET.get("blank") == "1"
    the_sheet = sheet.build(request.user, meeting, blank=blank, paper=True)
    html = render_to_string(
        "mapping/paper.html",
        _context(
            request,
            meeting,
            sheet=the_sheet,
            blank=blank,
            css=paper.stylesheet(),
            staff=meeting.staff.select_related("member", "organisation"),
            family=meeting.family_present.filter(pk__in=_persons(request, meeting.household)),
        ),
        request=request,
    )
    audit.record(
        request.user, audit.VIEW, meeting, household=meeting.household, detail="sheet PDF" + (" blank" if blank else "")
    )
    name = f"sheet-{meeting.planned_at:%Y-%m-%d}{'-blank' if blank else ''}.pdf"
    try:
        content = paper.pdf(html)
    except paper.Unavailable:
        messages.error(request, _("The PDF could not be made just now. Try again in a moment."))
        return redirect("sheet", pk=pk, mid=mid)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
