import django.contrib.postgres.search
from django.db import migrations

INDEXES = {"search_ar": "article_search_ar_gin", "search_en": "article_search_en_gin"}


def create_gin_indexes(apps, schema_editor):
    # PostgreSQL only: SQLite has no GIN and searches in Python (articles.search).
    if schema_editor.connection.vendor == "postgresql":
        for column, name in INDEXES.items():
            schema_editor.execute(
                f'CREATE INDEX "{name}" ON "articles_article" USING gin ("{column}")'
            )


def drop_gin_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES.values():
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def fill_vectors(apps, schema_editor):
    """Index the articles that exist, as Article.save() does for new ones."""
    from articles import search

    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    Byline = apps.get_model("articles", "Byline")
    for article in Article.objects.iterator(chunk_size=200):
        bylines = Byline.objects.filter(article=article).select_related("author")
        documents = {}
        for language in search.CONFIGS:
            names = [
                getattr(byline.author, f"name_{language}") or ""
                for byline in bylines.order_by("position", "id")
            ]
            documents[language] = [
                ("A", getattr(article, f"title_{language}") or ""),
                ("B", getattr(article, f"summary_{language}") or ""),
                ("C", search.plain_text(getattr(article, f"body_{language}"))),
                ("D", " ".join(names) if article.byline_mode == "authors" else ""),
            ]
        Article.objects.filter(pk=article.pk).update(**search.vectors(documents))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_safe_images"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_ar",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="article",
            name="search_en",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_gin_indexes, drop_gin_indexes),
        migrations.RunPython(fill_vectors, migrations.RunPython.noop),
    ]
