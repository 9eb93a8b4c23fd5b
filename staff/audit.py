"""The audit log: one `record()` for every audited action, and the sign-in receivers."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from staff.models import AuditEntry

Action = AuditEntry.Action


def record(action, actor=None, target="", *, actor_name="", **details):
    """Append one entry. `actor` is the staff member, or None for a supporter or a command."""
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=actor_name or (actor.get_username() if actor is not None else ""),
        target=str(target)[:300],
        details=details,
    )


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    record(Action.LOGIN, user)


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, user)


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the user name is kept.
    record(Action.LOGIN_FAILED, actor_name=str(credentials.get("username", ""))[:150])


@receiver(user_locked_out)
def locked_out(sender, request, username, ip_address, **kwargs):
    record(Action.LOCKED_OUT, actor_name=str(username or "")[:150])
