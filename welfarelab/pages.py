"""A form of one family on a page of its own: the one way every such page is drawn."""

from django.shortcuts import render


def form_page(
    request, household, form, *, title, submit, cancel, intro=None, template="plans/form.html", status=None, **extra
):
    """`form` about `household`, titled for what it does; 400 while the form has errors.

    `status` is for the few pages that answer otherwise (the plan's forms answer 200 with their errors shown).
    """
    context = {"household": household, "form": form, "title": title, "submit": submit, "cancel": cancel, "intro": intro}
    return render(request, template, context | extra, status=status or (400 if form.errors else 200))
