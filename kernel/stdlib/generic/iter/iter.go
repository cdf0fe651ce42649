// Package iter is the standard package iter, written for the yaegi
// interpreter (see package stdlib, generic.go, for the rules this source
// follows and how it is loaded).
//
// Seq and Seq2 are generic named func types, as in Go. Pull and Pull2 take
// the plain func type instead of Seq[V]: yaegi v0.16.1 binds V to the whole
// argument type when a func literal meets a named generic parameter type
// (`Pull(func(yield func(int) bool) {...})` fails with "cannot use type
// func(func(int) bool) as type func(func(func(func(int) bool)) bool)").
// Seq[V] values and func literals both pass for the plain type.
//
// %T of a Seq[int] value prints func(func(int) bool) under yaegi, not
// iter.Seq[int].
package iter

// Seq is an iterator over values of type V: it calls yield with each value
// in turn and stops early when yield returns false.
type Seq[V any] func(yield func(V) bool)

// Seq2 is an iterator over pairs of values.
type Seq2[K, V any] func(yield func(K, V) bool)

// Pull turns the push iterator seq into a pull iterator: each call of next
// returns seq's next value and true, then the zero value and false once
// seq has returned. stop ends the iteration early (yield returns false to
// seq, and stop waits for seq to return); calling next after stop, or stop
// twice, is fine. seq starts at the first call of next; a panic in seq is
// raised again by the next or stop that was waiting for it.
//
// Go runs seq as a coroutine; here it runs in a goroutine that takes turns
// with the caller over channels, so seq's code never runs at the same time
// as the caller's. A pull iterator that is neither exhausted nor stopped
// leaves that goroutine waiting for good, as Go documents it must not be.
func Pull[V any](seq func(yield func(V) bool)) (func() (V, bool), func()) {
	var (
		resume   = make(chan bool) // caller -> seq: true for a value, false to stop
		turn     = make(chan bool) // seq -> caller: true with a value, false when seq is done
		v        V
		started  bool
		finished bool // seq returned (or panicked), or was never started and is stopped
		stopping bool
		panicked bool
		pv       any
	)
	run := func() {
		defer func() {
			if r := recover(); r != nil {
				// Two assignments: yaegi v0.16.1 fails to assign a
				// recovered value in a tuple assignment ("reflect.Set:
				// value of type interface {} is not assignable to type
				// interp.valueInterface").
				panicked = true
				pv = r
			}
			turn <- false
		}()
		if !<-resume {
			return
		}
		seq(func(x V) bool {
			if stopping {
				return false
			}
			v = x
			turn <- true
			if !<-resume {
				stopping = true
				return false
			}
			return true
		})
	}
	wait := func() bool {
		ok := <-turn
		if !ok {
			finished = true
			if panicked {
				panicked = false
				panic(pv)
			}
		}
		return ok
	}
	next := func() (V, bool) {
		var zero V
		if finished {
			return zero, false
		}
		if !started {
			started = true
			go run()
		}
		resume <- true
		if !wait() {
			return zero, false
		}
		x := v
		v = zero
		return x, true
	}
	stop := func() {
		if finished {
			return
		}
		finished = true
		if !started {
			return
		}
		resume <- false
		for wait() {
			// seq ignored a false from yield and yielded again: keep
			// answering false until it returns.
			resume <- false
		}
	}
	return next, stop
}

// Pull2 is Pull for a Seq2: next returns a pair and true.
func Pull2[K, V any](seq func(yield func(K, V) bool)) (func() (K, V, bool), func()) {
	var (
		resume   = make(chan bool)
		turn     = make(chan bool)
		k        K
		v        V
		started  bool
		finished bool
		stopping bool
		panicked bool
		pv       any
	)
	run := func() {
		defer func() {
			if r := recover(); r != nil {
				// Two assignments: yaegi v0.16.1 fails to assign a
				// recovered value in a tuple assignment ("reflect.Set:
				// value of type interface {} is not assignable to type
				// interp.valueInterface").
				panicked = true
				pv = r
			}
			turn <- false
		}()
		if !<-resume {
			return
		}
		seq(func(x K, y V) bool {
			if stopping {
				return false
			}
			k, v = x, y
			turn <- true
			if !<-resume {
				stopping = true
				return false
			}
			return true
		})
	}
	wait := func() bool {
		ok := <-turn
		if !ok {
			finished = true
			if panicked {
				panicked = false
				panic(pv)
			}
		}
		return ok
	}
	next := func() (K, V, bool) {
		var zk K
		var zv V
		if finished {
			return zk, zv, false
		}
		if !started {
			started = true
			go run()
		}
		resume <- true
		if !wait() {
			return zk, zv, false
		}
		x, y := k, v
		k, v = zk, zv
		return x, y, true
	}
	stop := func() {
		if finished {
			return
		}
		finished = true
		if !started {
			return
		}
		resume <- false
		for wait() {
			resume <- false
		}
	}
	return next, stop
}
