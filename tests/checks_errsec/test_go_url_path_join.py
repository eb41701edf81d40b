"""GO-PATH-TRAVERSAL: `path.Join` (the slash-path package) over the request's own URL path builds a link
(a Location header), no file; a join of a query value returned as a file path is still reported."""

from __future__ import annotations

from .helpers import findings_of

SOURCE = """package handler

func (p *purgeAPI) CreateSchedule(ctx context.Context, params CreateParams) middleware.Responder {
	id, err := p.kick(ctx)
	if err != nil {
		return p.SendError(ctx, err)
	}
	location := path.Join(params.HTTPRequest.URL.Path, fmt.Sprintf("../%d", id))
	return NewCreated().WithLocation(location)
}

func exportPath(r *http.Request) string {
	name := r.URL.Query().Get("name")
	target := path.Join("/srv/exports", name) // FLAG
	return target
}
"""


def test_a_url_path_join_is_a_link_and_a_query_value_join_is_a_file_path() -> None:
    lines = {line for line, rule in findings_of("server/handler/purge.go", SOURCE) if rule == "GO-PATH-TRAVERSAL"}
    assert lines == {no for no, text in enumerate(SOURCE.splitlines(), start=1) if "// FLAG" in text}
