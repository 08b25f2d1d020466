"""The Django admin, like every page, shows an administrator only their own municipality."""


class MunicipalityScoped:
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.municipality_id is None:  # the installation's operator, created with createsuperuser
            return queryset
        return queryset.filter(municipality_id=request.user.municipality_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if request.user.municipality_id is not None and db_field.name == "municipality":
            field.queryset = field.queryset.filter(pk=request.user.municipality_id)
        if request.user.municipality_id is not None and db_field.name == "organisation":
            field.queryset = field.queryset.filter(municipality_id=request.user.municipality_id)
        return field
