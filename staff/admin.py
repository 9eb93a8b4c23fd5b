from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from staff import audit
from staff.models import AuditEntry

admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewed only, by whoever may view the model; never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Administrators manage accounts and give roles, but cannot hand out superuser powers or
    permissions outside the roles, nor take over a superuser's account."""

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return readonly
        return (*readonly, "is_superuser", "user_permissions")

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def save_related(self, request, form, formsets, change):
        # The groups are saved here (after the row): compare what the account could do before.
        user = form.instance
        before = roles(user, form.initial) if change else None
        super().save_related(request, form, formsets, change)
        after = roles(user)
        if after != before and (change or after["groups"] or after["is_superuser"]):
            audit.record(audit.Action.ROLES_CHANGED, request.user, user.get_username(), **after)


def roles(user, initial=None):
    """What an account may do: its role groups and the flags that matter."""
    flags = {name: (initial or {}).get(name, getattr(user, name)) for name in FLAGS}
    return {"groups": sorted(user.groups.values_list("name", flat=True)), **flags}


FLAGS = ("is_active", "is_staff", "is_superuser")


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """What a role may do is decided in code (staff/roles.py), not by its
    members: only a superuser can change a group's permissions."""

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return readonly if request.user.is_superuser else (*readonly, "permissions")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only for everyone, superusers included: the log is only ever appended to."""

    list_display = ("created_at", "actor_name", "action", "target")
    list_filter = ("action", "created_at", ("actor", admin.RelatedOnlyFieldListFilter))
    search_fields = ("actor_name", "target")
    date_hierarchy = "created_at"
    fields = ("created_at", "actor", "actor_name", "action", "target", "details")
    readonly_fields = fields
    list_select_related = ("actor",)


@admin.register(TOTPDevice, StaticDevice, WebAuthnCredential)
class SecondFactorAdmin(ReadOnlyAdmin):
    """Who set up which second factor, for a superuser helping someone who lost theirs, and
    never a secret: django-otp's own admin shows an app's key, its QR code and setup address and
    the recovery codes, with which whoever saw them passes as that person. Nor added here (whoever
    chose the key would know it), nor removed: `reset_two_factor` also signs the person out, and
    is audited."""

    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__username", "name")
    list_select_related = ("user",)
    fields = list_display
