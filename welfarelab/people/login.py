"""Staff log in with Django's model backend; each request reads the user with their municipality and organisation."""

from django.contrib.auth.backends import ModelBackend

from welfarelab.people.models import StaffUser


class StaffBackend(ModelBackend):
    def get_user(self, user_id):
        # Every page asks for the user's municipality (its language, its families): one query, not two.
        user = StaffUser.objects.select_related("municipality", "organisation").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
