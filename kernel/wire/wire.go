package wire

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Delimiter separates the routing identities from the message proper.
const Delimiter = "<IDS|MSG>"

// ProtocolVersion is the messaging protocol version this package speaks.
const ProtocolVersion = "5.3"

// Sentinel errors. Errors returned by Decode and Encode wrap one of these
// (with detail), so use errors.Is to classify them.
var (
	// ErrNoDelimiter: no "<IDS|MSG>" frame was found.
	ErrNoDelimiter = errors.New("wire: no <IDS|MSG> delimiter")
	// ErrBadSignature: the signature did not match (or was missing while a
	// key is configured).
	ErrBadSignature = errors.New("wire: bad message signature")
	// ErrMalformed: too few frames, or a part is not the JSON it must be.
	ErrMalformed = errors.New("wire: malformed message")
)

// Header is a Jupyter message header.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"` // ISO 8601 UTC
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"` // "5.3"
}

// Message is one decoded Jupyter message.
type Message struct {
	Identities   [][]byte        // routing prefix before "<IDS|MSG>"
	Header       Header          //
	RawHeader    json.RawMessage // header bytes exactly as received (nil for built messages); used as a reply's parent_header
	ParentHeader json.RawMessage // nil encodes as {}
	Metadata     map[string]any  // nil encodes as {}
	Content      json.RawMessage // nil encodes as {}
	Buffers      [][]byte
}

var emptyObject = []byte("{}")

// Decode parses frames as received from a ROUTER or SUB socket:
//
//	identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...
//
// The first frame equal to "<IDS|MSG>" is the delimiter. The signature is
// verified with s (nil means unsigned) before any JSON is parsed. Fewer
// than five frames after the delimiter is ErrMalformed. The header must be
// a JSON object with a non-empty string msg_type, and its other known
// fields, when present, must be strings or null. parent_header, metadata
// and content must each be a JSON object or an empty frame (treated as {}).
// Decode never panics. The result aliases frames; see the package doc.
func Decode(frames [][]byte, s *Signer) (*Message, error) {
	delim := -1
	for i, f := range frames {
		if string(f) == Delimiter {
			delim = i
			break
		}
	}
	if delim < 0 {
		return nil, fmt.Errorf("%w (frames: %d)", ErrNoDelimiter, len(frames))
	}
	rest := frames[delim+1:]
	if len(rest) < 5 {
		return nil, fmt.Errorf("%w: frames after delimiter: %d, need at least 5 (signature, header, parent_header, metadata, content)", ErrMalformed, len(rest))
	}
	sig, header, parent, metadata, content := rest[0], rest[1], rest[2], rest[3], rest[4]
	if !s.Verify(sig, header, parent, metadata, content) {
		if len(sig) == 0 {
			return nil, fmt.Errorf("%w: message is unsigned but a key is configured", ErrBadSignature)
		}
		return nil, fmt.Errorf("%w: HMAC mismatch", ErrBadSignature)
	}

	m := &Message{RawHeader: json.RawMessage(header)}
	if err := parseHeader(header, &m.Header); err != nil {
		return nil, err
	}
	if len(parent) > 0 {
		if !isObject(parent) {
			return nil, fmt.Errorf("%w: parent_header is not a JSON object", ErrMalformed)
		}
		m.ParentHeader = json.RawMessage(parent)
	}
	if len(metadata) > 0 {
		if !isObject(metadata) {
			return nil, fmt.Errorf("%w: metadata is not a JSON object", ErrMalformed)
		}
		if err := json.Unmarshal(metadata, &m.Metadata); err != nil {
			return nil, fmt.Errorf("%w: metadata: %v", ErrMalformed, err)
		}
	}
	if len(content) > 0 {
		if !isObject(content) {
			return nil, fmt.Errorf("%w: content is not a JSON object", ErrMalformed)
		}
		m.Content = json.RawMessage(content)
	}
	if delim > 0 {
		m.Identities = append([][]byte(nil), frames[:delim]...)
	}
	if len(rest) > 5 {
		m.Buffers = append([][]byte(nil), rest[5:]...)
	}
	return m, nil
}

// parseHeader decodes a header object into h, matching keys exactly (the
// encoding/json struct decoder would also accept "MSG_TYPE" and friends).
func parseHeader(b []byte, h *Header) error {
	if len(b) == 0 {
		return fmt.Errorf("%w: empty header frame", ErrMalformed)
	}
	if !isObject(b) {
		return fmt.Errorf("%w: header is not a JSON object", ErrMalformed)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return fmt.Errorf("%w: header: %v", ErrMalformed, err)
	}
	fields := []struct {
		name string
		dst  *string
	}{
		{"msg_id", &h.MsgID},
		{"session", &h.Session},
		{"username", &h.Username},
		{"date", &h.Date},
		{"msg_type", &h.MsgType},
		{"version", &h.Version},
	}
	for _, f := range fields {
		raw, ok := obj[f.name]
		if !ok {
			continue
		}
		if err := json.Unmarshal(raw, f.dst); err != nil {
			return fmt.Errorf("%w: header field %s is not a string", ErrMalformed, f.name)
		}
	}
	if h.MsgType == "" {
		return fmt.Errorf("%w: header has no msg_type", ErrMalformed)
	}
	return nil
}

// isObject reports whether b is exactly one valid JSON value and that value
// is an object.
func isObject(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case '{':
			return json.Valid(b)
		default:
			return false
		}
	}
	return false
}

// Encode serialises m into frames ready for a ROUTER or PUB socket:
//
//	identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...
//
// The header frame is json.Marshal(m.Header); m.RawHeader is ignored. Nil
// or empty ParentHeader, Metadata and Content encode as {}. Encode returns
// an error wrapping ErrMalformed (and nothing else) when m would not decode:
// empty Header.MsgType, ParentHeader or Content that is not a JSON object,
// Metadata that cannot be marshalled, or an identity equal to the
// delimiter. The returned frames alias m's identities, parent header,
// content and buffers.
func Encode(m *Message, s *Signer) ([][]byte, error) {
	if m == nil {
		return nil, fmt.Errorf("%w: nil message", ErrMalformed)
	}
	if m.Header.MsgType == "" {
		return nil, fmt.Errorf("%w: header has no msg_type", ErrMalformed)
	}
	for _, id := range m.Identities {
		if string(id) == Delimiter {
			return nil, fmt.Errorf("%w: identity equals the delimiter", ErrMalformed)
		}
	}
	header, err := json.Marshal(m.Header)
	if err != nil { // cannot happen for a struct of strings
		return nil, fmt.Errorf("%w: header: %v", ErrMalformed, err)
	}
	parent, err := objectOrEmpty(m.ParentHeader, "parent_header")
	if err != nil {
		return nil, err
	}
	content, err := objectOrEmpty(m.Content, "content")
	if err != nil {
		return nil, err
	}
	metadata := emptyObject
	if m.Metadata != nil {
		if metadata, err = json.Marshal(m.Metadata); err != nil {
			return nil, fmt.Errorf("%w: metadata: %v", ErrMalformed, err)
		}
	}

	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames,
		[]byte(Delimiter),
		[]byte(s.Sign(header, parent, metadata, content)),
		header, parent, metadata, content)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

func objectOrEmpty(b json.RawMessage, what string) ([]byte, error) {
	if len(b) == 0 {
		return emptyObject, nil
	}
	if !isObject(b) {
		return nil, fmt.Errorf("%w: %s is not a JSON object", ErrMalformed, what)
	}
	return b, nil
}

// DecodeContent unmarshals m.Content into v; nil or empty content is
// treated as {}.
func (m *Message) DecodeContent(v any) error {
	c := []byte(m.Content)
	if len(c) == 0 {
		c = emptyObject
	}
	return json.Unmarshal(c, v)
}
