// clean: GO-TIMING-COMPARE
package ledger

import (
	"crypto/sha256"
	"errors"
)

type Entry struct {
	ID       int64
	Payload  []byte
	PrevHash []byte
	Hash     []byte
}

func (e Entry) computeHash() []byte {
	sum := sha256.Sum256(append(append([]byte{}, e.PrevHash...), e.Payload...))
	return sum[:]
}

func VerifyChain(entries []Entry) error {
	for i := 1; i < len(entries); i++ {
		recomputed := entries[i]
		recomputed.Hash = recomputed.computeHash()
		if string(entries[i].Hash) != string(recomputed.Hash) {
			return errors.New("ledger entry hash mismatch")
		}
	}
	return nil
}
