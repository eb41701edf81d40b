package main

import (
	"errors"
	"log"
	"os"

	"github.com/golang-migrate/migrate/v4"
)

func main() {
	m, err := migrate.New(os.Getenv("MIGRATIONS"), os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatalf("migrate: %v", err)
	}
	err = m.Up()
	switch {
	case errors.Is(err, migrate.ErrNoChange):
		log.Print("migrate: already up to date")
	case err != nil:
		log.Printf("migrate: FAILED: %v", err) // expect: GO-MAIN-ERR-EXIT-ZERO
		return
	}
	if _, _, err := m.Version(); err != nil {
		log.Printf("version: %v", err)
		os.Exit(1)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := m.Steps(1); err != nil {
			log.Printf("step: %v", err)
			return
		}
	}()
	<-done
}
