// clean: GO-PANIC-ON-ERROR
package validate

import (
	"embed"
	"html/template"
	"regexp"
)

//go:embed templates/*.html
var templatesFS embed.FS

var (
	slugRe    = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	templates = template.Must(template.ParseFS(templatesFS, "templates/*.html"))
)

func ValidSlug(s string) bool {
	return len(s) <= 64 && slugRe.MatchString(s)
}
