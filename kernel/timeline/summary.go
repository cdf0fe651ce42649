package timeline

import (
	"strconv"
	"strings"
	"time"
)

// Totals is the time one goroutine spent in each state during the window.
type Totals struct {
	Running, Runnable, Blocked time.Duration
	ByReason                   map[Reason]time.Duration // Blocked, split by reason
}

// TotalsOf adds up g's spans.
func TotalsOf(g *Goroutine) Totals {
	t := Totals{ByReason: map[Reason]time.Duration{}}
	for _, s := range g.Spans {
		d := s.End - s.Start
		switch s.State {
		case Running:
			t.Running += d
		case Runnable:
			t.Runnable += d
		case Blocked:
			t.Blocked += d
			t.ByReason[s.Reason] += d
		}
	}
	return t
}

// summaryRows is how many goroutines Summary lists; the rest are added up
// in one row.
const summaryRows = 50

// Summary tabulates, per user goroutine, the time it spent running,
// runnable and blocked (by reason), as an HTML table and as a text table
// (the text/plain fallback).
func Summary(t *Trace) (html, text string) {
	var reasons []Reason // columns: reasons that occur, in the legend's order
	seen := map[Reason]bool{}
	totals := make([]Totals, len(t.Goroutines))
	for i, g := range t.Goroutines {
		totals[i] = TotalsOf(g)
		for r := range totals[i].ByReason {
			seen[r] = true
		}
	}
	for _, st := range reasonStyles {
		if seen[st.why] {
			reasons = append(reasons, st.why)
		}
	}
	head := []string{"goroutine", "created at", "running", "runnable", "blocked"}
	for _, r := range reasons {
		head = append(head, "  "+string(r))
	}
	var rows [][]string
	row := func(name, where string, tt Totals) []string {
		r := []string{name, where, Dur(tt.Running), Dur(tt.Runnable), Dur(tt.Blocked)}
		for _, why := range reasons {
			if d := tt.ByReason[why]; d > 0 {
				r = append(r, Dur(d))
			} else {
				r = append(r, "")
			}
		}
		return r
	}
	var rest Totals
	rest.ByReason = map[Reason]time.Duration{}
	for i, g := range t.Goroutines {
		if i >= summaryRows {
			rest.Running += totals[i].Running
			rest.Runnable += totals[i].Runnable
			rest.Blocked += totals[i].Blocked
			for k, v := range totals[i].ByReason {
				rest.ByReason[k] += v
			}
			continue
		}
		name := "G" + strconv.FormatInt(g.ID, 10)
		if g.Func != "" {
			name += " " + ShortFunc(g.Func)
		}
		where := g.Where
		if where == "" && g.Caller {
			where = "(runs the cell)"
		}
		rows = append(rows, row(name, where, totals[i]))
	}
	if n := len(t.Goroutines) - summaryRows; n > 0 {
		rows = append(rows, row("+"+groupInt(n)+" more goroutines", "(added up)", rest))
	}
	caption := "Time per goroutine over " + Dur(t.Duration) + " (GOMAXPROCS " + strconv.Itoa(t.GOMAXPROCS) + ")"
	return summaryHTML(caption, head, rows), summaryText(caption, head, rows)
}

func summaryHTML(caption string, head []string, rows [][]string) string {
	var b strings.Builder
	b.WriteString(`<table class="gokernel-timeline-summary">` + "\n<caption>" + esc.Replace(caption) + "</caption>\n<thead><tr>")
	for i, h := range head {
		align := ` style="text-align:right"`
		if i < 2 {
			align = ` style="text-align:left"`
		}
		b.WriteString("<th" + align + ">" + esc.Replace(strings.TrimSpace(h)) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, r := range rows {
		b.WriteString("<tr>")
		for i, c := range r {
			if i < 2 {
				b.WriteString(`<td style="text-align:left">` + esc.Replace(c) + "</td>")
			} else {
				b.WriteString(`<td style="text-align:right">` + esc.Replace(c) + "</td>")
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	return b.String()
}

func summaryText(caption string, head []string, rows [][]string) string {
	width := make([]int, len(head))
	for i, h := range head {
		width[i] = len([]rune(strings.TrimSpace(h)))
	}
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	var b strings.Builder
	b.WriteString(caption + "\n")
	line := func(cells []string) {
		var l strings.Builder
		for i, c := range cells {
			c = strings.TrimSpace(c)
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if i > 0 {
				l.WriteString("  ")
			}
			if i < 2 {
				l.WriteString(c + pad)
			} else {
				l.WriteString(pad + c)
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	line(head)
	for _, r := range rows {
		line(r)
	}
	return b.String()
}
