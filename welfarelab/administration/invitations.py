"""An invitation: a one-time link to set one's own password, made and checked by Django's password-reset
token machinery. The token is signed over the password, so it stops working once a password is set."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from welfarelab.access import audit


def link(request, user):
    """The absolute address of `user`'s invitation, for the e-mail."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("invitation", args=[uid, default_token_generator.make_token(user)])
    return request.build_absolute_uri(path)


def send(user, url):
    """E-mail the invitation in the municipality's language. A failure undoes the caller's transaction."""
    municipality = user.municipality
    with translation.override(municipality.default_language):
        subject = _("Your login to the Welfare Lab in %(municipality)s") % {"municipality": municipality}
        body = render_to_string(
            "administration/invitation_email.txt", {"user": user, "url": url, "municipality": municipality}
        )
    try:
        send_mail(subject, body, None, [user.email])
    except OSError as error:  # smtplib's errors are OSErrors
        raise ValidationError(_("The invitation could not be sent: %(error)s") % {"error": error}) from error


@method_decorator(login_not_required, name="dispatch")
class AcceptInvitation(auth_views.PasswordResetConfirmView):
    template_name = "administration/invitation.html"
    success_url = reverse_lazy("login")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active and user.ended_at is None else None

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(form.user, audit.UPDATE, form.user, detail="password set from invitation")
        messages.success(
            self.request,
            _("Your password is set. Log in with your username, %(username)s.") % {"username": form.user.username},
        )
        return response
