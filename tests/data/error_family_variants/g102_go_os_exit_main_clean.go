// clean: GO-EXIT-IN-HANDLER
package main

import (
	"flag"
	"log"
	"net/http"
	"time"
)

func main() {
	addr := flag.String("addr", ":8080", "listen address")
	flag.Parse()
	cfg, err := loadConfig()
	if err != nil {
		log.Fatalf("config: %v", err)
	}
	srv := &http.Server{Addr: *addr, Handler: newRouter(cfg), ReadHeaderTimeout: 5 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
