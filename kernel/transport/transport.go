// Package transport opens the five Jupyter sockets named in a connection file
// over ZeroMQ. It is the server layer of the kernel: it moves frames and knows
// nothing of message meaning.
//
// ZeroMQ comes from github.com/go-zeromq/zmq4, a pure-Go implementation (no
// cgo, so the kernel is one static binary), the one gophernotes and gonb use.
// It sits behind the small Socket interface so the kernel core can be tested
// with in-memory sockets.
package transport

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/go-zeromq/zmq4"
)

// Socket is the part of a ZeroMQ socket the kernel uses. A ROUTER socket's
// first frame is the peer's routing identity, on receive and on send.
type Socket interface {
	Recv() ([][]byte, error)
	Send(frames [][]byte) error
	Close() error
}

// Sockets are a kernel's five channels.
type Sockets struct {
	Shell, Control, Stdin Socket // ROUTER
	IOPub                 Socket // PUB
	HB                    Socket // REP
}

// Close closes every open socket.
func (s *Sockets) Close() {
	for _, k := range []Socket{s.Shell, s.Control, s.Stdin, s.IOPub, s.HB} {
		if k != nil {
			k.Close()
		}
	}
}

// Endpoints names where each socket listens, e.g. "tcp://127.0.0.1:5555" or
// "ipc:///tmp/kernel-1".
type Endpoints struct {
	Shell, Control, Stdin, IOPub, HB string
}

// Listen binds all five sockets.
func Listen(ctx context.Context, ep Endpoints) (*Sockets, error) {
	s := &Sockets{}
	for _, b := range []struct {
		dst  *Socket
		ep   string
		make func(context.Context, ...zmq4.Option) zmq4.Socket
	}{
		{&s.Shell, ep.Shell, zmq4.NewRouter},
		{&s.Control, ep.Control, zmq4.NewRouter},
		{&s.Stdin, ep.Stdin, zmq4.NewRouter},
		{&s.IOPub, ep.IOPub, zmq4.NewPub},
		{&s.HB, ep.HB, zmq4.NewRep},
	} {
		z := b.make(ctx, zmq4.WithAutomaticReconnect(false))
		if err := unlinkStaleIPC(b.ep); err != nil {
			s.Close()
			return nil, err
		}
		if err := z.Listen(b.ep); err != nil {
			z.Close()
			s.Close()
			return nil, fmt.Errorf("listen on %s: %w", b.ep, err)
		}
		*b.dst = zsocket{z}
	}
	return s, nil
}

// unlinkStaleIPC removes a socket file left by an earlier kernel that died:
// binding to an existing path fails with "address already in use".
func unlinkStaleIPC(ep string) error {
	path, ok := strings.CutPrefix(ep, "ipc://")
	if !ok {
		return nil
	}
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&os.ModeSocket == 0 {
		return nil
	}
	if err := os.Remove(path); err != nil {
		return fmt.Errorf("removing stale socket %s: %w", path, err)
	}
	return nil
}

type zsocket struct{ s zmq4.Socket }

func (z zsocket) Recv() ([][]byte, error) {
	m, err := z.s.Recv()
	if err != nil {
		return nil, err
	}
	return m.Frames, nil
}

func (z zsocket) Send(frames [][]byte) error { return z.s.SendMulti(zmq4.NewMsgFrom(frames...)) }
func (z zsocket) Close() error               { return z.s.Close() }
