package wire

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
)

// defaultSignatureScheme is used when a connection file or a NewSigner
// call leaves the scheme empty.
const defaultSignatureScheme = "hmac-sha256"

// schemes maps signature_scheme values to hash constructors. The names
// after "hmac-" follow Python's hashlib attribute names, which is how
// jupyter_client interprets the field.
var schemes = map[string]func() hash.Hash{
	"hmac-md5":      md5.New,
	"hmac-sha1":     sha1.New,
	"hmac-sha224":   sha256.New224,
	"hmac-sha256":   sha256.New,
	"hmac-sha384":   sha512.New384,
	"hmac-sha512":   sha512.New,
	"hmac-sha3_224": func() hash.Hash { return sha3.New224() },
	"hmac-sha3_256": func() hash.Hash { return sha3.New256() },
	"hmac-sha3_384": func() hash.Hash { return sha3.New384() },
	"hmac-sha3_512": func() hash.Hash { return sha3.New512() },
}

// Signer signs and verifies messages with a connection file's
// signature_scheme and key. An empty key means messages are unsigned: Sign
// returns "" and Verify accepts any signature. A nil *Signer behaves like
// one with an empty key. A Signer is immutable and safe for concurrent use.
type Signer struct {
	newHash func() hash.Hash
	key     []byte
}

// NewSigner returns a Signer for scheme and key. Supported schemes are
// hmac-sha256 (the Jupyter default, also used when scheme is ""),
// hmac-sha1, hmac-sha224, hmac-sha384, hmac-sha512, hmac-md5 and
// hmac-sha3_224/256/384/512. Scheme names are case-sensitive, as in
// jupyter_client. Any other scheme is an error, even with an empty key.
// The key is copied.
func NewSigner(scheme string, key []byte) (*Signer, error) {
	if scheme == "" {
		scheme = defaultSignatureScheme
	}
	h, ok := schemes[scheme]
	if !ok {
		return nil, fmt.Errorf("wire: unsupported signature scheme %q", scheme)
	}
	return &Signer{newHash: h, key: append([]byte(nil), key...)}, nil
}

func (s *Signer) unsigned() bool { return s == nil || len(s.key) == 0 }

// mac returns the lowercase hex HMAC of the concatenated parts.
func (s *Signer) mac(header, parent, metadata, content []byte) []byte {
	m := hmac.New(s.newHash, s.key)
	m.Write(header)
	m.Write(parent)
	m.Write(metadata)
	m.Write(content)
	sum := m.Sum(nil)
	out := make([]byte, hex.EncodedLen(len(sum)))
	hex.Encode(out, sum)
	return out
}

// Sign returns the lowercase hex HMAC of header, parent, metadata and
// content concatenated in that order, or "" when the key is empty.
func (s *Signer) Sign(header, parent, metadata, content []byte) string {
	if s.unsigned() {
		return ""
	}
	return string(s.mac(header, parent, metadata, content))
}

// Verify reports whether sig is the signature of the parts. The comparison
// is constant time. With an empty key every signature is accepted. With a
// key, the signature must be exactly the lowercase hex digest (as
// jupyter_client produces); an empty signature is rejected.
func (s *Signer) Verify(sig []byte, header, parent, metadata, content []byte) bool {
	if s.unsigned() {
		return true
	}
	return hmac.Equal(sig, s.mac(header, parent, metadata, content))
}
