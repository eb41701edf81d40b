// Fixture for the Go checks on the data flow. `// expect: ID` marks the line a finding must land on.
package handlers

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math/rand"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/mux"
)

const reportDir = "/srv/reports"

var allowedHosts = map[string]bool{"api.partner.example": true}

func archive(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	out, err := exec.Command("sh", "-c", "tar czf /tmp/out.tgz "+name).Output() // expect: GO-SHELL-INJECTION
	listing := "ls -la " + reportDir
	files, err2 := exec.Command("sh", "-c", listing).Output()
	tool := r.FormValue("tool")
	err3 := exec.Command(tool, "--version").Run() // expect: GO-SHELL-INJECTION
	count, convErr := strconv.Atoi(r.FormValue("n"))
	err4 := exec.Command("sh", "-c", "seq "+strconv.Itoa(count)).Run()
	fmt.Println(out, err, files, err2, err3, convErr, err4)
}

func download(w http.ResponseWriter, r *http.Request) {
	file := mux.Vars(r)["file"]
	data, err := os.ReadFile(filepath.Join(reportDir, file)) // expect: GO-PATH-TRAVERSAL
	fmt.Println(data, err)
	safe, err := os.ReadFile(filepath.Join(reportDir, filepath.Base(file)))
	fmt.Println(safe, err)
	cleaned := filepath.Clean(filepath.Join(reportDir, file))
	if !strings.HasPrefix(cleaned, reportDir+"/") {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	http.ServeFile(w, r, cleaned)
	http.ServeFile(w, r, r.URL.Path) // expect: GO-PATH-TRAVERSAL
}

func proxy(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	resp, err := http.Get(target) // expect: GO-SSRF, GO-HTTP-NO-TIMEOUT, GO-HTTP-BODY-UNCLOSED
	fmt.Println(resp, err)
	id := r.URL.Query().Get("id")
	item, err := http.Get("https://api.partner.example/items/" + id) // expect: GO-HTTP-NO-TIMEOUT, GO-HTTP-BODY-UNCLOSED
	fmt.Println(item, err)
	next := r.FormValue("next")
	http.Redirect(w, r, next, http.StatusFound) // expect: GO-OPEN-REDIRECT
	http.Redirect(w, r, "/orders/"+id, http.StatusFound)
}

func search(w http.ResponseWriter, r *http.Request, db Querier) {
	term := r.URL.Query().Get("q")
	rows, err := db.Query("SELECT id FROM items WHERE name = '" + term + "'") // expect: GO-SQL-STRING, GO-ROWS-UNCLOSED
	fmt.Println(rows, err)
	table := "items"
	rows, err = db.Query(fmt.Sprintf("SELECT id FROM %s WHERE archived = false", table)) // expect: GO-ROWS-UNCLOSED
	fmt.Println(rows, err)
	fmt.Fprint(w, template.HTML("<b>"+term+"</b>")) // expect: GO-TEMPLATE-INJECTION
	fmt.Fprint(w, template.HTML("<b>static</b>"))
}

func cors(w http.ResponseWriter, r *http.Request) {
	origin := r.Header.Get("Origin")
	w.Header().Set("Access-Control-Allow-Origin", origin) // expect: GO-CORS-REFLECTED-ORIGIN
	w.Header().Set("Access-Control-Allow-Credentials", "true")
}

func corsChecked(w http.ResponseWriter, r *http.Request) {
	origin := r.Header.Get("Origin")
	if !isAllowedOrigin(origin) {
		return
	}
	w.Header().Set("Access-Control-Allow-Origin", origin)
	w.Header().Set("Access-Control-Allow-Credentials", "true")
}

func newSessionToken() string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = byte(rand.Intn(256)) // expect: GO-INSECURE-RANDOM
	}
	return fmt.Sprintf("%x", b)
}

func login(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: "session", Value: newSessionToken()}) // expect: GO-COOKIE-INSECURE
	http.SetCookie(w, &http.Cookie{Name: "session", Value: "x", Secure: true, HttpOnly: true})
}

func ginFile(c *gin.Context) {
	c.File(filepath.Join(reportDir, c.Param("name"))) // expect: GO-PATH-TRAVERSAL
	c.Redirect(http.StatusFound, c.Query("return_to")) // expect: GO-OPEN-REDIRECT
	var body struct{ Host string }
	if err := c.ShouldBindJSON(&body); err != nil {
		return
	}
	if !allowedHosts[body.Host] {
		return
	}
	fmt.Println(json.Valid(nil))
}
