package wire

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// dateLayout is ISO 8601 with microseconds, the precision jupyter_client
// itself emits (Python's isoformat), e.g. 2024-05-01T12:34:56.789012Z.
const dateLayout = "2006-01-02T15:04:05.000000Z07:00"

// kernelUsername is the header username of messages the kernel builds.
const kernelUsername = "kernel"

// NewID returns a random (version 4) UUID string such as
// "9b2f6c1e-3a4d-4c5b-8e7f-0a1b2c3d4e5f", using crypto/rand.
func NewID() string {
	var u [16]byte
	rand.Read(u[:])         // never returns an error (crypto/rand, Go 1.24+)
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}

// NewMessage builds a message with a fresh header (new msg_id, the given
// session, username "kernel", the current UTC time, msg_type, version 5.3),
// no parent, no identities, and Content = json.Marshal(content). A nil
// content (or one that marshals to null) gives empty content ({}); content
// that marshals to anything but a JSON object is an error, as is an empty
// msgType.
func NewMessage(msgType, session string, content any) (*Message, error) {
	if msgType == "" {
		return nil, fmt.Errorf("wire: NewMessage: empty msg_type")
	}
	m := &Message{Header: Header{
		MsgID:    NewID(),
		Session:  session,
		Username: kernelUsername,
		Date:     time.Now().UTC().Format(dateLayout),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}}
	if content != nil {
		b, err := json.Marshal(content)
		if err != nil {
			return nil, fmt.Errorf("wire: %s content: %w", msgType, err)
		}
		switch {
		case string(b) == "null":
			// nil map or nil pointer: leave Content nil ({}).
		case len(b) > 0 && b[0] == '{': // Marshal output is compact and valid
			m.Content = b
		default:
			return nil, fmt.Errorf("wire: %s content is not a JSON object", msgType)
		}
	}
	return m, nil
}

// NewReply is NewMessage plus the parent linkage: ParentHeader is
// parent.RawHeader (byte-exact as received), or json.Marshal(parent.Header)
// when RawHeader is nil, and Identities is a copy of parent.Identities
// (set it to nil for iopub). A nil parent gives ParentHeader {} and no
// identities.
func NewReply(parent *Message, msgType, session string, content any) (*Message, error) {
	m, err := NewMessage(msgType, session, content)
	if err != nil {
		return nil, err
	}
	if parent == nil {
		return m, nil
	}
	if len(parent.RawHeader) > 0 {
		m.ParentHeader = parent.RawHeader
	} else {
		b, err := json.Marshal(parent.Header)
		if err != nil { // cannot happen for a struct of strings
			return nil, fmt.Errorf("wire: parent header: %w", err)
		}
		m.ParentHeader = b
	}
	if len(parent.Identities) > 0 {
		m.Identities = append([][]byte(nil), parent.Identities...)
	}
	return m, nil
}
