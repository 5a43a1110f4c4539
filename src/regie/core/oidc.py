"""OpenID Connect login: the municipality's IdP authenticates; roles stay managed in Regie."""

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from django.conf import settings


class RegieOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        value = claims.get(settings.OIDC_USERNAME_CLAIM)
        if not value:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=value, is_active=True)

    def create_user(self, claims):  # accounts are created by functioneel beheer, never by login
        return None
