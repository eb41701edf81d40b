// clean: GO-RESOURCE-HELD-ON-RETURN (the file is closed by defer)
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
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, err
	}
	if len(header) == 0 {
		return nil, errors.New("empty header")
	}
	return header, nil
}
