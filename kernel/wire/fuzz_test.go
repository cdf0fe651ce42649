package wire

import (
	"bytes"
	"crypto/hmac"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The FuzzDecode input is a list of frames joined by NUL bytes. JSON text
// cannot contain a raw NUL, so this never splits a JSON part; only binary
// identities and buffers lose the ability to contain NUL, which the
// parser does not look at anyway.
const fuzzKey = "fuzz-key"

var updateCorpus = flag.Bool("update-corpus", false, "rewrite testdata/fuzz/FuzzDecode seed files")

func joinFrames(f [][]byte) []byte { return bytes.Join(f, []byte{0}) }

// seedMessages are realistic messages for the FuzzDecode seed corpus, signed
// with fuzzKey. Keep names stable: they are the corpus file names.
func seedMessages() map[string][][]byte {
	s, _ := NewSigner("hmac-sha256", []byte(fuzzKey))
	return map[string][][]byte{
		"execute_request": frames(s, []string{"6c8b1f2e-5a1d-4c1b-9f0e-2b7d3c4a5e6f"},
			execHeader, `{}`, execMeta, execContent),
		"comm_msg_buffers": frames(s, []string{"6c8b1f2e-5a1d-4c1b-9f0e-2b7d3c4a5e6f"},
			`{"msg_id":"b1","session":"0f1e","username":"alice","date":"2024-05-01T12:00:01.000001Z","msg_type":"comm_msg","version":"5.3"}`,
			`{}`, `{}`,
			`{"comm_id":"9f3c","data":{"method":"update","state":{"value":[]},"buffer_paths":[["value"],["extra","0"]]}}`,
			"\x01\x02\x03\xff\xfe", "binary-buffer-two"),
		"kernel_info_identities": frames(s, []string{"router-a", "router-b", "6c8b1f2e-5a1d-4c1b-9f0e-2b7d3c4a5e6f"},
			`{"msg_id":"k1","session":"0f1e","username":"alice","date":"2024-05-01T12:00:02Z","msg_type":"kernel_info_request","version":"5.3"}`,
			`{}`, `{}`, `{}`),
		"iopub_stream": frames(s, nil,
			`{"msg_id":"s1","session":"kern","username":"kernel","date":"2024-05-01T12:00:03.5Z","msg_type":"stream","version":"5.3"}`,
			execHeader, `{}`, `{"name":"stdout","text":"hi\n\u00e9\"\\"}`),
		"empty_optional_frames": frames(s, []string{"id"}, `{"msg_type":"shutdown_request","msg_id":null}`, ``, ``, ``),
		"bad_signature": append([][]byte{[]byte("id"), []byte(Delimiter), []byte(strings.Repeat("0", 64))},
			frames(nil, nil, `{"msg_type":"x"}`, `{}`, `{}`, `{}`)[2:]...),
	}
}

func TestSeedCorpus(t *testing.T) {
	s := mustSigner(t, "hmac-sha256", fuzzKey)
	dir := filepath.Join("testdata", "fuzz", "FuzzDecode")
	names := make([]string, 0)
	for name := range seedMessages() {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		msg := seedMessages()[name]
		content := "go test fuzz v1\n[]byte(" + strconv.Quote(string(joinFrames(msg))) + ")\n"
		path := filepath.Join(dir, name)
		if *updateCorpus {
			if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestSeedCorpus -update-corpus)", err)
		}
		if string(got) != content {
			t.Errorf("%s is stale (run go test -run TestSeedCorpus -update-corpus)", path)
		}
		_, err = Decode(msg, s)
		if wantErr := name == "bad_signature"; (err != nil) != wantErr {
			t.Errorf("seed %s: Decode error = %v", name, err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	// Realistic seeds live in testdata/fuzz/FuzzDecode (see TestSeedCorpus).
	f.Add([]byte(Delimiter))
	f.Add([]byte("\x00\x00\x00\x00\x00"))
	keyed, err := NewSigner("hmac-sha256", []byte(fuzzKey))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := bytes.Split(data, []byte{0})

		// 1. As received, with a key: mostly exercises rejection.
		if m, err := Decode(in, keyed); err == nil {
			checkRoundTrip(t, m, keyed)
		} else {
			checkErrClass(t, err)
		}

		// 2. Unsigned: the whole input reaches the parser.
		m, err := Decode(in, nil)
		if err != nil {
			checkErrClass(t, err)
		} else {
			checkRoundTrip(t, m, keyed)
			checkRoundTrip(t, m, nil)
		}

		// 3. Re-signed correctly: must behave exactly like the unsigned decode.
		d := -1
		for i, f := range in {
			if string(f) == Delimiter {
				d = i
				break
			}
		}
		if d < 0 || len(in)-d-1 < 5 {
			return
		}
		resigned := append([][]byte(nil), in...)
		resigned[d+1] = []byte(keyed.Sign(in[d+2], in[d+3], in[d+4], in[d+5]))
		m2, err2 := Decode(resigned, keyed)
		if (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
			t.Fatalf("unsigned decode: %v; re-signed decode: %v", err, err2)
		}
		if err == nil && !reflect.DeepEqual(m, m2) {
			t.Fatalf("re-signed decode differs:\n%+v\n%+v", m, m2)
		}
	})
}

func checkErrClass(t *testing.T, err error) {
	t.Helper()
	n := 0
	for _, e := range []error{ErrNoDelimiter, ErrBadSignature, ErrMalformed} {
		if errors.Is(err, e) {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("error %v matches %d sentinel errors, want exactly 1", err, n)
	}
}

// checkRoundTrip asserts Encode accepts any decoded message and that the
// re-decoded message carries the same data.
func checkRoundTrip(t *testing.T, m *Message, s *Signer) {
	t.Helper()
	out, err := Encode(m, s)
	if err != nil {
		t.Fatalf("Encode of a decoded message failed: %v", err)
	}
	m2, err := Decode(out, s)
	if err != nil {
		t.Fatalf("Decode(Encode(m)) failed: %v", err)
	}
	if m2.Header != m.Header {
		t.Fatalf("header changed: %+v -> %+v", m.Header, m2.Header)
	}
	if !bytes.Equal(orEmpty(m.Content), orEmpty(m2.Content)) {
		t.Fatalf("content changed: %q -> %q", m.Content, m2.Content)
	}
	if !bytes.Equal(orEmpty(m.ParentHeader), orEmpty(m2.ParentHeader)) {
		t.Fatalf("parent header changed: %q -> %q", m.ParentHeader, m2.ParentHeader)
	}
	if (len(m.Metadata) > 0 || len(m2.Metadata) > 0) && !reflect.DeepEqual(m.Metadata, m2.Metadata) {
		t.Fatalf("metadata changed: %#v -> %#v", m.Metadata, m2.Metadata)
	}
	if !equalFrames(m.Identities, m2.Identities) || !equalFrames(m.Buffers, m2.Buffers) {
		t.Fatalf("identities/buffers changed")
	}
}

func FuzzSignVerify(f *testing.F) {
	f.Add([]byte("secret"), []byte(`{"a":1}`), []byte(`{}`), []byte(`{}`), []byte(`{}`), uint8(3))
	f.Add([]byte(""), []byte(execHeader), []byte(`{}`), []byte(execMeta), []byte(execContent), uint8(0))
	f.Add([]byte(strings.Repeat("k", 200)), []byte{}, []byte{}, []byte{}, []byte{0xff}, uint8(9))
	f.Fuzz(checkSignVerify)
}

// checkSignVerify is the FuzzSignVerify property: Sign matches an
// independent HMAC, Verify accepts exactly that signature, and the Signer
// does not depend on the caller's key slice.
func checkSignVerify(t *testing.T, key, h, p, m, c []byte, schemeIdx uint8) {
	names := make([]string, 0, len(schemes))
	for name := range schemes {
		names = append(names, name)
	}
	sort.Strings(names)
	scheme := names[int(schemeIdx)%len(names)]
	// The fuzzer may hand us arguments sharing one backing array (key
	// and h aliased), so mutate only a private copy of the key below.
	key = append([]byte(nil), key...)
	s, err := NewSigner(scheme, key)
	if err != nil {
		t.Fatal(err)
	}
	sig := s.Sign(h, p, m, c)
	if len(key) == 0 {
		if sig != "" || !s.Verify([]byte("anything"), h, p, m, c) || !s.Verify(nil, h, p, m, c) {
			t.Fatalf("empty key: Sign = %q or Verify rejected", sig)
		}
		return
	}
	// Independent computation over the concatenation.
	mac := hmac.New(schemes[scheme], key)
	mac.Write(bytes.Join([][]byte{h, p, m, c}, nil))
	if want := fmt.Sprintf("%x", mac.Sum(nil)); sig != want {
		t.Fatalf("%s: Sign = %s, want %s", scheme, sig, want)
	}
	if !s.Verify([]byte(sig), h, p, m, c) {
		t.Fatalf("Verify rejected its own signature")
	}
	if s.Verify(nil, h, p, m, c) {
		t.Fatalf("Verify accepted an empty signature with a key")
	}
	if s.Verify([]byte(sig[:len(sig)-1]), h, p, m, c) || s.Verify([]byte(sig+"0"), h, p, m, c) {
		t.Fatalf("Verify accepted a truncated or extended signature")
	}
	i := int(schemeIdx) % len(sig)
	flipped := []byte(sig)
	flipped[i] = '1'
	if sig[i] == '1' {
		flipped[i] = '2'
	}
	if s.Verify(flipped, h, p, m, c) {
		t.Fatalf("Verify accepted a signature with byte %d changed", i)
	}
	if s.Verify([]byte(sig), h, p, m, append(append([]byte(nil), c...), 'x')) {
		t.Fatalf("Verify accepted a signature for different content")
	}
	// Key is copied: mutating the caller's slice changes nothing.
	key[0] ^= 0xff
	if s.Sign(h, p, m, c) != sig {
		t.Fatalf("Signer depends on the caller's key slice")
	}
}

// Regression: the fuzzer passed key and header sharing one backing array,
// and an earlier harness mutated key in place, changing the header too.
func TestSignVerifyAliasedArgs(t *testing.T) {
	buf := []byte("se0ret}")
	checkSignVerify(t, buf[:6], buf, []byte("{}"), []byte("{}"), []byte("{}"), 3)
	if string(buf) != "se0ret}" {
		t.Errorf("checkSignVerify modified its arguments: %q", buf)
	}
}
