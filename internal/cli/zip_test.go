package cli

import (
	"archive/zip"
	"io"
	"testing"
)

func sheetXML(t *testing.T, path, member string) []byte {
	t.Helper()
	z, err := zip.OpenReader(path)
	must(t, err)
	defer z.Close()
	for _, f := range z.File {
		if f.Name == member {
			r, err := f.Open()
			must(t, err)
			data, err := io.ReadAll(r)
			must(t, err)
			return data
		}
	}
	t.Fatalf("%s has no %s", path, member)
	return nil
}
