// clean: GO-TEMPLATE-INJECTION
package pages

import (
	"embed"
	"html/template"
	"net/http"
)

//go:embed templates/*.html
var files embed.FS

var tmpl = template.Must(template.ParseFS(files, "templates/*.html"))

func Search(w http.ResponseWriter, r *http.Request) {
	data := struct{ Query string }{Query: r.URL.Query().Get("q")}
	if err := tmpl.ExecuteTemplate(w, "search.html", data); err != nil {
		http.Error(w, "render failed", http.StatusInternalServerError)
	}
}
