"""Values that cannot carry SQL text, and SQL that reaches a query call, judged on whole files.

These near-misses depend on a definition a few lines above the query (a placeholder builder, a number parsed
from input), so they live here rather than in the hunk-parity fixtures: a hunk that does not show the
definition cannot know the value is inert and reports it, which errs on the side of the review."""

from __future__ import annotations

from .helpers import findings_for_snippet

_GO_PLACEHOLDERS = """\
package repo

func byIDs(db *sql.DB, ids []any) (*sql.Rows, error) {
	var marks strings.Builder
	for i := range ids {
		if i > 0 {
			marks.WriteString(",")
		}
		marks.WriteString("?")
	}
	inList := marks.String()
	query := "SELECT name FROM accounts WHERE id IN (" + inList + ")"
	return db.Query(query, ids...)
}
"""


def test_go_placeholder_list_from_literals_is_not_sql_injection() -> None:
    assert "GO-SQL-STRING" not in findings_for_snippet("repo.go", _GO_PLACEHOLDERS)


def test_go_builder_fed_a_variable_is_still_sql_injection() -> None:
    tainted = _GO_PLACEHOLDERS.replace('marks.WriteString("?")', "marks.WriteString(ids[i].(string))")
    assert "GO-SQL-STRING" in findings_for_snippet("repo.go", tainted)


def test_go_repeated_placeholder_is_not_sql_injection() -> None:
    code = """\
package repo

func byIDs(db *sql.DB, ids []any) (*sql.Rows, error) {
	marks := strings.Repeat(",?", len(ids))[1:]
	return db.Query("SELECT name FROM accounts WHERE id IN ("+marks+")", ids...)
}
"""
    assert "GO-SQL-STRING" not in findings_for_snippet("repo.go", code)


_GO_PARSED_NUMBER = """\
package repo

func page(db *sql.DB, rawLimit string) {
	limit, err := strconv.Atoi(rawLimit)
	if err != nil {
		return
	}
	rows, err := db.Query("SELECT name FROM accounts ORDER BY id LIMIT " + limit)
	fmt.Println(rows, err)
}
"""


def test_go_number_parsed_from_input_is_not_sql_injection() -> None:
    assert "GO-SQL-STRING" not in findings_for_snippet("repo.go", _GO_PARSED_NUMBER)


def test_go_name_also_given_raw_input_is_still_sql_injection() -> None:
    code = _GO_PARSED_NUMBER.replace("\tif err != nil {", "\tlimit = rawLimit\n\tif err != nil {")
    assert "GO-SQL-STRING" in findings_for_snippet("repo.go", code)


def test_go_parameter_is_never_inert() -> None:
    code = """\
package repo

func page(db *sql.DB, limit string) {
	rows, err := db.Query("SELECT name FROM accounts ORDER BY id LIMIT " + limit)
	fmt.Println(rows, err)
}

func other() {
	limit, _ := strconv.Atoi("10")
	fmt.Println(limit)
}
"""
    assert "GO-SQL-STRING" in findings_for_snippet("repo.go", code)


_GO_DEBUG_ONLY = """\
package repo

func explain(db *sql.DB, table string) {
	preview := fmt.Sprintf("SELECT count(*) FROM %s", table)
	log.Printf("would run: %s", preview)
	fmt.Println(preview)
}
"""


def test_go_sql_text_only_logged_is_not_sql_injection() -> None:
    assert "GO-SQL-STRING" not in findings_for_snippet("repo.go", _GO_DEBUG_ONLY)


def test_go_sql_text_logged_and_run_is_sql_injection() -> None:
    code = _GO_DEBUG_ONLY.replace(
        "\tfmt.Println(preview)\n", "\tfmt.Println(preview)\n\trunQuery(db, preview)\n"
    )
    assert "GO-SQL-STRING" in findings_for_snippet("repo.go", code)


def test_go_sql_text_in_a_fragment_without_its_function_end_is_reported() -> None:
    fragment = _GO_DEBUG_ONLY.rsplit("}", 1)[0]
    assert "GO-SQL-STRING" in findings_for_snippet("repo.go", fragment)


def test_go_typed_var_declaration_is_tracked_to_the_query() -> None:
    code = """\
package repo

func find(db *sql.DB, name string) {
	var query string = "SELECT id FROM accounts WHERE name = '" + name + "'"
	rows, err := db.Query(query)
	fmt.Println(rows, err)
}
"""
    assert "GO-SQL-STRING" in findings_for_snippet("repo.go", code)


def test_go_sql_built_on_a_variable_holding_sql_is_sql_injection() -> None:
    code = """\
package repo

func search(db *sql.DB, name string) {
	base := "SELECT id FROM accounts WHERE active"
	query := fmt.Sprintf(base+" AND name = '%s'", name)
	rows, err := db.Query(query)
	fmt.Println(rows, err)
}
"""
    assert "GO-SQL-STRING" in findings_for_snippet("repo.go", code)


def test_js_text_built_on_a_variable_holding_prose_is_not_sql() -> None:
    code = """\
function notify(user, version) {
  const headline = "update available";
  const note = headline + " for " + user + ": " + version;
  banner.show(note);
}
"""
    assert "JS-SQL-STRING" not in findings_for_snippet("notify.js", code)


_GO_BUILDER = """\
package repo

func byName(db *sql.DB, name string) {
	var sb strings.Builder
	sb.WriteString("SELECT id FROM accounts WHERE name = '")
	sb.WriteString(name)
	sb.WriteString("'")
	rows, err := db.Query(sb.String())
	fmt.Println(rows, err)
}
"""


def test_go_builder_given_sql_then_a_variable_is_sql_injection() -> None:
    assert "GO-SQL-STRING" in findings_for_snippet("repo.go", _GO_BUILDER)


def test_go_builder_whose_text_is_never_run_is_not_reported() -> None:
    code = _GO_BUILDER.replace("db.Query(sb.String())", 'db.Query("SELECT 1")')
    assert "GO-SQL-STRING" not in findings_for_snippet("repo.go", code)


def test_go_builder_of_prose_is_not_sql() -> None:
    code = _GO_BUILDER.replace("SELECT id FROM accounts WHERE name = '", "Hello, ")
    assert "GO-SQL-STRING" not in findings_for_snippet("repo.go", code)


_OWN_WRAPPER = """\
package store

func (s *Store) DropSettings(prefix string) error {
	_, err := s.run("DELETE FROM settings WHERE name = ? OR name LIKE ?", prefix, prefix+".%")
	return err
}
"""
"""A project's own query wrapper (`s.run`, no driver method) handed the whole SQL as one literal with `?`
marks: the concatenation is a value bound to the second mark."""


def test_go_value_built_beside_a_whole_sql_literal_is_bound() -> None:
    assert "GO-SQL-STRING" not in findings_for_snippet("store/settings.go", _OWN_WRAPPER)


def test_go_value_spliced_into_the_wrapper_sql_is_still_reported() -> None:
    spliced = _OWN_WRAPPER.replace('"DELETE FROM settings WHERE name = ? OR name LIKE ?", prefix, prefix+".%"',
                                   """"DELETE FROM settings WHERE name LIKE '" + prefix + "%'\"""")
    assert "GO-SQL-STRING" in findings_for_snippet("store/settings.go", spliced)


def test_go_sql_text_in_another_argument_is_still_reported() -> None:
    extra = _OWN_WRAPPER.replace('prefix, prefix+".%"', 'prefix, "ORDER BY " + prefix')
    assert "GO-SQL-STRING" in findings_for_snippet("store/settings.go", extra)


def test_go_format_call_with_bind_marks_is_still_reported() -> None:
    code = """\
package store

func (s *Store) Find(table, name string) error {
	query := fmt.Sprintf("SELECT id FROM %s WHERE name = ?", table+"_v2")
	_, err := s.run(query, name)
	return err
}
"""
    assert "GO-SQL-STRING" in findings_for_snippet("store/find.go", code)


def test_java_and_js_values_beside_a_whole_sql_literal_are_bound() -> None:
    java = """\
class Settings {
    int drop(String prefix) {
        return dao.run("DELETE FROM settings WHERE name LIKE ?", prefix + "%");
    }
}
"""
    js = """\
async function drop(prefix) {
  return this.run("DELETE FROM settings WHERE name LIKE ?", prefix + "%");
}
"""
    assert "JAVA-SQL-STRING" not in findings_for_snippet("src/main/java/Settings.java", java)
    assert "JS-SQL-STRING" not in findings_for_snippet("src/settings.js", js)
    templated = js.replace('"DELETE FROM settings WHERE name LIKE ?"', "`DELETE FROM ${table} WHERE name LIKE ?`")
    assert "JS-SQL-STRING" in findings_for_snippet("src/settings.js", templated)
