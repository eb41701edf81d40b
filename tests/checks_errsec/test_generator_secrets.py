"""Secrets drawn from a predictable generator object, and the alphabets secrets are drawn from, in code
written for these tests: `rng := rand.New(...)` then `rng.Intn(...)` is as predictable as `rand.Intn`,
and a character set is not a credential."""

from __future__ import annotations

from .helpers import findings_of

_GO = """\
package enroll

import (
	"crypto/rand"
	"math/big"
	mrand "math/rand"
	"time"
)

const secretAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"

func newDeviceSecret() string {
	rng := mrand.New(mrand.NewSource(time.Now().UnixNano()))
	b := make([]byte, 40)
	for i := range b {
		b[i] = secretAlphabet[rng.Intn(len(secretAlphabet))]
	}
	return string(b)
}

func newPairingSecret() (string, error) {
	b := make([]byte, 40)
	for i := range b {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(secretAlphabet))))
		if err != nil {
			return "", err
		}
		b[i] = secretAlphabet[n.Int64()]
	}
	return string(b), nil
}
"""


def test_a_secret_from_a_seeded_generator_is_reported_where_the_generator_is_made() -> None:
    text = _GO[: _GO.index("func newPairingSecret")].replace('mrand "math/rand"', '"math/rand"').replace(
        "mrand.", "rand.").replace('\t"crypto/rand"\n\t"math/big"\n', "")
    got = findings_of("internal/enroll/secret.go", text)
    assert text.splitlines()[10].lstrip().startswith("rng := rand.New(")
    assert {line for line, rule in got if rule == "GO-INSECURE-RANDOM"} == {11}


def test_a_secret_from_crypto_rand_is_fine_and_its_alphabet_is_no_credential() -> None:
    got = findings_of("internal/enroll/secret.go", _GO.replace(_GO[_GO.index("func newDeviceSecret"):
                                                                   _GO.index("func newPairingSecret")], ""))
    assert {rule for _line, rule in got} & {"GO-INSECURE-RANDOM", "ANY-HARDCODED-PASSWORD"} == set()


def test_a_real_looking_secret_is_still_a_hardcoded_credential() -> None:
    code = 'package enroll\n\nconst pairingSecret = "qX7vR2mT9kLw4ZpB8nYc3HdF6sJa"\n'
    assert (3, "ANY-HARDCODED-PASSWORD") in findings_of("internal/enroll/config.go", code)
