from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models
from django.db.models import Case, When
from django.db.models.expressions import CombinedExpression

# Articles written per UPDATE: one statement for a hundred rows takes half the time of a hundred
# (at 100,000 articles, minutes rather than most of an hour).
BATCH = 100


def prepare_names_and_vectors(apps, schema_editor):
    """Every author's and topic's name prepared; on PostgreSQL, every article's vectors made again
    as Article.save() now makes them (stemmed in Python, `simple` configuration, topic names)."""
    from articles import search

    for model_name in ("Author", "Topic"):
        model = apps.get_model("articles", model_name)
        for row in model.objects.iterator(chunk_size=500):
            model.objects.filter(pk=row.pk).update(
                **{
                    f"prepared_name_{language}": search.prepare(
                        getattr(row, f"name_{language}") or ""
                    )
                    for language in search.CONFIGS
                }
            )
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    fields = [
        f"{field}_{language}"
        for field in ("title", "summary", "body")
        for language in search.CONFIGS
    ]
    batch = []
    for article in Article.objects.only(*fields).iterator(chunk_size=BATCH):
        batch.append(article)
        if len(batch) == BATCH:
            write_vectors(search, Article, batch)
            batch = []
    if batch:
        write_vectors(search, Article, batch)


def write_vectors(search, Article, articles):
    """One UPDATE: each article's own texts prepared here (a CASE on its key), its names part
    made by the database (search.names_vector), as search.index() does for one."""
    columns = {
        article.pk: search.vectors(
            {
                language: [
                    ("A", getattr(article, f"title_{language}") or ""),
                    ("B", getattr(article, f"summary_{language}") or ""),
                    ("C", search.plain_text(getattr(article, f"body_{language}"))),
                ]
                for language in search.CONFIGS
            }
        )
        for article in articles
    }
    Article.objects.filter(pk__in=columns).update(
        **{
            f"search_{language}": CombinedExpression(
                Case(
                    *(
                        When(pk=pk, then=vectors[f"search_{language}"])
                        for pk, vectors in columns.items()
                    ),
                    output_field=SearchVectorField(),
                ),
                "||",
                search.names_vector(Article, language),
                output_field=SearchVectorField(),
            )
            for language in search.CONFIGS
        }
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_language_availability"),
    ]

    operations = [
        migrations.AddField(
            model_name="author",
            name="prepared_name_ar",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="author",
            name="prepared_name_en",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="topic",
            name="prepared_name_ar",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="topic",
            name="prepared_name_en",
            field=models.TextField(default="", editable=False),
        ),
        # Backwards the vectors stay as they are: the code of then remakes an article's at its
        # next save (a search for stems it no longer makes finds less until then).
        migrations.RunPython(prepare_names_and_vectors, migrations.RunPython.noop),
    ]
