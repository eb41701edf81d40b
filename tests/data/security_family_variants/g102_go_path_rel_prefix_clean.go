// clean: GO-PATH-TRAVERSAL
package storage

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

var errOutsideRoot = errors.New("path escapes storage root")

func (l *Local) resolve(key string) (string, error) {
	full := filepath.Join(l.root, filepath.FromSlash(key))
	rel, err := filepath.Rel(l.root, full)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", errOutsideRoot
	}
	return full, nil
}

func (l *Local) Delete(key string) error {
	p, err := l.resolve(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
