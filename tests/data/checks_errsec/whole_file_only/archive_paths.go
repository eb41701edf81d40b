package importer

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
)

func Unzip(src, dest string) error {
	r, err := zip.OpenReader(src)
	if err != nil {
		return err
	}
	defer r.Close()
	for _, f := range r.File {
		target := filepath.Join(dest, f.Name) // expect: GO-ARCHIVE-TRAVERSAL
		if err := writeEntry(f, target); err != nil {
			return err
		}
	}
	return nil
}

func writeEntry(f *zip.File, target string) error {
	in, err := f.Open()
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(target)
	if err != nil {
		return err
	}
	_, copyErr := io.Copy(out, in)
	closeErr := out.Close()
	if copyErr != nil {
		return copyErr
	}
	return closeErr
}

func UnzipNamed(src, dest string) error {
	r, err := zip.OpenReader(src)
	if err != nil {
		return err
	}
	defer r.Close()
	for _, f := range r.File {
		entry := f.Name
		target := filepath.Join(dest, entry) // expect: GO-ARCHIVE-TRAVERSAL
		if err := writeEntry(f, target); err != nil {
			return err
		}
	}
	return nil
}

func Listing(src string) ([]string, error) {
	r, err := zip.OpenReader(src)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var names []string
	for _, f := range r.File {
		names = append(names, filepath.Join("archive", f.Name))
	}
	return names, nil
}

type User struct{ Name string }

func SaveAvatar(dir string, u User, data []byte) error {
	return os.WriteFile(filepath.Join(dir, u.Name+".png"), data, 0o644)
}
