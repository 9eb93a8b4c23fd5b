"""Text of libraries that ship no Arabic, for makemessages to collect (never imported): gettext
then finds their strings translated in locale/ar/LC_MESSAGES/django.po."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# django-tasks-db: the email queue (campaigns.admin.EmailQueueAdmin).
TASK_RESULTS = [
    _("Task Result"),
    _("Task Results"),
    _("status"),
    _("enqueued at"),
    _("started at"),
    _("finished at"),
    _("args kwargs"),
    _("priority"),
    _("task path"),
    _("worker id"),
    _("queue name"),
    _("backend name"),
    _("return value"),
    _("exception class path"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]

# django-otp-webauthn: what the passkey buttons say when the server refuses (its JavaScript's own
# text is in locale/ar/LC_MESSAGES/djangojs.po).
PASSKEY_ERRORS = [
    _("Error processing WebAuthn request."),
    _("Malformed request. JSON not parsable."),
    _(
        "State is missing or invalid. Please begin the operation first before trying to "
        "complete it."
    ),
    _("Unprocessable Entity"),
    _("Passwordless login is disabled."),
    _("This user account is marked as disabled."),
    _("This Passkey has been marked as disabled."),
    _("The Passkey you tried to use was not found. Perhaps it was removed?"),
    _(
        "The Passkey you tried to use does not belong to the currently logged-in user. Try "
        "using a different Passkey or logout first to use this Passkey."
    ),
    _("Authentication required."),
    _("User is not verified."),
    _(
        "You must verify your identity first with an existing MFA device before you can "
        "register a new passkey."
    ),
]
