from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.findings import Category

from .helpers import hunk_context, rules

PATH = "shop/migrations/0005_change.py"


def migration(operations: str, extra: str = "") -> str:
    body = "\n".join(f"        {line}" for line in operations.strip("\n").splitlines())
    return (
        "from django.db import migrations, models\n\n\n"
        f"class Migration(migrations.Migration):\n{extra}"
        '    dependencies = [("shop", "0004_prev")]\n\n'
        f"    operations = [\n{body}\n    ]\n"
    )


FIRST_OP = 8  # line of the first operation in `migration(...)`

CASES = [
    (
        'migrations.RemoveField(model_name="order", name="note"),',
        "MIG-01",
        'migrations.AddField(model_name="order", name="note", field=models.TextField(null=True)),',
    ),
    ('migrations.DeleteModel(name="Coupon"),', "MIG-01", 'migrations.CreateModel(name="Coupon", fields=[]),'),
    (
        'migrations.AddField(model_name="order", name="code", field=models.CharField(max_length=8, default="x")),',
        "MIG-02",
        'migrations.AddField(model_name="order", name="code", field=models.CharField(max_length=8, db_default="x")),',
    ),
    (
        'migrations.AlterField(model_name="order", name="code", field=models.CharField(max_length=8, null=False)),',
        "MIG-02",
        'migrations.AlterField(model_name="order", name="code", field=models.CharField(max_length=8, null=True)),',
    ),
    (
        'migrations.AlterField(model_name="order", name="total", field=models.DecimalField(max_digits=12)),',
        "MIG-04",
        'migrations.AlterField(model_name="order", name="total", field=models.DecimalField(null=True)),',
    ),
    (
        'migrations.AddIndex(model_name="order", index=models.Index(fields=["code"], name="code_idx")),',
        "MIG-03",
        'AddIndexConcurrently(model_name="order", index=models.Index(fields=["code"], name="code_idx")),',
    ),
    (
        'migrations.AlterUniqueTogether(name="order", unique_together={("shop", "code")}),',
        "MIG-07",
        'migrations.AlterUniqueTogether(name="order", unique_together=set()),',
    ),
    (
        "migrations.RunPython(forwards),",
        "MIG-09",
        "migrations.RunPython(forwards, migrations.RunPython.noop),",
    ),
    (
        'migrations.RunSQL("UPDATE shop_order SET flag = true"),',
        "MIG-09",
        'migrations.RunSQL("UPDATE shop_order SET flag = true WHERE id = 1", reverse_sql=migrations.RunSQL.noop),',
    ),
    (
        'migrations.RenameField(model_name="order", old_name="total", new_name="amount"),',
        "MIG-05",
        'migrations.AlterModelOptions(name="order", options={"ordering": ["id"]}),',
    ),
    (
        'migrations.AddConstraint(model_name="order", constraint=models.CheckConstraint(check=models.Q(total__gte=0), name="pos")),',
        "MIG-06",
        'migrations.RemoveConstraint(model_name="order", name="pos"),',
    ),
    (
        'migrations.AddField(model_name="order", name="tok", field=models.UUIDField(null=True, db_default=RandomUUID())),',
        "MIG-08",
        'migrations.AddField(model_name="order", name="tok", field=models.UUIDField(null=True)),',
    ),
    (
        'migrations.AddField(model_name="order", name="user", field=models.ForeignKey("auth.User", null=True, on_delete=models.CASCADE)),',
        "MIG-03",
        'migrations.AddField(model_name="order", name="user", field=models.ForeignKey("auth.User", null=True, db_index=False, on_delete=models.CASCADE)),',
    ),
    (
        'migrations.AlterField(model_name="order", name="code", field=models.CharField(max_length=8, null=True, unique=True)),',
        "MIG-07",
        'migrations.AlterField(model_name="order", name="code", field=models.CharField(max_length=8, null=True)),',
    ),
    (
        'migrations.RunSQL("ALTER TABLE shop_order DROP COLUMN note", reverse_sql=""),',
        "MIG-01",
        'migrations.RunSQL("ALTER TABLE shop_order ADD COLUMN note text", reverse_sql=""),',
    ),
]


@pytest.mark.parametrize(("flagged", "item", "clean"), CASES)
def test_flagged_and_near_miss(flagged: str, item: str, clean: str) -> None:
    assert (FIRST_OP, item) in rules(PATH, migration(flagged))
    # near misses run outside a transaction, as a concurrent index must
    assert rules(PATH, migration(clean, extra="    atomic = False\n")) == set()


def test_operations_on_a_model_created_in_the_same_migration_are_fine() -> None:
    ops = """
migrations.CreateModel(name="Voucher", fields=[("id", models.BigAutoField(primary_key=True))]),
migrations.AddField(model_name="voucher", name="code", field=models.CharField(max_length=8)),
migrations.AddIndex(model_name="voucher", index=models.Index(fields=["code"], name="v_idx")),
"""
    assert rules(PATH, migration(ops)) == set()


def test_concurrent_index_needs_a_non_atomic_migration() -> None:
    op = 'AddIndexConcurrently(model_name="order", index=models.Index(fields=["code"], name="code_idx")),'
    assert rules(PATH, migration(op)) == {(FIRST_OP, "MIG-12")}
    assert rules(PATH, migration(op, extra="    atomic = False\n")) == set()


def test_a_normal_python_file_is_never_a_migration() -> None:
    text = 'def cleanup(migrations):\n    migrations.RemoveField(model_name="order", name="note")\n'
    assert rules("shop/services/cleanup.py", text) == set()


def test_hunk_shows_the_same_finding() -> None:
    ops = """
migrations.AddField(
    model_name="order",
    name="note",
    field=models.TextField(null=True),
),
migrations.RemoveField(
    model_name="order",
    name="code",
),
"""
    text = migration(ops)
    ctx = hunk_context(PATH, text, range(FIRST_OP + 5, FIRST_OP + 9))
    found = run_checks([ctx], [Category.MIGRATION_SAFETY]).findings
    assert [(f.line, f.checklist_item) for f in found] == [(FIRST_OP + 5, "MIG-01")]
    assert rules(PATH, text) == {(FIRST_OP + 5, "MIG-01")}


def test_state_only_operations_are_quiet_and_database_operations_still_checked() -> None:
    ops = """
migrations.SeparateDatabaseAndState(
    state_operations=[
        migrations.RenameField(model_name="item", old_name="code", new_name="ref"),
        migrations.AlterField(
            model_name="item",
            name="ref",
            field=models.CharField(max_length=20, db_column="code", db_index=True),
        ),
    ],
    database_operations=[
        migrations.RemoveField(model_name="item", name="legacy"),
    ],
),
"""
    found = rules(PATH, migration(ops))
    assert {item for _, item in found} == {"MIG-01"}


def test_rename_outside_state_operations_still_reported() -> None:
    ops = 'migrations.RenameField(model_name="item", old_name="code", new_name="ref"),'
    assert (FIRST_OP, "MIG-05") in rules(PATH, migration(ops))
