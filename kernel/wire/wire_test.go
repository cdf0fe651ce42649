package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// frames builds a wire message, signing it with s.
func frames(s *Signer, ids []string, header, parent, metadata, content string, buffers ...string) [][]byte {
	var out [][]byte
	for _, id := range ids {
		out = append(out, []byte(id))
	}
	out = append(out, []byte(Delimiter),
		[]byte(s.Sign([]byte(header), []byte(parent), []byte(metadata), []byte(content))),
		[]byte(header), []byte(parent), []byte(metadata), []byte(content))
	for _, b := range buffers {
		out = append(out, []byte(b))
	}
	return out
}

const (
	execHeader  = `{"msg_id":"6c8b1f2e-5a1d-4c1b-9f0e-2b7d3c4a5e6f_1234_1","session":"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","username":"alice","date":"2024-05-01T12:00:00.123456Z","msg_type":"execute_request","version":"5.3"}`
	execContent = `{"code":"fmt.Println(\"hi\")","silent":false,"store_history":true,"user_expressions":{},"allow_stdin":true,"stop_on_error":true}`
	execMeta    = `{"deletedCells":[],"recordTiming":false,"cellId":"a1b2c3"}`
)

func TestDecodeExecuteRequest(t *testing.T) {
	s := mustSigner(t, "hmac-sha256", "secret")
	in := frames(s, []string{"client-identity"}, execHeader, `{}`, execMeta, execContent)
	m, err := Decode(in, s)
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := Header{
		MsgID:    "6c8b1f2e-5a1d-4c1b-9f0e-2b7d3c4a5e6f_1234_1",
		Session:  "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
		Username: "alice",
		Date:     "2024-05-01T12:00:00.123456Z",
		MsgType:  "execute_request",
		Version:  "5.3",
	}
	if m.Header != wantHeader {
		t.Errorf("Header = %+v, want %+v", m.Header, wantHeader)
	}
	if string(m.RawHeader) != execHeader {
		t.Errorf("RawHeader = %s", m.RawHeader)
	}
	if string(m.ParentHeader) != `{}` || string(m.Content) != execContent {
		t.Errorf("ParentHeader = %s, Content = %s", m.ParentHeader, m.Content)
	}
	wantMeta := map[string]any{"deletedCells": []any{}, "recordTiming": false, "cellId": "a1b2c3"}
	if !reflect.DeepEqual(m.Metadata, wantMeta) {
		t.Errorf("Metadata = %#v", m.Metadata)
	}
	if len(m.Identities) != 1 || string(m.Identities[0]) != "client-identity" {
		t.Errorf("Identities = %q", m.Identities)
	}
	if m.Buffers != nil {
		t.Errorf("Buffers = %q, want nil", m.Buffers)
	}
	var c struct {
		Code   string `json:"code"`
		Silent bool   `json:"silent"`
	}
	if err := m.DecodeContent(&c); err != nil || c.Code != `fmt.Println("hi")` {
		t.Errorf("DecodeContent = %+v, %v", c, err)
	}
}

func TestDecodeErrors(t *testing.T) {
	s := mustSigner(t, "hmac-sha256", "secret")
	const h = `{"msg_type":"kernel_info_request"}`
	withSig := func(f [][]byte, sig string) [][]byte {
		for i, fr := range f {
			if string(fr) == Delimiter {
				f[i+1] = []byte(sig)
			}
		}
		return f
	}
	tests := []struct {
		name   string
		frames [][]byte
		want   error
	}{
		{"nil frames", nil, ErrNoDelimiter},
		{"no delimiter", [][]byte{[]byte("id"), []byte("sig"), []byte(h), []byte("{}"), []byte("{}"), []byte("{}")}, ErrNoDelimiter},
		{"delimiter prefix only", [][]byte{[]byte("<IDS|MSG"), []byte(""), []byte(h), []byte("{}"), []byte("{}"), []byte("{}")}, ErrNoDelimiter},
		{"delimiter with suffix", [][]byte{[]byte("<IDS|MSG> "), []byte(""), []byte(h), []byte("{}"), []byte("{}"), []byte("{}")}, ErrNoDelimiter},
		{"nothing after delimiter", [][]byte{[]byte(Delimiter)}, ErrMalformed},
		{"1 after delimiter", frames(s, nil, h, "{}", "{}", "{}")[:2], ErrMalformed},
		{"2 after delimiter", frames(s, nil, h, "{}", "{}", "{}")[:3], ErrMalformed},
		{"3 after delimiter", frames(s, nil, h, "{}", "{}", "{}")[:4], ErrMalformed},
		{"4 after delimiter", frames(s, nil, h, "{}", "{}", "{}")[:5], ErrMalformed},
		{"bad signature", withSig(frames(s, nil, h, "{}", "{}", "{}"), strings.Repeat("ab", 32)), ErrBadSignature},
		{"missing signature with key", withSig(frames(s, nil, h, "{}", "{}", "{}"), ""), ErrBadSignature},
		{"signature from other key", frames(mustSigner(t, "", "other"), nil, h, "{}", "{}", "{}"), ErrBadSignature},
		// Signature is checked before JSON: garbage with a bad signature is a signature error.
		{"bad signature and bad JSON", withSig(frames(s, nil, "not json", "[", "]", "x"), "00"), ErrBadSignature},
		{"header invalid JSON", frames(s, nil, `{"msg_type":`, "{}", "{}", "{}"), ErrMalformed},
		{"header empty frame", frames(s, nil, ``, "{}", "{}", "{}"), ErrMalformed},
		{"header array", frames(s, nil, `["msg_type"]`, "{}", "{}", "{}"), ErrMalformed},
		{"header null", frames(s, nil, `null`, "{}", "{}", "{}"), ErrMalformed},
		{"header trailing garbage", frames(s, nil, h+`x`, "{}", "{}", "{}"), ErrMalformed},
		{"header two objects", frames(s, nil, h+h, "{}", "{}", "{}"), ErrMalformed},
		{"header no msg_type", frames(s, nil, `{"msg_id":"1"}`, "{}", "{}", "{}"), ErrMalformed},
		{"header empty msg_type", frames(s, nil, `{"msg_type":""}`, "{}", "{}", "{}"), ErrMalformed},
		{"header null msg_type", frames(s, nil, `{"msg_type":null}`, "{}", "{}", "{}"), ErrMalformed},
		{"header numeric msg_type", frames(s, nil, `{"msg_type":5}`, "{}", "{}", "{}"), ErrMalformed},
		{"header wrong-case msg_type", frames(s, nil, `{"MSG_TYPE":"x"}`, "{}", "{}", "{}"), ErrMalformed},
		{"header numeric msg_id", frames(s, nil, `{"msg_type":"x","msg_id":1}`, "{}", "{}", "{}"), ErrMalformed},
		{"header object version", frames(s, nil, `{"msg_type":"x","version":{}}`, "{}", "{}", "{}"), ErrMalformed},
		{"parent invalid JSON", frames(s, nil, h, `{`, "{}", "{}"), ErrMalformed},
		{"parent array", frames(s, nil, h, `[]`, "{}", "{}"), ErrMalformed},
		{"parent null", frames(s, nil, h, `null`, "{}", "{}"), ErrMalformed},
		{"parent whitespace only", frames(s, nil, h, ` `, "{}", "{}"), ErrMalformed},
		{"metadata invalid JSON", frames(s, nil, h, "{}", `{"a":}`, "{}"), ErrMalformed},
		{"metadata string", frames(s, nil, h, "{}", `"x"`, "{}"), ErrMalformed},
		{"metadata null", frames(s, nil, h, "{}", `null`, "{}"), ErrMalformed},
		{"metadata number out of range", frames(s, nil, h, "{}", `{"a":1e400}`, "{}"), ErrMalformed},
		{"content invalid JSON", frames(s, nil, h, "{}", "{}", `{"code":"x}`), ErrMalformed},
		{"content array", frames(s, nil, h, "{}", "{}", `[1]`), ErrMalformed},
		{"content trailing garbage", frames(s, nil, h, "{}", "{}", `{} {}`), ErrMalformed},
		{"content invalid UTF-8 outside string", frames(s, nil, h, "{}", "{}", "{\xff}"), ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Decode(tt.frames, s)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Decode error = %v, want %v", err, tt.want)
			}
			if m != nil {
				t.Errorf("Decode returned a message with an error")
			}
			for _, other := range []error{ErrNoDelimiter, ErrBadSignature, ErrMalformed} {
				if other != tt.want && errors.Is(err, other) {
					t.Errorf("error %v also matches %v", err, other)
				}
			}
		})
	}
}

func TestDecodeUnsignedAcceptsAnySignature(t *testing.T) {
	in := frames(nil, nil, `{"msg_type":"x"}`, "{}", "{}", "{}")
	in[1] = []byte("not-a-signature")
	for _, s := range []*Signer{nil, mustSigner(t, "hmac-sha256", "")} {
		if _, err := Decode(in, s); err != nil {
			t.Errorf("Decode with empty key: %v", err)
		}
	}
}

func TestDecodeEmptyOptionalFrames(t *testing.T) {
	s := mustSigner(t, "hmac-sha256", "secret")
	m, err := Decode(frames(s, nil, `{"msg_type":"x"}`, "", "", ""), s)
	if err != nil {
		t.Fatal(err)
	}
	if m.ParentHeader != nil || m.Metadata != nil || m.Content != nil {
		t.Errorf("empty frames decoded to %q %v %q, want nils", m.ParentHeader, m.Metadata, m.Content)
	}
	var v map[string]any
	if err := m.DecodeContent(&v); err != nil || v == nil || len(v) != 0 {
		t.Errorf("DecodeContent of empty content = %v, %v", v, err)
	}
}

func TestDecodeHeaderLeniency(t *testing.T) {
	// Unknown keys (e.g. a future subshell_id) are ignored but kept in
	// RawHeader; null string fields decode as "".
	const h = ` { "msg_type" : "comm_msg", "subshell_id": 3, "date": null, "extra": {"nested": [1,2]} } `
	m, err := Decode(frames(nil, nil, h, "{}", "{}", "{}"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Header != (Header{MsgType: "comm_msg"}) {
		t.Errorf("Header = %+v", m.Header)
	}
	if string(m.RawHeader) != h {
		t.Errorf("RawHeader = %q", m.RawHeader)
	}
}

func TestDecodeUsesFirstDelimiter(t *testing.T) {
	// A buffer that happens to equal the delimiter is still a buffer.
	s := mustSigner(t, "", "k")
	m, err := Decode(frames(s, []string{"id"}, `{"msg_type":"x"}`, "{}", "{}", "{}", Delimiter, "b"), s)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Buffers) != 2 || string(m.Buffers[0]) != Delimiter {
		t.Errorf("Buffers = %q", m.Buffers)
	}
}

func TestRoundTrip(t *testing.T) {
	s := mustSigner(t, "hmac-sha256", "secret")
	tests := []struct {
		name string
		m    *Message
	}{
		{"minimal", &Message{Header: Header{MsgType: "kernel_info_request"}}},
		{"identities", &Message{
			Identities: [][]byte{[]byte("router-id"), {0, 0x80, 0, 0, 0x29}, {}},
			Header:     Header{MsgID: "1", MsgType: "execute_request", Version: ProtocolVersion},
			Content:    json.RawMessage(execContent),
		}},
		{"buffers", &Message{
			Header:       Header{MsgID: "2", MsgType: "comm_msg", Session: "s", Username: "u", Date: "d", Version: "5.3"},
			ParentHeader: json.RawMessage(execHeader),
			Metadata:     map[string]any{"n": 1.5, "s": "x", "l": []any{true, nil}},
			Content:      json.RawMessage(`{"comm_id":"c","data":{"buffer_paths":[["a"]]}}`),
			Buffers:      [][]byte{{0, 1, 2, 255}, {}, []byte(Delimiter), bytes.Repeat([]byte{7}, 1<<16)},
		}},
		{"escaped header", &Message{Header: Header{MsgType: "a<b>&\"\\\u2028é", Session: "\x00\x01"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Encode(tt.m, s)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Decode(out, s)
			if err != nil {
				t.Fatal(err)
			}
			if got.Header != tt.m.Header {
				t.Errorf("Header = %+v, want %+v", got.Header, tt.m.Header)
			}
			if !equalFrames(got.Identities, tt.m.Identities) {
				t.Errorf("Identities = %q, want %q", got.Identities, tt.m.Identities)
			}
			if !equalFrames(got.Buffers, tt.m.Buffers) {
				t.Errorf("Buffers differ: got %d, want %d", len(got.Buffers), len(tt.m.Buffers))
			}
			if !bytes.Equal(orEmpty(got.Content), orEmpty(tt.m.Content)) || !bytes.Equal(orEmpty(got.ParentHeader), orEmpty(tt.m.ParentHeader)) {
				t.Errorf("Content/ParentHeader = %s / %s", got.Content, got.ParentHeader)
			}
			if len(got.Metadata)+len(tt.m.Metadata) > 0 && !reflect.DeepEqual(got.Metadata, tt.m.Metadata) {
				t.Errorf("Metadata = %#v, want %#v", got.Metadata, tt.m.Metadata)
			}
		})
	}
}

func TestEncodeLayoutAndEmptyParts(t *testing.T) {
	s := mustSigner(t, "hmac-sha256", "secret")
	m := &Message{Identities: [][]byte{[]byte("a"), []byte("b")}, Header: Header{MsgType: "status"}, Buffers: [][]byte{[]byte("buf")}}
	out, err := Encode(m, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2+6+1 {
		t.Fatalf("len(frames) = %d", len(out))
	}
	if string(out[0]) != "a" || string(out[1]) != "b" || string(out[2]) != Delimiter || string(out[8]) != "buf" {
		t.Errorf("frames = %q", out)
	}
	header := `{"msg_id":"","session":"","username":"","date":"","msg_type":"status","version":""}`
	if string(out[4]) != header {
		t.Errorf("header = %s", out[4])
	}
	for i, name := range []string{"parent_header", "metadata", "content"} {
		if string(out[5+i]) != "{}" {
			t.Errorf("%s = %q, want {}", name, out[5+i])
		}
	}
	if want := s.Sign(out[4], out[5], out[6], out[7]); string(out[3]) != want {
		t.Errorf("signature = %s, want %s", out[3], want)
	}
	// Empty (non-nil) parent and content also encode as {}.
	m.ParentHeader, m.Content, m.Metadata = json.RawMessage{}, json.RawMessage{}, map[string]any{}
	out, _ = Encode(m, nil)
	if string(out[3]) != "" || string(out[5]) != "{}" || string(out[6]) != "{}" || string(out[7]) != "{}" {
		t.Errorf("frames = %q", out)
	}
}

func TestEncodeErrors(t *testing.T) {
	ok := Header{MsgType: "x"}
	tests := []struct {
		name string
		m    *Message
	}{
		{"nil message", nil},
		{"empty msg_type", &Message{}},
		{"parent not object", &Message{Header: ok, ParentHeader: json.RawMessage(`[]`)}},
		{"parent invalid", &Message{Header: ok, ParentHeader: json.RawMessage(`{`)}},
		{"content not object", &Message{Header: ok, Content: json.RawMessage(`"x"`)}},
		{"content null", &Message{Header: ok, Content: json.RawMessage(`null`)}},
		{"content invalid", &Message{Header: ok, Content: json.RawMessage(`{}}`)}},
		{"metadata unmarshalable", &Message{Header: ok, Metadata: map[string]any{"c": make(chan int)}}},
		{"identity is delimiter", &Message{Header: ok, Identities: [][]byte{[]byte(Delimiter)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if out, err := Encode(tt.m, nil); !errors.Is(err, ErrMalformed) || out != nil {
				t.Errorf("Encode = %q, %v; want ErrMalformed", out, err)
			}
		})
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestNewID(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := NewID()
		if !uuidRE.MatchString(id) {
			t.Fatalf("NewID() = %q, not a v4 UUID", id)
		}
		if seen[id] {
			t.Fatalf("NewID() repeated %q", id)
		}
		seen[id] = true
	}
}

func checkFreshHeader(t *testing.T, h Header, msgType, session string) {
	t.Helper()
	if !uuidRE.MatchString(h.MsgID) || h.Session != session || h.Username != "kernel" || h.MsgType != msgType || h.Version != "5.3" {
		t.Errorf("header = %+v", h)
	}
	d, err := time.Parse(time.RFC3339Nano, h.Date)
	if err != nil || !strings.HasSuffix(h.Date, "Z") || time.Since(d) > time.Minute || time.Since(d) < -time.Minute {
		t.Errorf("date %q: %v", h.Date, err)
	}
}

func TestNewReplyParentHeaderByteExact(t *testing.T) {
	s := mustSigner(t, "hmac-sha256", "secret")
	// Odd spacing, key order and an unknown key must survive byte for byte.
	const reqHeader = `{"version": "5.3", "msg_type": "execute_request",  "msg_id": "abc", "session": "client-session", "username": "u", "date": "2024-05-01T12:00:00Z", "x-extra": [1, 2.50]}`
	req, err := Decode(frames(s, []string{"id1", "id2"}, reqHeader, "{}", "{}", execContent), s)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := NewReply(req, "execute_reply", "kernel-session", map[string]any{"status": "ok", "execution_count": 1})
	if err != nil {
		t.Fatal(err)
	}
	checkFreshHeader(t, rep.Header, "execute_reply", "kernel-session")
	if string(rep.ParentHeader) != reqHeader {
		t.Errorf("ParentHeader = %s, want %s", rep.ParentHeader, reqHeader)
	}
	if !equalFrames(rep.Identities, req.Identities) {
		t.Errorf("Identities = %q", rep.Identities)
	}
	// Clearing the reply's identities (as for iopub) leaves the request alone.
	rep.Identities[0] = nil
	if string(req.Identities[0]) != "id1" {
		t.Errorf("reply shares the identities slice with the request")
	}
	rep.Identities = [][]byte{[]byte("id1"), []byte("id2")}
	out, err := Encode(rep, s)
	if err != nil {
		t.Fatal(err)
	}
	if string(out[5]) != reqHeader {
		t.Errorf("encoded parent_header = %s", out[5])
	}
	if string(out[7]) != `{"execution_count":1,"status":"ok"}` {
		t.Errorf("encoded content = %s", out[7])
	}
	back, err := Decode(out, s)
	if err != nil {
		t.Fatal(err)
	}
	if back.Header != rep.Header {
		t.Errorf("decoded reply header = %+v", back.Header)
	}
}

func TestNewReplyParents(t *testing.T) {
	rep, err := NewReply(nil, "status", "sess", map[string]string{"execution_state": "idle"})
	if err != nil {
		t.Fatal(err)
	}
	checkFreshHeader(t, rep.Header, "status", "sess")
	if rep.ParentHeader != nil || rep.Identities != nil {
		t.Errorf("nil parent gave ParentHeader %s, Identities %q", rep.ParentHeader, rep.Identities)
	}
	out, err := Encode(rep, nil)
	if err != nil || string(out[4]) != "{}" {
		t.Errorf("empty parent encodes as %q, %v; want {}", out[4], err)
	}

	// A built (not decoded) parent has no RawHeader: its Header is marshalled.
	built := &Message{Header: Header{MsgID: "p", MsgType: "execute_request", Version: "5.3"}}
	rep, err = NewReply(built, "execute_reply", "sess", nil)
	if err != nil {
		t.Fatal(err)
	}
	var ph Header
	if err := json.Unmarshal(rep.ParentHeader, &ph); err != nil || ph != built.Header {
		t.Errorf("ParentHeader = %s (%v)", rep.ParentHeader, err)
	}
}

func TestNewMessageContent(t *testing.T) {
	type reply struct {
		Status string `json:"status"`
	}
	var nilMap map[string]any
	var nilPtr *reply
	tests := []struct {
		name    string
		content any
		want    string // "" means Content nil; "ERR" means error
	}{
		{"nil", nil, ""},
		{"nil map", nilMap, ""},
		{"nil pointer", nilPtr, ""},
		{"struct", reply{"ok"}, `{"status":"ok"}`},
		{"pointer", &reply{"ok"}, `{"status":"ok"}`},
		{"raw", json.RawMessage(` { "a" : 1 } `), `{"a":1}`},
		{"empty map", map[string]any{}, `{}`},
		{"string", "x", "ERR"},
		{"slice", []int{1}, "ERR"},
		{"raw array", json.RawMessage(`[]`), "ERR"},
		{"unmarshalable", map[string]any{"c": make(chan int)}, "ERR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := NewMessage("stream", "sess", tt.content)
			if tt.want == "ERR" {
				if err == nil {
					t.Errorf("NewMessage succeeded with content %s", m.Content)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkFreshHeader(t, m.Header, "stream", "sess")
			if string(m.Content) != tt.want || (tt.want == "" && m.Content != nil) {
				t.Errorf("Content = %q, want %q", m.Content, tt.want)
			}
		})
	}
	if _, err := NewMessage("", "sess", nil); err == nil {
		t.Errorf("NewMessage with empty msg_type succeeded")
	}
	if _, err := NewReply(&Message{}, "", "sess", nil); err == nil {
		t.Errorf("NewReply with empty msg_type succeeded")
	}
}

func TestDecodeContent(t *testing.T) {
	var v struct{ A int }
	if err := (&Message{}).DecodeContent(&v); err != nil || v.A != 0 {
		t.Errorf("nil content: %+v, %v", v, err)
	}
	if err := (&Message{Content: json.RawMessage(`{"A":3}`)}).DecodeContent(&v); err != nil || v.A != 3 {
		t.Errorf("content: %+v, %v", v, err)
	}
	if err := (&Message{Content: json.RawMessage(`{"A":"x"}`)}).DecodeContent(&v); err == nil {
		t.Errorf("type mismatch not reported")
	}
}

func equalFrames(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

func orEmpty(b []byte) []byte {
	if len(b) == 0 {
		return []byte("{}")
	}
	return b
}
