from __future__ import annotations

import pytest

from .helpers import rules

PATH = "alembic/versions/3b1c_change.py"
HEADER = 'import sqlalchemy as sa\nfrom alembic import op\n\nrevision = "3b1c"\ndown_revision = "2a0b"\n\n\n'
FIRST_OP = 9


def revision(upgrade: str, downgrade: str = 'op.drop_column("orders", "note")') -> str:
    return f"{HEADER}def upgrade():\n    {upgrade}\n\n\ndef downgrade():\n    {downgrade}\n"


CASES = [
    ('op.drop_column("orders", "note")', "MIG-01", 'op.add_column("orders", sa.Column("note", sa.Text()))'),
    (
        'op.add_column("orders", sa.Column("code", sa.String(8), nullable=False))',
        "MIG-02",
        'op.add_column("orders", sa.Column("code", sa.String(8), nullable=False, server_default="x"))',
    ),
    (
        'op.alter_column("orders", "code", nullable=False)',
        "MIG-02",
        'op.alter_column("orders", "code", nullable=True)',
    ),
    (
        'op.create_index("orders_code_idx", "orders", ["code"])',
        "MIG-03",
        'with op.get_context().autocommit_block():\n        op.create_index("orders_code_idx", "orders", ["code"], postgresql_concurrently=True)',
    ),
    (
        'op.drop_index("orders_code_idx", table_name="orders")',
        "MIG-03",
        'with op.get_context().autocommit_block():\n        op.drop_index("orders_code_idx", table_name="orders", postgresql_concurrently=True)',
    ),
    (
        'op.alter_column("orders", "total", type_=sa.Numeric(12, 2))',
        "MIG-04",
        'op.alter_column("orders", "total", comment="gross")',
    ),
    (
        'op.alter_column("orders", "total", new_column_name="amount")',
        "MIG-05",
        'op.alter_column("orders", "total", server_default="0")',
    ),
    (
        'op.create_foreign_key("fk_user", "orders", "users", ["user_id"], ["id"])',
        "MIG-06",
        'op.create_foreign_key("fk_user", "orders", "users", ["user_id"], ["id"], postgresql_not_valid=True)',
    ),
    (
        'op.create_unique_constraint("uq_code", "orders", ["code"])',
        "MIG-07",
        'with op.get_context().autocommit_block():\n        op.create_index("uq_code", "orders", ["code"], unique=True, postgresql_concurrently=True)',
    ),
    (
        'op.add_column("orders", sa.Column("tok", sa.Uuid(), server_default=sa.text("gen_random_uuid()")))',
        "MIG-08",
        'op.add_column("orders", sa.Column("tok", sa.Uuid(), server_default=sa.text("now()")))',
    ),
    (
        'op.execute("CREATE INDEX orders_x_idx ON orders (x)")',
        "MIG-03",
        'with op.get_context().autocommit_block():\n        op.execute("CREATE INDEX CONCURRENTLY orders_x_idx ON orders (x)")',
    ),
]


@pytest.mark.parametrize(("flagged", "item", "clean"), CASES)
def test_flagged_and_near_miss(flagged: str, item: str, clean: str) -> None:
    assert (FIRST_OP, item) in rules(PATH, revision(flagged))
    assert rules(PATH, revision(clean)) == set()


@pytest.mark.parametrize(
    "upgrade",
    [
        'op.create_index("orders_code_idx", "orders", ["code"], postgresql_concurrently=True)',
        'op.execute("CREATE INDEX CONCURRENTLY orders_x_idx ON orders (x)")',
    ],
)
def test_concurrent_index_outside_autocommit_block_fails_in_the_revision_transaction(upgrade: str) -> None:
    assert (FIRST_OP, "MIG-12") in rules(PATH, revision(upgrade))
    assert rules(PATH, revision(f"with op.get_context().autocommit_block():\n        {upgrade}")) == set()
    # the env or the file leaves the transaction itself: nothing to say
    committed = revision(f'op.execute("COMMIT")\n    {upgrade}')
    assert all(item != "MIG-12" for _, item in rules(PATH, committed))


def test_downgrade_is_not_checked_for_drops() -> None:
    text = revision(
        'op.add_column("orders", sa.Column("note", sa.Text()))', 'op.drop_column("orders", "note")'
    )
    assert rules(PATH, text) == set()


def test_empty_or_missing_downgrade() -> None:
    upgrade = 'op.add_column("orders", sa.Column("note", sa.Text()))'
    assert rules(PATH, revision(upgrade, "pass")) == {(FIRST_OP + 3, "MIG-09")}
    missing = f"{HEADER}def upgrade():\n    {upgrade}\n"
    assert rules(PATH, missing) == {(8, "MIG-09")}


def test_index_on_a_table_created_in_the_same_upgrade_is_fine() -> None:
    text = revision(
        'op.create_table("carts", sa.Column("id", sa.Integer(), primary_key=True))\n'
        '    op.create_index("carts_id_idx", "carts", ["id"])\n'
        '    op.create_unique_constraint("uq_carts", "carts", ["id"])',
        'op.drop_table("carts")',
    )
    assert rules(PATH, text) == set()


def test_not_null_is_reported_on_the_argument_line() -> None:
    text = revision(
        'op.add_column(\n        "orders",\n        sa.Column("code", sa.Text(), nullable=False),\n    )'
    )
    assert rules(PATH, text) == {(FIRST_OP + 2, "MIG-02")}


def test_a_constraint_after_a_not_null_column_without_default_is_not_a_validation_scan() -> None:
    text = revision(
        'op.add_column("orders", sa.Column("region", sa.String(2), nullable=False))\n'
        '    op.create_check_constraint("ck_region", "orders", "region <> \'\'")'
    )
    assert rules(PATH, text) == {(FIRST_OP, "MIG-02")}


@pytest.mark.parametrize("column", [
    'sa.Column("region", sa.String(2), nullable=False, server_default="eu")',
    'sa.Column("region", sa.String(2), nullable=True)',
])
def test_a_constraint_after_a_column_existing_rows_can_hold_still_validates(column: str) -> None:
    text = revision(
        f'op.add_column("orders", {column})\n'
        '    op.create_check_constraint("ck_region", "orders", "region <> \'\'")'
    )
    assert (FIRST_OP + 1, "MIG-06") in rules(PATH, text)


def test_a_constraint_on_another_table_still_validates() -> None:
    text = revision(
        'op.add_column("orders", sa.Column("region", sa.String(2), nullable=False))\n'
        '    op.create_check_constraint("ck_total", "invoices", "total >= 0")'
    )
    assert rules(PATH, text) == {(FIRST_OP, "MIG-02"), (FIRST_OP + 1, "MIG-06")}
