"""Every admin page a role may open answers without a server error: each registered model's list,
add and change pages, and their forms sent back as the pages filled them in."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from django_tasks_db.models import DBTaskResult

from campaigns.models import Signup
from staff import audit
from tests.helpers import (
    form_values,
    make_article,
    make_author,
    make_campaign,
    make_staff,
    make_topic,
    staff_login,
)

pytestmark = pytest.mark.django_db

ROLES = ("Writer", "Editor", "Campaign manager", "Administrator", "superuser")


@pytest.fixture
def rows(client, settings):
    """One row of each kind the admin shows (the role groups come from the migrations)."""
    # The email queue's rows are the database backend's, as in production.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    author, topic = make_author(), make_topic()
    make_article(authors=[author], topics=[topic])
    campaign = make_campaign()
    Signup.objects.create(campaign=campaign, email="huda@example.org", language="ar")
    colleague = make_staff("Writer")
    TOTPDevice.objects.create(user=colleague, name="phone", confirmed=True)
    StaticDevice.objects.create(user=colleague, name="recovery codes").token_set.create(
        token="abcd2345"
    )
    WebAuthnCredential.objects.create(
        user=colleague, name="security key", credential_id=b"id", public_key=b"key"
    )
    audit.record(audit.Action.PUBLISH, colleague, "#1 An article")
    DBTaskResult.objects.create(
        task_path="campaigns.tasks.send_signup_email",
        args_kwargs={"args": [1, False], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
    )
    # A wrong password: django-axes notes the attempt.
    client.post("/admin/login/", {"username": colleague.username, "password": "wrong"})


def signed_in(client, role):
    if role == "superuser":
        user = get_user_model().objects.create_superuser("root", "root@example.org", None)
    else:
        user = make_staff(role)
    staff_login(client, user)
    return user


def pages(user):
    """(url, form id or None) of each admin page `user` may open, as the admin classes decide;
    with a form id, the form is sent back too."""
    request = RequestFactory().get("/admin/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        form_id = f"{model._meta.model_name}_form"
        if model_admin.has_view_or_change_permission(request):
            yield reverse(f"{prefix}_changelist"), None
        row = model_admin.get_queryset(request).first()
        if row is not None and model_admin.has_view_or_change_permission(request, row):
            can_change = model_admin.has_change_permission(request, row)
            yield reverse(f"{prefix}_change", args=[row.pk]), form_id if can_change else None
        if model_admin.has_add_permission(request):
            yield reverse(f"{prefix}_add"), form_id


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_a_role_may_open_answers_without_a_server_error(client, rows, role):
    user = signed_in(client, role)
    client.raise_request_exception = False  # every page tried; the log shows each traceback
    answers = {}
    for url, form_id in pages(user):
        page = client.get(url)
        answers[f"GET {url}"] = page.status_code
        if form_id and page.status_code == 200:
            sent = client.post(url, form_values(page.content.decode(), form_id))
            answers[f"POST {url}"] = sent.status_code
    failures = {request: status for request, status in answers.items() if status not in (200, 302)}
    assert answers and not failures, failures


@pytest.mark.parametrize("role", ["Administrator", "superuser"])
def test_a_new_account_is_added_through_the_admin(client, role):
    signed_in(client, role)
    url = reverse("admin:auth_user_add")
    password = "correct horse battery staple 7"
    filled = {"username": "salma", "password1": password, "password2": password}
    data = form_values(client.get(url).content.decode(), "user_form") | filled
    response = client.post(url, data)
    added = get_user_model().objects.get(username="salma")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:auth_user_change", args=[added.pk])
    assert added.check_password(password) and not added.is_staff
