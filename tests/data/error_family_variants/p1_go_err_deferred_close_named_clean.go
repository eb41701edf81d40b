// clean: GO-ERR-UNCHECKED
package svc

import (
	"encoding/json"
	"errors"
	"os"
)

func WriteSnapshot(path string, v any) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		err = errors.Join(err, f.Close())
	}()
	return json.NewEncoder(f).Encode(v)
}
