package magic

import (
	"cmp"
	"fmt"
	"slices"
	"text/tabwriter"

	"github.com/gokernel/gokernel/kernel/outcome"
)

// %goroutines: the user's goroutines (those that carry a cell's labels),
// grouped by the cell that started them and what they wait for, in Go's
// words. sched.Tracker.Goroutines reads them from the runtime's dump, with
// the same reasons the deadlock report gives.

// goroutineRow is one group of the user's goroutines.
type goroutineRow struct {
	cell  int // In[n]
	state string
	count int
}

func (r *Runner) goroutines() {
	var rows []goroutineRow
	total := 0
	for _, g := range r.Tracker.Goroutines() {
		total++
		i := slices.IndexFunc(rows, func(row goroutineRow) bool { return row.cell == g.Count && row.state == g.Reason })
		if i < 0 {
			rows = append(rows, goroutineRow{cell: g.Count, state: g.Reason})
			i = len(rows) - 1
		}
		rows[i].count++
	}
	if total == 0 {
		fmt.Fprintln(r.Stdout, "No goroutines of yours are running.")
		return
	}
	slices.SortFunc(rows, func(a, b goroutineRow) int {
		return cmp.Or(cmp.Compare(a.cell, b.cell), cmp.Compare(a.state, b.state))
	})
	fmt.Fprintf(r.Stdout, "%s started by your cells (this cell's included):\n", outcome.Count(total, "goroutine"))
	tw := tabwriter.NewWriter(r.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  Count\tState\tStarted in")
	for _, g := range rows {
		fmt.Fprintf(tw, "  %d\t%s\tIn[%d]\n", g.count, g.state, g.cell)
	}
	tw.Flush()
}
