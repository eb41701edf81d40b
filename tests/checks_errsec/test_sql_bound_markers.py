"""JS-SQL-STRING and GO-SQL-STRING: text that only looks spliced. A tagged template binds its fields, also
with type arguments (`$queryRaw<Row[]>`...``) and with a template nested in a field; a helper named for bind
placeholders gives `?, ?` marks; knex's `ref()` quotes an identifier. The same shapes with a plain value
spliced in stay reported."""

from __future__ import annotations

from .helpers import findings_of

JS_BOUND = '''export class SearchService {
  constructor(private prisma: PrismaService, private knex: Knex) {}

  async roleExists(role: string): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<
      { count: bigint }[]
    >`SELECT count(*) FROM pg_roles WHERE rolname=${role}`;
    return Boolean(rows[0].count);
  }

  async search(term: string, teamId: string, take: number) {
    const query = Prisma.sql`
      SELECT id FROM "Collection"
      WHERE "teamId" = ${teamId}
      AND
        title ILIKE ${`%${escapeLike(term)}%`}
      ORDER BY similarity(title, ${term})
      LIMIT ${take}
    `;
    return this.prisma.$queryRaw(query);
  }

  hasAny(builder: Knex.QueryBuilder, values: string[]) {
    const marks = this.createSqlPlaceholders(values);
    return builder.whereRaw(`?? \\\\?| ARRAY[${marks}]`, [this.column, ...values]);
  }

  joinOn(builder: Knex.QueryBuilder, joinTable: string) {
    builder.joinRaw(`, ${this.knex.ref(joinTable)}`);
  }
}
'''

JS_SPLICED = '''export class SearchService {
  constructor(private prisma: PrismaService, private knex: Knex) {}

  async roleExists(role: string): Promise<boolean> {
    const rows = await this.prisma.$queryRawUnsafe(`SELECT count(*) FROM pg_roles WHERE rolname='${role}'`); // FLAG
    return Boolean(rows[0].count);
  }

  hasAny(builder: Knex.QueryBuilder, values: string[]) {
    const marks = values.join(",");
    return builder.whereRaw(`?? \\\\?| ARRAY[${marks}]`, [this.column]); // FLAG
  }

  joinOn(builder: Knex.QueryBuilder, joinTable: string) {
    builder.joinRaw(`, ${joinTable}`); // FLAG
  }
}
'''

GO_MARKS = '''package dao

func (d *dao) Size(ctx context.Context, excluded []string) (int64, error) {
	o, _ := orm.FromContext(ctx)
	params := []interface{}{}
	var total int64
	err := o.Raw(fmt.Sprintf(`SELECT SUM(size) FROM blob WHERE content_type NOT IN (%s)`, orm.ParamPlaceholderForIn(len(excluded))), params...).QueryRow(&total)
	return total, err
}

func (d *dao) Purge(ctx context.Context, kinds []string) error {
	o, _ := orm.FromContext(ctx)
	_, err := o.Raw(fmt.Sprintf(`DELETE FROM blob WHERE content_type IN (%s)`, strings.Join(kinds, ","))).Exec() // FLAG
	return err
}
'''


def _marked(text: str) -> set[int]:
    return {no for no, line in enumerate(text.splitlines(), start=1) if "// FLAG" in line}


def _lines(path: str, text: str, rule: str) -> set[int]:
    return {line for line, found in findings_of(path, text) if found == rule}


def test_js_bound_fields_placeholder_marks_and_refs_are_not_reported() -> None:
    assert _lines("src/search/search.service.ts", JS_BOUND, "JS-SQL-STRING") == set()


def test_js_plain_values_spliced_are_reported() -> None:
    assert _lines("src/search/search.service.ts", JS_SPLICED, "JS-SQL-STRING") == _marked(JS_SPLICED)


def test_go_placeholder_helper_is_not_a_value_but_a_join_is() -> None:
    assert _lines("src/pkg/blob/dao/dao.go", GO_MARKS, "GO-SQL-STRING") == _marked(GO_MARKS)


JS_COMPOSED = '''async function eventCount(websiteId: string, filters: QueryFilters) {
  const { filterQuery, cohortQuery, queryParams } = parseFilters({ ...filters, websiteId });
  const eventQuery = `
    select event_id from website_event
    ${cohortQuery}
    where website_id = {{websiteId::uuid}} ${filterQuery}
  `;
  return rawQuery(`select count(*) as num from (${eventQuery}) t`, queryParams);
}

async function stats(websiteId: string, unit: string, timezone: string) {
  return rawQuery(`select ${getDateSQL('created_at', unit, timezone)} t, count(*) y from website_event`, {});
}
'''

JS_CALLER_TEXT = '''async function eventCount(req: Request) {
  const cohortQuery = req.query.cohort;
  return rawQuery(`select count(*) as num from website_event ${cohortQuery}`, {}); // FLAG
}

async function byName(name: string) {
  const whereClause = `name = '${name}'`;
  return rawQuery(`select * from users where ${whereClause}`, {}); // FLAG
}
'''


def test_js_sql_fragments_composed_by_helpers_are_not_values() -> None:
    assert _lines("src/queries/sql/events.ts", JS_COMPOSED, "JS-SQL-STRING") == set()


def test_js_fragment_names_given_caller_text_are_reported() -> None:
    assert _marked(JS_CALLER_TEXT) <= _lines("src/queries/sql/events.ts", JS_CALLER_TEXT, "JS-SQL-STRING")


GO_FIXED_ARGUMENTS = '''package dao

func (d *dao) ListByKind(ctx context.Context, kind string, byType bool) ([]*Artifact, error) {
	o, _ := orm.FromContext(ctx)
	sql := `SELECT * FROM artifact WHERE %s = ?`
	if byType {
		sql = fmt.Sprintf(sql, "artifact_type")
	} else {
		sql = fmt.Sprintf(sql, "media_type")
	}
	var arts []*Artifact
	_, err := o.Raw(sql, kind).QueryRows(&arts)
	return arts, err
}

func (d *dao) ResetDefault(ctx context.Context, instance *Instance) error {
	o, _ := orm.FromContext(ctx)
	_, err := o.Raw(fmt.Sprintf("UPDATE %s SET is_default = false WHERE id != ?", instance.TableName()), instance.ID).Exec()
	return err
}

func (d *dao) ListBy(ctx context.Context, column string) error {
	o, _ := orm.FromContext(ctx)
	_, err := o.Raw(fmt.Sprintf("SELECT * FROM artifact ORDER BY %s", column)).Exec() // FLAG
	return err
}
'''


def test_go_literal_and_table_name_format_arguments_are_fixed_but_a_parameter_is_not() -> None:
    assert _lines("src/pkg/artifact/dao/dao.go", GO_FIXED_ARGUMENTS, "GO-SQL-STRING") == _marked(GO_FIXED_ARGUMENTS)


JS_TYPED_TAG = '''export async function salesByPeriod(db: Kysely<Schema>, shopId: string, period: string) {
  const out = await sql<{ period: Date; total_cents: string }>`
    SELECT date_trunc(${period}, paid_at) AS period, sum(total_cents) AS total_cents
      FROM orders
     WHERE shop_id = ${shopId}
     GROUP BY 1`.execute(db);
  return out.rows;
}
'''

JS_TYPED_UNTAGGED = '''export async function salesByPeriod(db: Kysely<Schema>, shopId: string, period: string) {
  const out = await sql.raw<{ period: Date; total_cents: string }>(`SELECT sum(total_cents) FROM orders WHERE shop_id = '${shopId}'`).execute(db); // FLAG
  return out.rows;
}
'''


def test_js_tag_with_an_object_type_argument_binds_its_fields() -> None:
    assert _lines("src/reports/sales.ts", JS_TYPED_TAG, "JS-SQL-STRING") == set()


def test_js_type_argument_before_a_call_is_no_tag() -> None:
    assert _lines("src/reports/sales.ts", JS_TYPED_UNTAGGED, "JS-SQL-STRING") == _marked(JS_TYPED_UNTAGGED)
