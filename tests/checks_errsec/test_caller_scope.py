"""GO-LOOKUP-NOT-CALLER-SCOPED: a handler that loads a record by its URL id without the caller's identity,
where a handler of the same collection reads who is calling; quiet when it reads the caller, mentions a
tenant or an owner, serves another collection, or when no sibling scopes by the caller."""

from __future__ import annotations

from .helpers import findings_of

RULE = "GO-LOOKUP-NOT-CALLER-SCOPED"

_HANDLERS = """package api

func (h *Reports) Routes(r chi.Router) {
\tr.Get("/reports", h.list)
\tr.Get("/reports/{reportID}/csv", h.csv)
\tr.Get("/status/{jobID}", h.status)
}

func (h *Reports) list(w http.ResponseWriter, r *http.Request) {
\tcaller := identity.FromContext(r.Context())
\tout, err := h.store.ListForWorkspace(r.Context(), caller.WorkspaceID)
\tif err != nil {
\t\thttp.Error(w, "failed", http.StatusInternalServerError)
\t\treturn
\t}
\twriteJSON(w, out)
}

func (h *Reports) csv(w http.ResponseWriter, r *http.Request) {
\tid := chi.URLParam(r, "reportID")
\trep, err := h.store.Load(r.Context(), id)
\tif err != nil {
\t\thttp.Error(w, "failed", http.StatusInternalServerError)
\t\treturn
\t}
\twriteCSV(w, rep)
}

func (h *Reports) status(w http.ResponseWriter, r *http.Request) {
\tjob, err := h.jobs.Get(r.Context(), chi.URLParam(r, "jobID"))
\tif err != nil {
\t\thttp.Error(w, "failed", http.StatusInternalServerError)
\t\treturn
\t}
\twriteJSON(w, job)
}
"""


def _lines(text: str) -> list[int]:
    return sorted(line for line, rule in findings_of("internal/api/reports.go", text) if rule == RULE)


def test_a_lookup_by_the_url_id_that_its_collection_siblings_scope_by_the_caller_is_reported() -> None:
    # The csv handler of /reports loads by id alone; /status is another collection, nobody scopes it.
    assert _lines(_HANDLERS) == [21]


def test_reading_the_caller_or_naming_an_owner_is_quiet() -> None:
    reads = _HANDLERS.replace("\tid := chi.URLParam(r, \"reportID\")\n",
                              "\tcaller := identity.FromContext(r.Context())\n\tid := chi.URLParam(r, \"reportID\")\n")
    assert _lines(reads) == []
    owner = _HANDLERS.replace("h.store.Load(r.Context(), id)", "h.store.LoadOwned(r.Context(), ownerOf(r), id)")
    assert _lines(owner) == []


def test_without_a_sibling_that_reads_the_caller_nothing_is_said() -> None:
    unscoped = _HANDLERS.replace("\tcaller := identity.FromContext(r.Context())\n", "\tcaller := defaults()\n")
    assert _lines(unscoped) == []
