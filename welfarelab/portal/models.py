from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentityProvider(models.Model):
    """Where a municipality's citizens log in: an OpenID provider (ID-porten), with the client the municipality
    registered there. With no issuer, the installation's own stand-in for ID-porten (`portal.test_idporten`),
    in a test environment only."""

    municipality = models.OneToOneField(
        "people.Municipality", on_delete=models.CASCADE, related_name="identity_provider"
    )
    issuer = models.URLField(
        _("issuer"),
        blank=True,
        help_text=_(
            "For example https://idporten.no. Empty: this installation's own test provider (test environments only)."
        ),
    )
    client_id = models.CharField(_("client id"), max_length=200)
    client_secret = models.CharField(_("client secret"), max_length=500, blank=True)
    enabled = models.BooleanField(_("citizens may log in"), default=True)

    class Meta:
        verbose_name = _("identity provider for citizens")
        verbose_name_plural = _("identity providers for citizens")

    def __str__(self):
        return f"{self.municipality}: {self.issuer or 'test ID-porten'}"
