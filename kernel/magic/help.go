package magic

// What the kernel says about itself: %help lists the registry, and "name?"
// pages a name's documentation.

import (
	"fmt"
	"text/tabwriter"
)

// escapes are the other lines %help lists: not magics, but what a line of a
// cell may start or end with instead of Go (parse recognises them).
var escapes = []struct{ usage, help string }{
	{"!command", "run a shell command (/bin/sh -c); output streams in; interrupt stops it"},
	{"name?", "show the documentation of name (pkg.Name or your own)"},
}

// helpList is %help.
func (r *Runner) helpList() {
	tw := tabwriter.NewWriter(r.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Magics (line magics are whole lines anywhere in a cell; %% cell magics only on the first line):")
	for _, m := range magics {
		fmt.Fprintf(tw, "  %s\t%s\n", m.usage(), m.help)
	}
	for _, e := range escapes {
		fmt.Fprintf(tw, "  %s\t%s\n", e.usage, e.help)
	}
	tw.Flush()
}

// help answers "name?" with a page payload, as ipykernel does.
func (r *Runner) help(name string) Result {
	text, ok := r.Eng.Inspect(name, true)
	if !ok && r.Doc != nil {
		text, ok = r.Doc(name)
	}
	if !ok {
		return failed(magicError("Object `" + name + "` not found."))
	}
	return Result{Payload: []map[string]any{{"source": "page", "data": map[string]any{"text/plain": text}, "start": 0}}}
}
