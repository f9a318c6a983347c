"""The article's search vector: from a generated column to one a trigger keeps.

PostgreSQL recomputes a stored generated column on every UPDATE of the row, so each status and lease change
of the tagging worker re-ran to_tsvector over the whole text. The trigger recomputes it on INSERT and when
the title, text or language change, and otherwise keeps the stored value (whatever a client wrote), so the
column is still read-only in practice. The language -> configuration map is articles/pages/search.py's
SEARCH_CONFIGS, with "simple" for any other language; change them together, in a new migration.
"""

import django.contrib.postgres.search
from django.db import migrations

CONFIGS = {"en": "english", "it": "italian", "es": "spanish", "de": "german", "fr": "french", "pt": "portuguese",
           "nl": "dutch", "tr": "turkish"}  # fmt: skip


def vector(row: str) -> str:
    """The expression the generated column had (a constant configuration per branch), for the row named."""
    document = f"COALESCE({row}.\"title\", '') || ' ' || COALESCE({row}.\"text\", '')"
    branches = " ".join(
        f"WHEN {row}.\"language\" = '{code}' THEN to_tsvector('{config}'::regconfig, {document})"
        for code, config in CONFIGS.items()
    )
    return f"CASE {branches} ELSE to_tsvector('simple'::regconfig, {document}) END"


FORWARD = f"""
ALTER TABLE "articles_article" ALTER COLUMN "search_vector" DROP EXPRESSION;

CREATE FUNCTION articles_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND NEW."title" IS NOT DISTINCT FROM OLD."title"
        AND NEW."text" IS NOT DISTINCT FROM OLD."text"
        AND NEW."language" IS NOT DISTINCT FROM OLD."language" THEN
        NEW."search_vector" := OLD."search_vector";
    ELSE
        NEW."search_vector" := {vector("NEW")};
    END IF;
    RETURN NEW;
END
$$;

-- An UPDATE that sets none of these columns (a status or lease change) does not even call the function.
CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE OF "title", "text", "language", "search_vector" ON "articles_article"
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector();
"""

BACKWARD = f"""
DROP TRIGGER articles_article_search_vector ON "articles_article";
DROP FUNCTION articles_article_search_vector();
ALTER TABLE "articles_article" DROP COLUMN "search_vector";
ALTER TABLE "articles_article" ADD COLUMN "search_vector" tsvector
    GENERATED ALWAYS AS ({vector('"articles_article"')}) STORED;
CREATE INDEX "article_search_gin" ON "articles_article" USING gin ("search_vector");
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_ingestion"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(FORWARD, BACKWARD)],
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="search_vector",
                    field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
            ],
        ),
    ]
