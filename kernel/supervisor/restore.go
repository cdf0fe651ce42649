package supervisor

// What a new worker restores from the cells that ran in the one it
// replaces (their declarations), and what it loses (their variables).

import (
	"fmt"
	"strings"
)

// record is what a successful cell left in the interpreter: declarations a
// new worker can restore, and variables it cannot.
type record struct {
	count  int
	replay []string
	vars   []string
}

// replayLocked is every declaration to restore in a new worker.
func (s *Supervisor) replayLocked() []string {
	var out []string
	for _, r := range s.history {
		out = append(out, r.replay...)
	}
	return out
}

// lostLocked names the variables a new worker will not have and the cells
// that defined them, and forgets them.
func (s *Supervisor) lostLocked() string {
	var names, cells []string
	seen := map[string]bool{}
	for i := range s.history {
		r := &s.history[i]
		if len(r.vars) == 0 {
			continue
		}
		for _, v := range r.vars {
			if !seen[v] {
				seen[v] = true
				names = append(names, v)
			}
		}
		cells = append(cells, fmt.Sprintf("[%d]", r.count))
		r.vars = nil
	}
	if len(names) == 0 {
		return "the worker was restarted; imports, functions, types and constants were restored"
	}
	return fmt.Sprintf("the worker was restarted; imports, functions, types and constants were restored; lost: %s — re-run cells %s",
		strings.Join(names, ", "), strings.Join(cells, ", "))
}
