"""How an action checks what it is given, whichever door it came through (a page, the API, a task): the model's
own validation and the room's rules together, in one ValidationError naming each wrong field, before anything
is saved."""

from django.core.exceptions import ValidationError


def model_problems(obj, exclude=(), **checks):
    """{field: messages} that the model's own validation (`Model.full_clean(**checks)`) finds in `obj`."""
    try:
        obj.full_clean(exclude=exclude, **checks)
    except ValidationError as error:
        return error.message_dict
    return {}


def check(obj, problems, *, exclude=()):
    """Refuse `obj` with every problem at once: the room's `problems` ({field: messages}, which speak for a field
    both name) and the model's own."""
    problems = model_problems(obj, exclude) | problems
    if problems:
        raise ValidationError(problems)
