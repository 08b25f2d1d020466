"""The rows of the Mapping Tool's grid, as the municipality's administrator keeps them: added, renamed in
the three languages, put in order, retired. A life area is never deleted: sheets and goals refer to it."""

from django.db import transaction
from django.utils.text import slugify

from welfarelab.access import audit, changes, policy
from welfarelab.checks import check
from welfarelab.mapping.models import LifeArea


class LifeAreaForm(changes.VersionedForm):
    class Meta:
        model = LifeArea
        fields = ["name_en", "name_nb", "name_nn", "active"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality_id = municipality.pk


def listed(administrator):
    return policy.administered(administrator, LifeArea)


def _new_code(area):
    """A code nobody in the municipality uses yet, from the English name (the demo and imports use codes)."""
    base = slugify(area.name_en)[:30] or "area"
    taken = set(LifeArea.objects.filter(municipality_id=area.municipality_id).values_list("code", flat=True))
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def save(
    administrator,
    area: LifeArea | None = None,
    *,
    name_en: str,
    name_nb: str,
    name_nn: str,
    active: bool = True,
    version: int | None = None,
) -> LifeArea:
    """Add a life area at the end of the grid, or rename or retire one (from `version`)."""
    policy.require(administrator, "administer")
    new = area is None
    area = area or LifeArea(municipality_id=administrator.municipality_id)
    area.name_en, area.name_nb, area.name_nn, area.active = name_en, name_nb, name_nn, active
    if new:
        area.code = _new_code(area)
        last = LifeArea.objects.filter(municipality_id=area.municipality_id).order_by("-position").first()
        area.position = (last.position if last else 0) + 1
    check(area, {}, exclude=["municipality", "version"])
    return changes.commit(administrator, area, None, new=new, version=version, detail=f"life area {name_en}")


@transaction.atomic
def move(administrator, area, step):
    """Move a life area one place up (step -1) or down (+1) on the grid; positions become 1, 2, 3, ..."""
    areas = list(listed(administrator).select_for_update())
    at = next(i for i, a in enumerate(areas) if a.pk == area.pk)
    to = at + step
    if not 0 <= to < len(areas):
        return
    areas[at], areas[to] = areas[to], areas[at]
    for position, each in enumerate(areas, start=1):
        each.position = position
    LifeArea.objects.bulk_update(areas, ["position"])
    audit.record(administrator, audit.UPDATE, area, detail=f"moved to position {to + 1}")
