"""The admin home is a work queue: each role sees the panels its permissions make its work (and
no other), each list bounded and read in a fixed number of queries, and the apps in the
newsroom's order, the security and system ones grouped last."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import work_queue as article_panels
from articles.models import Article, Revision
from campaigns.models import Campaign, SignupTally
from tests.helpers import make_article, make_campaign, make_staff, record_signup, staff_login

pytestmark = pytest.mark.django_db

ARTICLE_PANELS = {
    "articles.my_drafts",
    "articles.awaiting_review",
    "articles.pending_changes",
    "articles.scheduled",
    "articles.recently_published",
}


def home(client, user, language="en"):
    staff_login(client, user)
    response = client.get(reverse("admin:index"), headers={"Accept-Language": language})
    assert response.status_code == 200
    return response


def panels(response):
    return {panel.name: context for panel, context in response.context["work_queue"]}


def titles(panel):
    return [row["title"] for row in panel["rows"]]


def draft(by, **fields):
    return make_article(status=Article.Status.DRAFT, created_by=by, updated_by=by, **fields)


def in_review(by, **fields):
    return make_article(status=Article.Status.REVIEW, created_by=by, updated_by=by, **fields)


def scheduled(**fields):
    return make_article(**{"publish_at": timezone.now() + timedelta(days=1)} | fields)


def pending_change(article, writer, title="A writer's better title"):
    article.title_en = title
    return article.propose_change(writer, [], [])


# --- Who sees what ------------------------------------------------------------------------


def test_a_writer_sees_their_drafts_and_what_was_published_not_an_editors_queue(client):
    writer, colleague = make_staff("Writer"), make_staff("Writer")
    mine = draft(writer, title_en="My unfinished piece")
    draft(colleague, title_en="A colleague's draft")
    in_review(writer, title_en="Sent for review")
    live = make_article(title_en="Out already")

    shown = panels(home(client, writer))

    assert set(shown) == {
        "articles.my_drafts",
        "articles.sent_for_review",
        "articles.recently_published",
    }
    assert titles(shown["articles.my_drafts"]) == [str(mine)]
    assert titles(shown["articles.recently_published"]) == [str(live)]


def test_a_writer_sees_what_they_sent_until_an_editor_acts_on_it(client):
    writer, colleague, editor = make_staff("Writer"), make_staff("Writer"), make_staff("Editor")
    sent = in_review(writer, title_en="Sent for review")
    in_review(colleague, title_en="A colleague's submission")
    live = make_article(title_en="Out already")
    change = pending_change(live, writer)
    pending_change(make_article(title_en="Changed by a colleague"), colleague)

    panel = panels(home(client, writer))["articles.sent_for_review"]

    # Newest first: the change (made last), then the article in review.
    assert titles(panel) == ["Out already", str(sent)]
    assert panel["rows"][0]["url"] == reverse("admin:articles_article_revisions", args=[live.pk])
    # Once the editor publishes both, nothing of the writer's waits.
    live.restore(change, editor)
    sent.publish(editor)
    panel = panels(home(client, writer))["articles.sent_for_review"]
    assert panel["rows"] == []
    assert "Nothing you sent is waiting for an editor." in str(panel["empty"])


def test_an_editor_sees_review_pending_changes_scheduled_and_published(client):
    editor, writer = make_staff("Editor"), make_staff("Writer")
    waiting = in_review(writer, title_en="Please check this")
    later = scheduled(title_en="Tomorrow morning")
    pending_change(make_article(title_en="Out already"), writer)
    draft(writer, title_en="Not the editor's draft")

    response = home(client, editor)
    shown = panels(response)

    assert set(shown) == ARTICLE_PANELS
    assert titles(shown["articles.my_drafts"]) == []
    assert titles(shown["articles.awaiting_review"]) == [str(waiting)]
    assert shown["articles.awaiting_review"]["rows"][0]["by"] == writer.username
    assert titles(shown["articles.scheduled"]) == [str(later)]
    # The scheduled one is not out yet; the pending change is listed under the live title.
    assert titles(shown["articles.recently_published"]) == ["Out already"]
    assert titles(shown["articles.pending_changes"]) == ["Out already"]
    assert b"You have no drafts." in response.content


def test_a_campaign_manager_sees_open_campaigns_numbers_and_no_article(client):
    manager = make_staff("Campaign manager")
    running = make_campaign(title_en="Free the journalists", goal=200)
    make_campaign(title_en="Closed one", closes_at=timezone.now() - timedelta(days=1))
    for n in range(3):
        record_signup(running, f"s{n}@example.org")
    make_article()

    response = home(client, manager)
    shown = panels(response)

    assert set(shown) == {"campaigns.open_campaigns"}
    (row,) = shown["campaigns.open_campaigns"]["rows"]
    assert row["title"] == "Free the journalists"
    assert (row["confirmed"], row["goal"], row["recent"]) == (0, 200, 3)
    dashboard = reverse("admin:campaigns_campaign_dashboard", args=[running.pk])
    assert dashboard in response.content.decode()


@pytest.mark.parametrize("role", ["Writer", "Editor", "Administrator"])
def test_nobody_who_does_not_run_campaigns_sees_their_numbers(client, role):
    make_campaign()
    assert "campaigns.open_campaigns" not in panels(home(client, make_staff(role)))


def test_an_administrator_has_no_article_panels(client):
    make_article()
    assert not set(panels(home(client, make_staff("Administrator")))) & ARTICLE_PANELS


def test_recent_signups_are_those_of_the_last_seven_days_from_the_tally(client):
    campaign = make_campaign()
    record_signup(campaign, "today@example.org")
    # Tallies of days gone by, as the dashboard counts them: 6 days ago counts, 7 days ago not.
    today = timezone.localdate(timezone.now(), timezone.get_default_timezone())
    for days_ago, count in ((6, 4), (7, 50)):
        SignupTally.objects.create(
            campaign=campaign,
            figure=SignupTally.DAY,
            value=(today - timedelta(days=days_ago)).isoformat(),
            shard=0,
            count=count,
        )
    (counted,) = Campaign.objects.filter(pk=campaign.pk).with_recent_signups(7)
    assert counted.recent_signups == 5


# --- Pending changes ------------------------------------------------------------------------


def test_a_pending_change_waits_until_an_editor_applies_it(client):
    editor, writer = make_staff("Editor"), make_staff("Writer")
    article = make_article()
    article.record_revision(editor)
    revision = pending_change(article, writer)
    assert list(Revision.objects.awaiting_review()) == [revision]

    (row,) = panels(home(client, editor))["articles.pending_changes"]["rows"]
    # The link shows what the change would do to the live text.
    assert row["url"] == reverse(
        "admin:articles_article_diff", args=[article.pk, article.version, revision.number]
    )

    Article.objects.get(pk=article.pk).restore(revision, editor)
    assert not Revision.objects.awaiting_review().exists()
    assert panels(home(client, editor))["articles.pending_changes"]["rows"] == []


# --- Bounded lists, fixed queries ------------------------------------------------------------


def test_each_list_is_bounded_and_links_to_the_whole_filtered_list(client):
    editor = make_staff("Editor")
    rows = article_panels.ROWS
    for _n in range(rows + 2):
        draft(editor)
        in_review(editor)
        scheduled()
    shown = panels(home(client, editor))
    for name in ("articles.my_drafts", "articles.awaiting_review", "articles.scheduled"):
        assert len(shown[name]["rows"]) == rows
        assert shown[name]["more"]
        # The changelist accepts the filter (a refused one redirects to ?e=1) and lists them all.
        changelist = client.get(shown[name]["see_all"], headers={"Accept-Language": "en"})
        assert changelist.status_code == 200
        assert changelist.context["cl"].result_count == rows + 2, name


def test_the_scheduled_list_starts_with_the_next_to_go_live(client):
    later = scheduled(publish_at=timezone.now() + timedelta(days=3))
    sooner = scheduled(publish_at=timezone.now() + timedelta(hours=2))
    shown = panels(home(client, make_staff("Editor")))
    assert titles(shown["articles.scheduled"]) == [str(sooner), str(later)]


def count_home_queries(client, user):
    staff_login(client, user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("admin:index")).status_code == 200
    return len(queries)


def add_work(editor, writer, n):
    for _n in range(n):
        draft(editor)
        in_review(writer)
        scheduled()
        pending_change(make_article(), writer)
        campaign = make_campaign()
        record_signup(campaign, "a@example.org")


@pytest.mark.parametrize("role", ["Editor", "Writer", "Campaign manager"])
def test_the_home_runs_the_same_few_queries_whatever_the_amount_of_work(client, role):
    user = make_staff(role)
    writer = user if role == "Writer" else make_staff("Writer")  # a writer's own work, listed
    editor = user if role == "Editor" else make_staff("Editor")
    add_work(editor, writer, 1)
    few = count_home_queries(client, user)
    add_work(editor, writer, article_panels.ROWS + 3)
    assert count_home_queries(client, user) == few
    # Session, user, device, permissions, recent actions, and one query per panel.
    assert few <= 14


# --- The apps' order -------------------------------------------------------------------------


def app_labels(html, container):
    """The app labels in a part of the page, in order (each app's module has class app-LABEL)."""
    return re.findall(r'class="app-([\w]+) module', html.split(container, 1)[1])


def test_the_newsroom_comes_first_and_security_and_system_last(client, editor):
    response = home(client, editor)
    labels = [app["app_label"] for app in response.context["app_list"]]
    assert labels[:5] == ["articles", "campaigns", "pages", "staff", "auth"]
    system = labels[5:]
    assert {"axes", "otp_totp", "otp_static", "django_otp_webauthn"} <= set(system)
    assert all(app["system"] for app in response.context["app_list"][5:])
    assert not any(app["system"] for app in response.context["app_list"][:5])
    models = [model["object_name"] for model in response.context["app_list"][0]["models"]]
    assert models == ["Article", "Author", "Topic"]
    # On the page, the system apps come after their heading, the others before it.
    html = response.content.decode()
    before, heading, after = html.partition("Security and system</h2>")
    assert heading
    assert app_labels(before, 'id="content-main"') == labels[:5]
    assert re.findall(r'class="app-([\w]+) module', after) == system


def test_the_sidebar_lists_the_apps_in_the_same_order_and_groups(client, editor):
    staff_login(client, editor)
    response = client.get(
        reverse("admin:articles_article_changelist"), headers={"Accept-Language": "en"}
    )
    html = response.content.decode()
    sidebar = html.split('id="nav-sidebar"', 1)[1].split("</nav>", 1)[0]
    before, heading, after = sidebar.partition("Security and system</h2>")
    assert heading
    labels = [app["app_label"] for app in response.context["available_apps"]]
    assert re.findall(r'class="app-([\w]+) module', before) == labels[:5]
    assert re.findall(r'class="app-([\w]+) module', after) == labels[5:]


def test_the_security_packages_are_named_in_the_admins_language(client, editor):
    html = home(client, editor, language="ar").content.decode()
    system = html.partition("الأمان والنظام</h2>")[2]
    for name in ("محاولات الدخول", "تطبيقات المصادقة", "رموز الاسترداد", "مفاتيح المرور"):
        assert name in system, name
    assert "Otp_Totp" not in html and "WebAuthn credentials" not in html


def test_a_role_sees_only_its_apps_and_no_empty_group(client):
    response = home(client, make_staff("Writer"))
    assert [app["app_label"] for app in response.context["app_list"]] == ["articles"]
    assert b"Security and system" not in response.content


def test_the_home_speaks_arabic(client):
    editor = make_staff("Editor")
    draft(editor, languages=("en",), title_en="English only draft")
    html = home(client, editor, language="ar").content.decode()
    # An English title on the Arabic home keeps its own language and direction.
    assert 'lang="en" dir="ltr">English only draft</a>' in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.parametrize("role", ["Editor", "Writer", "Campaign manager"])
def test_every_panel_query_can_be_served_by_an_index(client, role):
    """As tests/test_query_plans.py: with sequential scans discouraged, a plan reading a big
    table whole means no index serves the query (100,000 articles, every save's revision)."""
    user, writer = make_staff(role), make_staff("Writer")
    add_work(user if role == "Editor" else make_staff("Editor"), writer, 2)
    staff_login(client, user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("admin:index")).status_code == 200
    big = ("articles_article", "articles_revision", "campaigns_signuptally")
    checked = 0
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        for query in queries.captured_queries:
            sql = query["sql"]
            if sql.startswith("SELECT") and any(f'"{table}"' in sql for table in big):
                cursor.execute(f"EXPLAIN {sql}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
                checked += 1
                for table in big:
                    assert f"Seq Scan on {table}" not in plan, f"{sql}\n{plan}"
        cursor.execute("RESET enable_seqscan")
    assert checked == {"Editor": 5, "Writer": 4, "Campaign manager": 1}[role]


def test_an_apps_own_page_lists_its_models_in_the_newsrooms_order(client):
    staff_login(client, make_staff("Editor"))
    response = client.get(reverse("admin:app_list", args=["articles"]))
    assert response.status_code == 200
    html = response.content.decode().split('id="content-main"', 1)[1]
    models = re.findall(r'class="model-(\w+)', html)
    assert models == ["article", "author", "topic"]
    assert "work_queue" not in response.context
