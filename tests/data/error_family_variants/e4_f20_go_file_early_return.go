// want: GO-RESOURCE-HELD-ON-RETURN
package importer

import (
	"encoding/csv"
	"errors"
	"os"
)

func ReadHeader(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, err
	}
	if len(header) == 0 {
		return nil, errors.New("empty header")
	}
	f.Close()
	return header, nil
}
