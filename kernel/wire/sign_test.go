package wire

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func mustSigner(t testing.TB, scheme string, key string) *Signer {
	t.Helper()
	s, err := NewSigner(scheme, []byte(key))
	if err != nil {
		t.Fatalf("NewSigner(%q): %v", scheme, err)
	}
	return s
}

// The expected values were produced by an outside tool, e.g.
//
//	printf '%s' '{"a":1}{}{}{}' | openssl dgst -sha256 -hmac secret
func TestSignOpenSSLVectors(t *testing.T) {
	parts := [4]string{`{"msg_type":"x"}`, `{}`, `{"m":true}`, `{"code":"1"}`}
	tests := []struct {
		scheme, key string
		parts       [4]string
		want        string
	}{
		{"hmac-sha256", "secret", [4]string{`{"a":1}`, `{}`, `{}`, `{}`}, "5439160579203ae5952244a353b0f81b6ca58a3fb44727217799b393ee79601c"},
		{"", "secret", [4]string{`{"a":1}`, `{}`, `{}`, `{}`}, "5439160579203ae5952244a353b0f81b6ca58a3fb44727217799b393ee79601c"},
		{"hmac-sha256", "k3y", parts, "8a0480180bdc1a2f3879adceba123338054f03440d3f3e3dd461cac39676cbd8"},
		{"hmac-sha1", "k3y", parts, "b2608d49d29093cfc0cba8a4976606b6b72e7928"},
		{"hmac-sha224", "k3y", parts, "124770a1a1722bbf977c48ecdd6e4d12172eb36c9071500495ebf9e2"},
		{"hmac-sha384", "k3y", parts, "11cac7dff0f1bd9d1630eb6d1f2f687731385921e14d94d33b72a441804419f4cc73e1a1684444bc9f8e51d4ebdfda6b"},
		{"hmac-sha512", "k3y", parts, "1b392267a199ebd5f20859ca0d94286f11f78ecf0ca7809324d963ec9c70689a7b8e885f7691e7a39df8e63e6980936d472f5962114048f8576de49db10749e6"},
		{"hmac-md5", "k3y", parts, "24376d11ee64b4b45e668451c096dad7"},
		{"hmac-sha3_256", "k3y", parts, "41a829e54441c35578be3188fcaa19a1d833d7daa237f7b6cb467ae020589184"},
	}
	for _, tt := range tests {
		t.Run(tt.scheme, func(t *testing.T) {
			s := mustSigner(t, tt.scheme, tt.key)
			p := tt.parts
			got := s.Sign([]byte(p[0]), []byte(p[1]), []byte(p[2]), []byte(p[3]))
			if got != tt.want {
				t.Errorf("Sign = %s, want %s", got, tt.want)
			}
			if !s.Verify([]byte(tt.want), []byte(p[0]), []byte(p[1]), []byte(p[2]), []byte(p[3])) {
				t.Errorf("Verify rejected the openssl signature")
			}
		})
	}
}

func TestSignMatchesHMACOverConcatenation(t *testing.T) {
	key := []byte("0123456789abcdef-key")
	s, err := NewSigner("hmac-sha256", key)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range [][4]string{
		{"", "", "", ""},
		{`{"msg_type":"execute_request"}`, `{}`, `{}`, `{"code":"x := 1"}`},
		{"h", "p", "m", strings.Repeat("c", 10000)},
	} {
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(p[0] + p[1] + p[2] + p[3]))
		want := hex.EncodeToString(mac.Sum(nil))
		if got := s.Sign([]byte(p[0]), []byte(p[1]), []byte(p[2]), []byte(p[3])); got != want {
			t.Errorf("Sign(%q) = %s, want %s", p, got, want)
		}
	}
}

func TestNewSigner(t *testing.T) {
	for _, scheme := range []string{"", "hmac-sha256", "hmac-sha1", "hmac-sha224", "hmac-sha384", "hmac-sha512", "hmac-md5", "hmac-sha3_224", "hmac-sha3_256", "hmac-sha3_384", "hmac-sha3_512"} {
		if _, err := NewSigner(scheme, []byte("k")); err != nil {
			t.Errorf("NewSigner(%q): %v", scheme, err)
		}
	}
	for _, scheme := range []string{"sha256", "HMAC-SHA256", "hmac-sha256 ", "hmac-", "hmac-blake2b", "none"} {
		if _, err := NewSigner(scheme, []byte("k")); err == nil {
			t.Errorf("NewSigner(%q) succeeded, want error", scheme)
		}
		if _, err := NewSigner(scheme, nil); err == nil {
			t.Errorf("NewSigner(%q, nil key) succeeded, want error", scheme)
		}
	}
}

func TestNewSignerCopiesKey(t *testing.T) {
	key := []byte("secret")
	s, _ := NewSigner("hmac-sha256", key)
	key[0] = 'X'
	if got := s.Sign([]byte(`{"a":1}`), []byte(`{}`), []byte(`{}`), []byte(`{}`)); got != "5439160579203ae5952244a353b0f81b6ca58a3fb44727217799b393ee79601c" {
		t.Errorf("Sign after mutating caller's key = %s", got)
	}
}

func TestVerify(t *testing.T) {
	h, p, m, c := []byte(`{"msg_type":"x"}`), []byte(`{}`), []byte(`{}`), []byte(`{}`)
	keyed := mustSigner(t, "hmac-sha256", "secret")
	good := keyed.Sign(h, p, m, c)
	tests := []struct {
		name string
		s    *Signer
		sig  string
		want bool
	}{
		{"correct", keyed, good, true},
		{"wrong", keyed, strings.Repeat("0", len(good)), false},
		{"one char changed", keyed, good[:len(good)-1] + flipHex(good[len(good)-1]), false},
		{"uppercase hex", keyed, strings.ToUpper(good), strings.ToUpper(good) == good},
		{"truncated", keyed, good[:len(good)-2], false},
		{"extended", keyed, good + "00", false},
		{"missing signature with key", keyed, "", false},
		{"other key", mustSigner(t, "hmac-sha256", "other"), good, false},
		{"other scheme", mustSigner(t, "hmac-sha512", "secret"), good, false},
		{"empty key accepts anything", mustSigner(t, "hmac-sha256", ""), "garbage", true},
		{"empty key accepts empty", mustSigner(t, "hmac-sha256", ""), "", true},
		{"nil signer accepts anything", nil, "garbage", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.Verify([]byte(tt.sig), h, p, m, c); got != tt.want {
				t.Errorf("Verify(%q) = %v, want %v", tt.sig, got, tt.want)
			}
		})
	}
}

func TestSignEmptyKey(t *testing.T) {
	var nilSigner *Signer
	for _, s := range []*Signer{nilSigner, mustSigner(t, "hmac-sha256", "")} {
		if got := s.Sign([]byte("h"), nil, nil, nil); got != "" {
			t.Errorf("Sign with empty key = %q, want \"\"", got)
		}
	}
}

func flipHex(c byte) string {
	if c == '0' {
		return "1"
	}
	return "0"
}
