package svc

import (
	"log"
	"os"
)

func fetch(client *http.Client, url string) {
	resp, err := client.Get(url) // expect: GO-ERR-LOGGED-CONTINUES
	if err != nil {
		log.Printf("fetch %s: %v", url, err)
	}
	defer resp.Body.Close()
}

func save(path string, data []byte, logger *slog.Logger) {
	f, err := os.Create(path) // expect: GO-ERR-LOGGED-CONTINUES
	if err != nil {
		logger.Error("create failed",
			"path", path, "err", err)
	}
	defer f.Close()
	if _, err := f.Write(data); err != nil {
		logger.Error("write failed", "err", err)
	}
}

func quiet(w io.Writer, buf []byte, s string, logger *logrus.Logger) int {
	n, err := w.Write(buf)
	if err != nil {
		log.Println(err)
	}
	cfg, err := loadConfig()
	if err != nil {
		log.Println(err)
		return n
	}
	u, err := parseURL(s)
	if err != nil {
		log.Println(err)
		u = defaultURL
	}
	v, err := lookup(s)
	if err != nil {
		log.Println(err)
	} else {
		log.Println(v.Name)
	}
	w2, err := lookup(s)
	if err != nil {
		log.Println(err)
	}
	if w2 != nil {
		log.Println(w2.Name)
	}
	db, err := openDatabase(s)
	if err != nil {
		logger.WithError(err).Fatal("cannot open the database")
	}
	size, err := dirSize(s)
	if err != nil {
		log.Println(err)
	}
	total := n + size
	meta, err := readMeta(s)
	if err != nil {
		log.Println(err)
	}
	if err != nil {
		os.Exit(1)
	}
	log.Println(cfg.Name, u.Host, db.Name, meta.Version, total)
	return total
}
