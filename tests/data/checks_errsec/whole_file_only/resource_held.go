package store

import (
	"context"
	"os"
)

func (s *Store) WithLock(ctx context.Context, key int64, fn func(context.Context) error) error {
	conn, err := s.pool.Acquire(ctx) // expect: GO-RESOURCE-HELD-ON-RETURN
	if err != nil {
		return err
	}
	got, err := tryLock(ctx, conn, key)
	if err != nil {
		conn.Release()
		return err
	}
	if !got {
		return ErrLocked
	}
	defer conn.Release()
	return fn(ctx)
}

func (s *Store) Count(ctx context.Context) (int, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if s.readOnly {
		return 0, errReadOnly
	}
	return count(ctx, conn)
}

func readHeader(path string) ([]byte, error) {
	f, err := os.Open(path) // expect: GO-RESOURCE-HELD-ON-RETURN
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() < 8 {
		f.Close()
		return nil, errShort
	}
	defer f.Close()
	return readAll(f)
}

func openLog(path string) (*logFile, error) {
	f, err := os.Create(path) // expect: GO-RESOURCE-HELD-ON-RETURN
	if err != nil {
		return nil, err
	}
	w, err := newFramedWriter(f)
	if err != nil {
		return nil, err
	}
	return &logFile{w: w, f: f}, nil
}

func openLogClosing(path string) (*logFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w, err := newFramedWriter(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &logFile{w: w, f: f}, nil
}
