"""DJANGO-LIVE-MODEL: a data migration that queries or creates a model imported from the application's
`models` module instead of taking the historical one from `apps.get_model`, in code written for these
tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.findings import Category

from .helpers import hunk_context, review

PATH = "library/migrations/0031_fill_isbn13.py"
RULE = "DJANGO-LIVE-MODEL"

LIVE = """
from django.db import migrations

from library.models import Book, Shelf
from library.choices import Condition


def fill_isbn13(apps, schema_editor):
    for book in Book.objects.filter(isbn13="").only("pk", "isbn10"):
        book.isbn13 = to_isbn13(book.isbn10)
        book.save(update_fields=["isbn13"])


class Migration(migrations.Migration):
    dependencies = [("library", "0030_book_isbn13")]
    operations = [migrations.RunPython(fill_isbn13, migrations.RunPython.noop)]
"""


def _found(text: str, path: str = PATH) -> list[int]:
    return [f.line or 0 for f in review(path, text) if f.rule_id == RULE]


def test_the_query_through_an_imported_model_in_the_runpython_function_is_reported() -> None:
    # on the import the change adds (the statement to remove), stretched down to the query a few lines below
    assert [(f.line, f.end_line) for f in review(PATH, LIVE) if f.rule_id == RULE] == [(3, 8)]


def test_an_import_far_above_is_reported_alone_and_one_already_there_leaves_it_on_the_query() -> None:
    far = LIVE.replace("from library.choices import Condition\n", "from library.choices import Condition\n" + "\n" * 8)
    assert [(f.line, f.end_line) for f in review(PATH, far) if f.rule_id == RULE] == [(3, None)]
    # the import is an old line shown as context: the query the change adds is where it goes
    ctx = hunk_context(PATH, LIVE, added=range(7, 11), context=5)
    found = run_checks([ctx], [Category.MIGRATION_SAFETY]).findings
    assert [(f.line, f.end_line) for f in found if f.rule_id == RULE] == [(8, None)]


def test_another_packages_model_follows_its_own_history_and_stays_quiet() -> None:
    other = LIVE.replace("from library.models import Book, Shelf", "from catalogue_app.models import Book, Shelf")
    assert _found(other) == []


def test_the_historical_model_or_a_rebound_name_stays_quiet() -> None:
    historical = LIVE.replace("from library.models import Book, Shelf\n", "").replace(
        "def fill_isbn13(apps, schema_editor):\n",
        "def fill_isbn13(apps, schema_editor):\n    Book = apps.get_model(\"library\", \"Book\")\n")
    assert _found(historical) == []
    rebound = LIVE.replace(
        "def fill_isbn13(apps, schema_editor):\n",
        "def fill_isbn13(apps, schema_editor):\n    Book = apps.get_model(\"library\", \"Book\")\n")
    assert _found(rebound) == []


def test_constants_of_a_live_model_and_code_outside_migrations_stay_quiet() -> None:
    constants = LIVE.replace('Book.objects.filter(isbn13="")', 'apps.get_model("library", "Book").objects.filter('
                             'condition=Shelf.DEFAULT_CONDITION, isbn13="")')
    assert _found(constants) == []
    assert _found(LIVE, "library/services/isbn.py") == []


def test_a_hunk_is_read_when_it_shows_the_import() -> None:
    from persona_review.checks.runner import run_checks
    from persona_review.findings import Category

    def found(context: int) -> list[int | None]:
        ctx = hunk_context(PATH, LIVE, range(8, 9), context=context)
        return [f.line for f in run_checks([ctx], [Category.MIGRATION_SAFETY]).findings if f.rule_id == RULE]

    assert found(7) == [8]   # the import in view: the use the change adds is reported
    assert found(3) == []    # the import out of view: the name may be the historical model
