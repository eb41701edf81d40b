"""JS-SQL-STRING reads a query builder's condition (TypeORM/MikroORM `.where`, `.andWhere`, `.orWhere`,
`.having`): a template field in a value's place of the SQL text is reported, one in a name's place, a bound
`:param`, a tagged `sql` template and a constant are not."""

from __future__ import annotations

import pytest

from .helpers import findings_of

RULE = "JS-SQL-STRING"


def _flagged(condition: str) -> bool:
    text = (
        "export async function search(repo: Repository<Order>, alias: string, term: string, ids: string[]) {\n"
        f'  return repo.createQueryBuilder("o").{condition}.getMany();\n'
        "}\n"
    )
    return any(rule == RULE for _line, rule in findings_of("src/orders/orders.repository.ts", text))


@pytest.mark.parametrize(
    "condition",
    [
        "where(`o.reference ILIKE '%${term}%'`)",
        "andWhere(`o.customerId = ${term}`)",
        "orWhere(`o.id IN (${ids.join(',')})`)",
        "having(`SUM(o.total) > ${term}`)",
        "where(`o.note = '` + term + `'`).andWhere(`o.code LIKE '${term.trim()}'`)",
    ],
)
def test_a_value_spliced_into_the_condition_is_reported(condition: str) -> None:
    assert _flagged(condition)


@pytest.mark.parametrize(
    "condition",
    [
        "where(`${alias}.deletedAt IS NULL`)",
        "where(`${alias}.reference ILIKE :term`, { term: `%${term}%` })",
        "where(`\"${alias}\".\"id\" = :id`, { id: term })",
        "where(`o.total > ${Number(term)}`)",
        "where(`o.state = '${OrderState.Open}'`)",
        "where(sql`${orders.reference} = ${term}`)",
        "where('o.reference = :term', { term })",
    ],
)
def test_names_bound_parameters_and_constants_are_quiet(condition: str) -> None:
    assert not _flagged(condition)
