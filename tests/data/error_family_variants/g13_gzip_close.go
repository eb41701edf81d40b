// want: GO-ERR-UNCHECKED
package svc

func compress(dst io.Writer, data []byte) error {
	zw := gzip.NewWriter(dst)
	if _, err := zw.Write(data); err != nil {
		return err
	}
	zw.Close()
	return nil
}
