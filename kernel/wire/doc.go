// Package wire implements the message layer of the Jupyter messaging
// protocol, version 5.3: turning the multipart ZeroMQ frames a kernel
// receives into a [Message] and back, signing and verifying them, building
// replies, and reading a kernel connection file.
//
// The package does no I/O on sockets. Every function works on byte slices,
// so it is unit-testable and fuzzable in isolation; the socket layer feeds it
// the frames it reads and sends the frames it gets back.
//
// # Frame layout
//
// A message on the wire is
//
//	identities... "<IDS|MSG>" signature header parent_header metadata content buffers...
//
// where the identities are the ROUTER routing prefix (absent on SUB/iopub),
// the signature is the lowercase hex HMAC of header, parent_header, metadata
// and content concatenated in that order, and buffers are optional raw
// binary frames.
//
// # What Decode guarantees
//
//   - It never panics, whatever the frames contain (this is fuzz-tested).
//   - The signature is checked before any JSON is parsed, so unauthenticated
//     input never reaches the JSON decoder when a key is configured.
//   - The comparison is constant time ([crypto/hmac.Equal]).
//   - Every error wraps one of [ErrNoDelimiter], [ErrBadSignature] or
//     [ErrMalformed], so callers can classify it with [errors.Is].
//   - On success, Header.MsgType is non-empty, and ParentHeader and Content
//     are nil or hold a single JSON object. An empty parent_header, metadata
//     or content frame is accepted and treated as {} (stored as nil); an
//     empty header frame is malformed.
//   - Header fields are matched by their exact JSON names; unknown header
//     keys are ignored by Header but preserved in RawHeader, which is what a
//     reply uses as its parent_header.
//   - The returned Message aliases the input frames (Identities, Buffers,
//     RawHeader, ParentHeader and Content are sub-slices of them, not
//     copies); do not modify the frames afterwards.
//
// [Encode] is the inverse: anything Encode accepts, Decode accepts and
// decodes to the same header, parent header, metadata, content, identities
// and buffers.
//
// # Dependencies
//
// Only the standard library is used. The protocol needs JSON, HMAC, hex
// and random UUIDs, all of which the standard library provides; keeping the
// message layer dependency-free keeps the security-sensitive parsing code
// small, auditable and independent of the ZeroMQ implementation.
package wire
