// Fixture for persona-review Go checks. `// expect: ID` marks the line a finding must land on.
package service

import (
	"crypto/md5"
	"crypto/sha256"
	"crypto/tls"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/crypto/ssh"
)

func discard(path string) {
	_ = os.Remove(path)                  // expect: GO-ERR-DISCARDED
	n, _ := strconv.Atoi(path)           // expect: GO-ERR-DISCARDED
	v, ok := cache.Load(path)
	s, _ := value.(string)
	fmt.Println(n, v, ok, s)
}

func unchecked(f *os.File, tx *sql.Tx) {
	os.Remove("/tmp/lock") // expect: GO-ERR-UNCHECKED
	tx.Commit()            // expect: GO-ERR-UNCHECKED
	defer f.Close()
	if err := tx.Commit(); err != nil {
		return
	}
}

func overwritten(db *sql.DB) error {
	_, err := db.Exec("DELETE FROM sessions WHERE expired") // expect: GO-ERR-OVERWRITTEN
	_, err = db.Exec("VACUUM")
	if err != nil {
		return err
	}
	_, err = db.Exec("ANALYZE")
	if err != nil {
		return err
	}
	return nil
}

func clients() {
	plain := &http.Client{} // expect: GO-HTTP-NO-TIMEOUT
	bounded := &http.Client{Timeout: 10 * time.Second}
	srv := &http.Server{Addr: ":8080"} // expect: GO-HTTP-NO-TIMEOUT
	good := &http.Server{
		Addr:              ":8080",
		ReadHeaderTimeout: 5 * time.Second,
	}
	http.ListenAndServe(":8080", nil) // expect: GO-HTTP-NO-TIMEOUT, GO-ERR-UNCHECKED
	fmt.Println(plain, bounded, srv, good)
}

func lookup(db *sql.DB, email string, id int) {
	q := fmt.Sprintf("SELECT * FROM users WHERE email = '%s'", email) // expect: GO-SQL-STRING
	rows, err := db.Query(q)                                          // expect: GO-ROWS-UNCLOSED
	fmt.Println(rows, err)
	byID := fmt.Sprintf("SELECT * FROM users WHERE id = %d", id)
	rows, err = db.Query(byID) // expect: GO-ROWS-UNCLOSED
	fmt.Println(rows, err)
	rows, err = db.Query("SELECT * FROM users WHERE email = $1", email) // expect: GO-ROWS-UNCLOSED
	fmt.Println(rows, err)
}

func run(script string) {
	exec.Command("sh", "-c", script).Run()   // expect: GO-SHELL-INJECTION, GO-ERR-UNCHECKED
	exec.Command("git", "log", script).Run() // expect: GO-ERR-UNCHECKED
}

func insecure() {
	cfg := &tls.Config{InsecureSkipVerify: true} // expect: GO-TLS-VERIFY-OFF
	strict := &tls.Config{MinVersion: tls.VersionTLS12}
	hostKey := ssh.InsecureIgnoreHostKey() // expect: GO-TLS-VERIFY-OFF
	sum := md5.Sum([]byte("x"))            // expect: GO-WEAK-CRYPTO
	good := sha256.Sum256([]byte("x"))
	fmt.Println(cfg, strict, hostKey, sum, good)
}

func tokens(raw string) {
	tok, _, err := new(jwt.Parser).ParseUnverified(raw, jwt.MapClaims{}) // expect: GO-JWT-UNVERIFIED
	if err != nil {
		return
	}
	signed, err := tok.SignedString([]byte("super-secret-signing-key"))  // expect: ANY-HARDCODED-SIGNING-KEY
	fmt.Println(signed, err)
}

const dbPassword = "Tr0ub4dor&3" // expect: ANY-HARDCODED-PASSWORD
const passwordEnvVar = "DB_PASSWORD"

func publish(msg []byte) error {
	var err error
	for attempt := 0; attempt < maxRetries; attempt++ { // expect: ANY-RETRY-NO-BACKOFF
		if err = queue.Send(msg); err == nil {
			return nil
		}
		log.Printf("send failed: %v", err)
	}
	return err
}

func publishPatiently(msg []byte) error {
	var err error
	for attempt := 0; attempt < maxRetries; attempt++ {
		if err = queue.Send(msg); err == nil {
			return nil
		}
		time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond)
	}
	return err
}

func flush() error { return nil }

func count() int { return 1 }

func useDeclared() {
	flush() // expect: GO-ERR-UNCHECKED
	_ = count()
	count()
}

func moreTLS(conf *tls.Config, password string) bool {
	conf.InsecureSkipVerify = true                           // expect: GO-TLS-VERIFY-OFF
	conf.CipherSuites = []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256} // expect: GO-TLS-VERIFY-OFF
	conf.CipherSuites = []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}
	dsn := "postgres://app:Xk9v2LmQ7rT@db.internal:5432/app" // expect: ANY-HARDCODED-PASSWORD
	local := "postgres://app@db.internal:5432/app"
	fmt.Println(dsn, local)
	return "Zq8!mR2#vLp" == password // expect: ANY-HARDCODED-PASSWORD
}

func inLists(db *sql.DB, ids []int, name string, rawLimit string) {
	rows, err := db.Query("SELECT name FROM users ORDER BY id LIMIT " + strconv.Itoa(len(ids))) // expect: GO-ROWS-UNCLOSED
	fmt.Println(rows, err)
	var filter strings.Builder
	filter.WriteString(name)
	where := filter.String()
	rows, err = db.Query("SELECT id FROM users WHERE " + where) // expect: GO-SQL-STRING, GO-ROWS-UNCLOSED
	fmt.Println(rows, err)
	raw := rawLimit
	rows, err = db.Query("SELECT name FROM users ORDER BY id LIMIT " + raw) // expect: GO-SQL-STRING, GO-ROWS-UNCLOSED
	fmt.Println(rows, err)
}

func answer(w http.ResponseWriter, c *gin.Context, err error) {
	http.Error(w, err.Error(), http.StatusInternalServerError) // expect: GO-ERROR-LEAK
	http.Error(w, err.Error(), http.StatusBadRequest)
	http.Error(w, http.StatusText(500), 500)
	c.JSON(500, gin.H{"error": err.Error()}) // expect: GO-ERROR-LEAK
	c.JSON(500, gin.H{"error": "internal error"})
	resp, _ := http.Get("https://status.internal/ping") // expect: GO-ERR-DISCARDED, GO-HTTP-NO-TIMEOUT, GO-HTTP-BODY-UNCLOSED
	value, _ := cache.Get("ping")
	fmt.Println(resp, value)
}

type store struct{ cache *memCache }

func (s *store) Delete(id string) error { return nil }

func (s *store) forget(id string) {
	s.Delete(id) // expect: GO-ERR-UNCHECKED
	s.cache.Delete(id)
}

func refreshCookie(r *http.Request) string {
	refresh, _ := r.Cookie("refresh")
	if refresh == nil {
		return ""
	}
	size, _ := strconv.Atoi(r.FormValue("size")) // expect: GO-ERR-DISCARDED
	return refresh.Value + strconv.Itoa(size)
}
