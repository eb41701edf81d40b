// clean: GO-DEFER-IN-LOOP
package ingest

import (
	"bufio"
	"os"
)

func CountLines(paths []string) (int, error) {
	total := 0
	for _, p := range paths {
		n, err := func() (int, error) {
			f, err := os.Open(p)
			if err != nil {
				return 0, err
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			n := 0
			for sc.Scan() {
				n++
			}
			return n, sc.Err()
		}()
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}
