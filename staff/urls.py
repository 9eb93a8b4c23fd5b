"""The passkey ceremonies' JSON endpoints: django-otp-webauthn's, under its namespace (its
template tags reverse them there), with our two completions, which renew the session key."""

from django.urls import path
from django_otp_webauthn.urls import urlpatterns as library_urlpatterns

from staff import two_factor

app_name = "otp_webauthn"
urlpatterns = [
    # First, at the library's own addresses: these are the ones that answer.
    path(
        "registration/complete/",
        two_factor.CompletePasskeyRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/complete/",
        two_factor.CompletePasskeyAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    *library_urlpatterns,
]
