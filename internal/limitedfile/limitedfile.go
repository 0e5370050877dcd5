// Package limitedfile reads files a user names, within a size limit.
package limitedfile

import (
	"fmt"
	"io"
	"os"
)

// Read reads a regular file of at most limit bytes. A device (/dev/zero), a
// named pipe or a folder is refused before it is opened, so that reading
// never hangs or runs without end, and a larger file before it is read.
func Read(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s is %d bytes; at most %d are read", path, fi.Size(), limit)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(src)) > limit {
		err = fmt.Errorf("%s grew beyond %d bytes while it was read", path, limit)
	}
	return src, err
}
