from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from welfarelab.people.models import Municipality, Organisation, StaffUser


@admin.register(StaffUser)
class StaffUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "municipality", "organisation", "is_active"]
    list_filter = ["role", "municipality", "is_active"]
    fieldsets = UserAdmin.fieldsets + (("Welfare Lab", {"fields": ["municipality", "organisation", "role"]}),)


admin.site.register(Municipality)
admin.site.register(Organisation)
