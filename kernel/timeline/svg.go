package timeline

import (
	"strconv"
	"strings"
	"time"
)

// SVGOptions tune SVG. The zero value is what %%timeline shows.
type SVGOptions struct {
	Width         int     // total width in px; 0: 960
	MaxGoroutines int     // goroutine lanes drawn; the rest share one "+K more goroutines" lane; 0: 32
	MaxBytes      int     // about the largest SVG; lanes stop (and are summarised) and short spans merge to stay under it; 0: 2 MB
	MinSpanPx     float64 // spans narrower than this merge with their neighbours; 0: 1; negative: never merge
	Title         string  // "" : a title saying what was recorded
	CallerLabel   string  // second line of f's goroutine's lane when its Where is empty; "": "the cell's own goroutine"
}

func (o SVGOptions) norm() SVGOptions {
	if o.Width <= 0 {
		o.Width = 960
	}
	if o.Width < 400 {
		o.Width = 400
	}
	if o.MaxGoroutines <= 0 {
		o.MaxGoroutines = 32
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 2 << 20
	}
	if o.MinSpanPx == 0 {
		o.MinSpanPx = 1
	}
	if o.MinSpanPx < 0 {
		o.MinSpanPx = 0
	}
	if o.CallerLabel == "" {
		o.CallerLabel = "the cell's own goroutine"
	}
	return o
}

// Geometry, in px.
const (
	labelW   = 200 // left column: lane names
	rightM   = 16
	pLaneH   = 18
	gLaneH   = 30
	laneGap  = 3
	headH    = 18 // section headings
	fontFace = "DejaVu Sans, Verdana, Arial, sans-serif"
)

// palette colours goroutines (running spans, and the P that runs them);
// goroutine i of Trace.Goroutines gets palette[i%len].
var palette = []string{
	"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
	"#b07aa1", "#ff9da7", "#9c755f", "#3d9970", "#d37295", "#8cd17d",
}

const (
	otherColour = "#c8c8c8" // goroutines that are not the user's, on P lanes
	gcColour    = "#8a8a8a" // GC workers, on P lanes
)

// reasonStyle is how a blocked span shows its reason.
type reasonStyle struct {
	why    Reason
	colour string
	glyph  string
	text   string // legend
}

var reasonStyles = []reasonStyle{
	{ChanRecv, "#1f5fbf", "←", "chan receive: waiting for a value (<-ch)"},
	{ChanSend, "#b03a2e", "→", "chan send: waiting for a receiver (ch <- v)"},
	{Select, "#8e44ad", "⇄", "select: no case ready"},
	{Sleep, "#7f8c8d", "z", "sleep: time.Sleep"},
	{Mutex, "#d35400", "M", "mutex: waiting for Lock (sync.Mutex, RWMutex)"},
	{Sync, "#138d75", "W", "sync: WaitGroup.Wait, Cond.Wait"},
	{Syscall, "#2c3e50", "S", "syscall: in a system call"},
	{IO, "#27ae60", "N", "network: waiting for the network"},
	{GC, "#b7950b", "G", "GC: waiting for the garbage collector"},
	{Forever, "#000000", "∞", "forever: select {} or a nil channel"},
	{Unknown, "#aaaaaa", "?", "blocked since before the recording"},
	{Other, "#95a5a6", "·", "blocked, other reason"},
}

func styleOf(r Reason) reasonStyle {
	for _, s := range reasonStyles {
		if s.why == r {
			return s
		}
	}
	return reasonStyles[len(reasonStyles)-1]
}

var esc = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

type svgw struct {
	b      strings.Builder
	t      *Trace
	o      SVGOptions
	x0, x1 float64
	scale  float64 // px per ns
	minPx  float64
	y      float64
	colour map[int64]string
	used   map[string]bool // legend items in use
}

func (w *svgw) px(d time.Duration) float64 { return w.x0 + float64(d)*w.scale }

func (w *svgw) s(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
}

func (w *svgw) num(v float64) {
	var buf [24]byte
	w.b.Write(strconv.AppendFloat(buf[:0], float64(int64(v*10+0.5))/10, 'f', -1, 64))
}

func (w *svgw) int(v int64) {
	var buf [24]byte
	w.b.Write(strconv.AppendInt(buf[:0], v, 10))
}

// box writes ` x=".." y=".." width=".." height=".."`.
func (w *svgw) box(x, y, wd, h float64) {
	w.s(` x="`)
	w.num(x)
	w.s(`" y="`)
	w.num(y)
	w.s(`" width="`)
	w.num(max(wd, 0.3))
	w.s(`" height="`)
	w.num(h)
	w.s(`"`)
}

func (w *svgw) times(s, e time.Duration) {
	w.s(` data-start-ns="`)
	w.int(int64(s))
	w.s(`" data-end-ns="`)
	w.int(int64(e))
	w.s(`"`)
}

func (w *svgw) text(x, y float64, class, anchor, s string) {
	w.s(`<text class="`, class, `" x="`)
	w.num(x)
	w.s(`" y="`)
	w.num(y)
	w.s(`"`)
	if anchor != "" {
		w.s(` text-anchor="`, anchor, `"`)
	}
	w.s(`>`, esc.Replace(s), `</text>`)
}

// merge walks n spans (at gives span i's times) and calls emit for each
// rectangle to draw: a span wide enough alone (count 1), or a run of
// spans each narrower than minPx, drawn as one rectangle in the style of
// its longest member (best).
func (w *svgw) merge(n int, at func(i int) (time.Duration, time.Duration), emit func(best int, s, e time.Duration, count int)) {
	pend, best, cnt := false, -1, 0
	var ps, pe, bestLen time.Duration
	flush := func() {
		if pend {
			emit(best, ps, pe, cnt)
			pend = false
		}
	}
	for i := 0; i < n; i++ {
		s, e := at(i)
		if pend && float64(s-pe)*w.scale >= w.minPx {
			flush()
		}
		if float64(e-s)*w.scale >= w.minPx {
			flush()
			emit(i, s, e, 1)
			continue
		}
		if !pend {
			pend, ps, pe, best, bestLen, cnt = true, s, e, i, e-s, 1
		} else {
			pe, cnt = e, cnt+1
			if e-s > bestLen {
				best, bestLen = i, e-s
			}
		}
		if float64(pe-ps)*w.scale >= w.minPx {
			flush()
		}
	}
	flush()
}

// SVG draws t: a time axis, one lane per P (which goroutine ran on it, in
// that goroutine's colour), one lane per user goroutine (running solid,
// runnable hatched, blocked as a thin bar in the colour of its reason with
// a glyph), regions and tasks as labelled bars, and a legend. Every drawn
// span carries data-* attributes (see the package tests).
func SVG(t *Trace, opts SVGOptions) string {
	o := opts.norm()
	w := &svgw{t: t, o: o, colour: map[int64]string{}, used: map[string]bool{}}
	w.x0, w.x1 = labelW, float64(o.Width-rightM)
	dur := max(t.Duration, 1)
	w.scale = (w.x1 - w.x0) / float64(dur)
	for i, g := range t.Goroutines {
		w.colour[g.ID] = palette[i%len(palette)]
	}
	lanes := min(len(t.Goroutines), o.MaxGoroutines)
	w.minPx = w.fitMinPx(lanes)

	w.y = 54 // below title and axis labels
	w.b.Grow(64 << 10)
	w.gcLane()
	w.taskLanes()
	w.heading("Processors (P): which goroutine runs on each")
	for _, p := range t.Procs {
		w.procLane(p)
	}
	w.heading("Goroutines: what each one does")
	plot := w.x1 - w.x0
	reserve := 3*int(plot/3)*130 + 16<<10 // the "+K more" lane and the legend, at most
	drawn := 0
	for _, g := range t.Goroutines {
		if drawn >= lanes || w.b.Len()+w.laneBytes(g) > o.MaxBytes-reserve {
			break
		}
		w.goLane(g)
		drawn++
	}
	if rest := t.Goroutines[drawn:]; len(rest) > 0 {
		w.moreLane(rest)
	}
	bodyEnd := w.y
	legend := w.legend()

	// Assemble: header (title, axis, grid) under the body, legend last.
	var out strings.Builder
	height := w.y + 8
	out.Grow(w.b.Len() + len(legend) + 8<<10)
	h := &svgw{t: t, o: o, x0: w.x0, x1: w.x1, scale: w.scale}
	h.s(`<svg xmlns="http://www.w3.org/2000/svg" class="gokernel-timeline" width="`)
	h.int(int64(o.Width))
	h.s(`" height="`)
	h.num(height)
	h.s(`" viewBox="0 0 `)
	h.int(int64(o.Width))
	h.s(` `)
	h.num(height)
	h.s(`" style="max-width:100%;height:auto" font-family="`, fontFace, `" font-size="11" data-duration-ns="`)
	h.int(int64(t.Duration))
	h.s(`" data-gomaxprocs="`)
	h.int(int64(t.GOMAXPROCS))
	h.s(`" data-goroutines="`)
	h.int(int64(len(t.Goroutines)))
	h.s(`" data-lanes="`)
	h.int(int64(drawn))
	h.s(`">`, "\n")
	h.s(`<defs><pattern id="gk-tl-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">`,
		`<rect width="5" height="5" fill="#f3f3f3"/><rect width="2" height="5" fill="#9a9a9a"/></pattern></defs>`, "\n")
	h.s(`<rect class="background" width="100%" height="100%" fill="#ffffff"/>`, "\n")
	title := o.Title
	if title == "" {
		title = "What the scheduler did: " + Dur(t.Duration) + ", GOMAXPROCS " + strconv.Itoa(t.GOMAXPROCS) +
			", " + plural(len(t.Goroutines), "goroutine")
	}
	h.s(`<text class="title" x="8" y="18" font-size="14" font-weight="bold">`, esc.Replace(title), `</text>`, "\n")
	h.axis(36, bodyEnd)
	out.WriteString(h.b.String())
	out.WriteString(w.b.String())
	out.WriteString(legend)
	out.WriteString("</svg>\n")
	return out.String()
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return groupInt(n) + " " + what + "s"
}

// laneBytes is about the most a goroutine's lane can take.
func (w *svgw) laneBytes(g *Goroutine) int {
	rects := float64(len(g.Spans))
	if w.minPx > 0 {
		rects = min(rects, (w.x1-w.x0)/w.minPx+2)
	}
	return int(rects)*220 + len(g.Regions)*260 + len(g.Logs)*160 + len(g.Assist)*120 + 600
}

// fitMinPx widens the merge threshold until the spans of the lanes to draw
// fit the byte budget (about 170 bytes a rectangle).
func (w *svgw) fitMinPx(lanes int) float64 {
	minPx := w.o.MinSpanPx
	if minPx == 0 {
		return 0
	}
	plot := w.x1 - w.x0
	for ; minPx < 16; minPx *= 2 {
		est := 0.0
		cap := plot / minPx
		for _, p := range w.t.Procs {
			est += min(float64(len(p.Spans)), cap)
		}
		for _, g := range w.t.Goroutines[:lanes] {
			est += min(float64(len(g.Spans)), cap)
		}
		if est*170 < float64(w.o.MaxBytes)*0.8 {
			break
		}
	}
	return minPx
}

// axis draws tick labels at y and grid lines from y down to bottom.
func (w *svgw) axis(y, bottom float64) {
	dur := max(w.t.Duration, 1)
	step := niceStep(dur, max(int((w.x1-w.x0)/90), 2))
	w.s(`<g class="axis">`)
	var grid strings.Builder
	for v := time.Duration(0); v <= dur; v += step {
		x := w.px(v)
		w.s(`<text class="tick" data-ns="`)
		w.int(int64(v))
		w.s(`" x="`)
		w.num(x)
		w.s(`" y="`)
		w.num(y + 8)
		w.s(`" text-anchor="middle" fill="#555">`, tickLabel(v, step, dur), `</text>`)
		grid.WriteString("M")
		grid.WriteString(strconv.FormatFloat(float64(int64(x*10))/10, 'f', -1, 64))
		grid.WriteString(" ")
		grid.WriteString(strconv.FormatFloat(y+12, 'f', -1, 64))
		grid.WriteString("V")
		grid.WriteString(strconv.FormatFloat(float64(int64(bottom)), 'f', -1, 64))
	}
	w.s(`<path class="grid" d="`, grid.String(), `" stroke="#e4e4e4" stroke-width="1"/>`)
	w.s(`<path d="M`)
	w.num(w.x0)
	w.s(` `)
	w.num(y + 12)
	w.s(`H`)
	w.num(w.x1)
	w.s(`" stroke="#888" stroke-width="1"/>`)
	w.s("</g>\n")
}

func (w *svgw) heading(s string) {
	w.y += 4
	w.text(8, w.y+12, "heading", "", s)
	w.b.WriteString("\n")
	w.y += headH
}

// laneStart opens a lane group with its name at the left.
func (w *svgw) laneStart(kind, id string, h float64, extra string, name, sub, tip string) {
	w.s(`<g class="lane" data-kind="`, kind, `" data-id="`, id, `"`, extra, `>`)
	w.s(`<rect class="lane-bg" x="0"`)
	w.s(` y="`)
	w.num(w.y)
	w.s(`" width="`)
	w.int(int64(w.o.Width))
	w.s(`" height="`)
	w.num(h)
	w.s(`" fill="#f7f7f7"/>`)
	if tip != "" {
		w.s(`<title>`, esc.Replace(tip), `</title>`)
	}
	if sub == "" {
		w.text(8, w.y+h/2+4, "lane-name", "", clip(name, 30))
	} else {
		w.text(8, w.y+12, "lane-name", "", clip(name, 30))
		w.s(`<text class="lane-sub" x="8" y="`)
		w.num(w.y + 24)
		w.s(`" font-size="9" fill="#666">`, esc.Replace(clipLeft(sub, 38)), `</text>`)
	}
}

func (w *svgw) laneEnd(h float64) {
	w.s("</g>\n")
	w.y += h + laneGap
}

// clipLeft keeps the end of s (a creation site's file:line).
func clipLeft(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return "…" + string(r[len(r)-n+1:])
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func (w *svgw) gcLane() {
	if len(w.t.GC) == 0 {
		return
	}
	const h = 12
	w.laneStart("GC", "gc", h, "", "GC, stop-the-world", "", "garbage collection: the concurrent mark phase (light) and stop-the-world pauses (dark)")
	for _, r := range w.t.GC {
		class, fill, y, hh := "gc mark", "#f0e2a8", w.y+2, float64(h-4)
		if r.Name != "GC" {
			class, fill, y, hh = "gc stw", "#7d6608", w.y, h
			w.used["stw"] = true
		} else {
			w.used["gc"] = true
		}
		w.s(`<rect class="`, class, `" data-name="`, esc.Replace(r.Name), `"`)
		w.times(r.Start, r.End)
		w.box(w.px(r.Start), y, float64(r.End-r.Start)*w.scale, hh)
		w.s(` fill="`, fill, `"><title>`, esc.Replace(r.Name), `: `, Dur(r.Start), `–`, Dur(r.End), `</title></rect>`)
	}
	w.laneEnd(h)
}

// taskLanes packs tasks into at most 6 rows.
func (w *svgw) taskLanes() {
	if len(w.t.Tasks) == 0 {
		return
	}
	w.used["task"] = true
	w.heading("Tasks (trace.NewTask)")
	var rowEnd []time.Duration
	rows := map[int][]*Task{}
	for _, tk := range w.t.Tasks {
		r := 0
		for r < len(rowEnd) && rowEnd[r] > tk.Start {
			r++
		}
		if r == len(rowEnd) {
			if r == 6 {
				continue
			}
			rowEnd = append(rowEnd, 0)
		}
		rowEnd[r] = tk.End
		rows[r] = append(rows[r], tk)
	}
	const h = 16
	for r := range rowEnd {
		w.laneStart("task", strconv.Itoa(r), h, "", "", "", "")
		for _, tk := range rows[r] {
			x, wd := w.px(tk.Start), float64(tk.End-tk.Start)*w.scale
			w.s(`<rect class="task" data-task="`)
			w.int(int64(tk.ID))
			w.s(`" data-type="`, esc.Replace(tk.Type), `" data-parent="`)
			w.int(int64(tk.Parent))
			w.s(`"`)
			w.times(tk.Start, tk.End)
			w.box(x, w.y+1, wd, h-2)
			w.s(` rx="3" fill="#d6eaf8" stroke="#2e86c1"><title>task `, esc.Replace(tk.Type), `: `, Dur(tk.Start), `–`, Dur(tk.End), ` (`, Dur(tk.End-tk.Start), `)</title></rect>`)
			if label := fitLabel(tk.Type, wd, 6); label != "" {
				w.text(x+3, w.y+h-4, "task-label", "", label)
			}
		}
		w.laneEnd(h)
	}
}

// fitLabel is s cut to fit width px at about charW px a character.
func fitLabel(s string, width, charW float64) string {
	n := int((width - 6) / charW)
	if n < 2 {
		return ""
	}
	return clip(s, n)
}

func (w *svgw) procLane(p *Proc) {
	id := strconv.Itoa(p.ID)
	w.laneStart("P", id, pLaneH, "", "P"+id, "", "")
	sp := p.Spans
	w.merge(len(sp), func(i int) (time.Duration, time.Duration) { return sp[i].Start, sp[i].End },
		func(best int, s, e time.Duration, count int) {
			ps := sp[best]
			class, fill := "span running", w.colour[ps.G]
			switch {
			case ps.GC:
				class, fill = "span running gc", gcColour
				w.used["gcworker"] = true
			case !ps.User:
				class, fill = "span running other", otherColour
				w.used["other"] = true
			}
			if count > 1 {
				class += " merged"
				w.used["merged"] = true
			}
			w.s(`<rect class="`, class, `" data-g="`)
			w.int(ps.G)
			w.s(`" data-p="`, id, `"`)
			if count > 1 {
				w.s(` data-merged="`)
				w.int(int64(count))
				w.s(`"`)
			}
			w.times(s, e)
			wd := float64(e-s) * w.scale
			w.box(w.px(s), w.y+1, wd, pLaneH-2)
			w.s(` fill="`, fill, `"`)
			label := "G" + strconv.FormatInt(ps.G, 10)
			what := label
			switch {
			case ps.GC:
				label, what = "GC", label+" (garbage collector)"
			case !ps.User:
				what += " (not yours)"
			}
			if wd >= 2 {
				w.s(`><title>`, what, ` on P`, id, `, `, Dur(s), `–`, Dur(e), ` (`, Dur(e-s), `)</title></rect>`)
			} else {
				w.s(`/>`)
			}
			if wd >= 26 && count == 1 {
				w.s(`<text class="span-label" x="`)
				w.num(w.px(s) + wd/2)
				w.s(`" y="`)
				w.num(w.y + pLaneH - 5)
				w.s(`" text-anchor="middle" font-size="9" fill="#fff">`, label, `</text>`)
			}
		})
	w.laneEnd(pLaneH)
}

func (w *svgw) goLane(g *Goroutine) {
	id := strconv.FormatInt(g.ID, 10)
	name := "G" + id
	if g.Func != "" {
		name += " " + ShortFunc(g.Func)
	}
	sub := g.Where
	if sub != "" && !g.Caller {
		sub = "go at " + sub
	}
	if sub == "" && g.Caller {
		sub = w.o.CallerLabel
	}
	extra := ` data-func="` + esc.Replace(g.Func) + `" data-where="` + esc.Replace(g.Where) + `"`
	if g.Caller {
		extra += ` data-caller="true"`
	}
	tip := name
	if sub != "" {
		tip += "\n" + sub
	}
	w.laneStart("G", id, gLaneH, extra, name, sub, tip)
	// regions: a strip above the state bar
	for _, r := range g.Regions {
		w.used["region"] = true
		x, wd := w.px(r.Start), float64(r.End-r.Start)*w.scale
		inset := float64(min(r.Depth, 2))
		w.s(`<rect class="region" data-g="`, id, `" data-type="`, esc.Replace(r.Type), `" data-task="`)
		w.int(int64(r.Task))
		w.s(`" data-depth="`)
		w.int(int64(r.Depth))
		w.s(`"`)
		w.times(r.Start, r.End)
		w.box(x, w.y+1+inset, wd, 9-inset)
		w.s(` fill="#fcf3cf" stroke="#b7950b" stroke-width="0.8"><title>region `, esc.Replace(r.Type), `: `, Dur(r.Start), `–`, Dur(r.End), ` (`, Dur(r.End-r.Start), `)</title></rect>`)
		if label := fitLabel(r.Type, wd, 5); label != "" && r.Depth == 0 {
			w.s(`<text class="region-label" x="`)
			w.num(x + 3)
			w.s(`" y="`)
			w.num(w.y + 8.5)
			w.s(`" font-size="8" fill="#7d6608">`, esc.Replace(label), `</text>`)
		}
	}
	top, barH := w.y+11, float64(gLaneH-13)
	sp := g.Spans
	colour := w.colour[g.ID]
	w.merge(len(sp), func(i int) (time.Duration, time.Duration) { return sp[i].Start, sp[i].End },
		func(best int, s, e time.Duration, count int) {
			span := sp[best]
			x, wd := w.px(s), float64(e-s)*w.scale
			class := "span " + span.State.String()
			if count > 1 {
				class += " merged"
				w.used["merged"] = true
			}
			w.s(`<rect class="`, class, `" data-g="`, id, `"`)
			if span.State == Running {
				w.s(` data-p="`)
				w.int(int64(span.P))
				w.s(`"`)
			}
			if span.State == Blocked {
				w.s(` data-reason="`, string(span.Reason), `"`)
			}
			if count > 1 {
				w.s(` data-merged="`)
				w.int(int64(count))
				w.s(`"`)
			}
			w.times(s, e)
			var st reasonStyle
			switch span.State {
			case Running:
				w.used["running"] = true
				w.box(x, top, wd, barH)
				w.s(` fill="`, colour, `"`)
			case Runnable:
				w.used["runnable"] = true
				w.box(x, top+1, wd, barH-2)
				w.s(` fill="url(#gk-tl-hatch)"`)
			default:
				st = styleOf(span.Reason)
				w.used["why:"+string(st.why)] = true
				w.box(x, top+barH/2-2.5, wd, 5)
				w.s(` fill="`, st.colour, `" fill-opacity="0.55"`)
			}
			if wd >= 2 {
				w.s(`><title>`, name, ` `, span.State.String())
				switch span.State {
				case Running:
					w.s(` on P`)
					w.int(int64(span.P))
				case Blocked:
					w.s(`: `, esc.Replace(st.text))
				case Runnable:
					if span.Raw != "" {
						w.s(` (`, esc.Replace(span.Raw), `)`)
					}
				}
				w.s(`, `, Dur(s), `–`, Dur(e), ` (`, Dur(e-s), `)</title></rect>`)
			} else {
				w.s(`/>`)
			}
			if span.State == Blocked && count == 1 && wd >= 12 {
				label := st.glyph
				if wd >= 24+6*float64(len(st.why)) {
					label += " " + string(st.why)
				}
				w.s(`<text class="glyph" data-reason="`, string(st.why), `" x="`)
				w.num(x + wd/2)
				w.s(`" y="`)
				w.num(top + barH/2 + 3.5)
				w.s(`" text-anchor="middle" font-size="10" font-weight="bold" fill="`, st.colour,
					`" stroke="#f7f7f7" stroke-width="3" paint-order="stroke">`, esc.Replace(label), `</text>`)
			}
		})
	for _, a := range g.Assist {
		w.used["assist"] = true
		w.s(`<rect class="assist" data-g="`, id, `"`)
		w.times(a.Start, a.End)
		w.box(w.px(a.Start), top+barH-3, float64(a.End-a.Start)*w.scale, 3)
		w.s(` fill="`, styleOf(GC).colour, `"/>`)
	}
	for _, l := range g.Logs {
		w.used["log"] = true
		x := w.px(l.At)
		w.s(`<path class="log" data-g="`, id, `" data-at-ns="`)
		w.int(int64(l.At))
		w.s(`" d="M`)
		w.num(x - 3)
		w.s(` `)
		w.num(top - 1)
		w.s(`h6l-3 4z" fill="#333"><title>log `, esc.Replace(l.Category), `: `, esc.Replace(l.Message), ` at `, Dur(l.At), `</title></path>`)
	}
	w.laneEnd(gLaneH)
}

// moreLane summarises goroutines that got no lane of their own: per column
// of time, how many of them were running, runnable and blocked on average.
func (w *svgw) moreLane(rest []*Goroutine) {
	const h = 44
	n := len(rest)
	cols := max(int((w.x1-w.x0)/3), 1)
	dur := max(w.t.Duration, 1)
	bucket := float64(dur) / float64(cols)
	acc := make([][3]float64, cols) // ns per state per column
	for _, g := range rest {
		for _, s := range g.Spans {
			k := int(s.State) - 1
			if k < 0 || k > 2 {
				continue
			}
			a, e := float64(s.Start), float64(s.End)
			for c := max(int(a/bucket), 0); c < cols && float64(c)*bucket < e; c++ {
				lo, hi := max(a, float64(c)*bucket), min(e, float64(c+1)*bucket)
				if hi > lo {
					acc[c][k] += hi - lo
				}
			}
		}
	}
	peak := 0.0
	for _, a := range acc {
		peak = max(peak, (a[0]+a[1]+a[2])/bucket)
	}
	w.used["more"] = true
	w.laneStart("more", "more", h, ` data-count="`+strconv.Itoa(n)+`"`,
		"+"+groupInt(n)+" more goroutines", "full height: "+plural(int(peak+0.5), "goroutine")+" at once",
		"goroutines without a lane of their own: how many of them are running (dark), runnable (hatched) and blocked (light), on average")
	if peak == 0 {
		w.laneEnd(h)
		return
	}
	barTop, barH := w.y+2, float64(h-4)
	classes := [3]string{"span summary running", "span summary runnable", "span summary blocked"}
	fills := [3]string{"#555555", "url(#gk-tl-hatch)", "#cfd8dc"}
	for k := 0; k < 3; k++ {
		// merge neighbouring columns of equal height
		for c := 0; c < cols; {
			base := 0.0
			for j := 0; j < k; j++ {
				base += acc[c][j]
			}
			hpx := acc[c][k] / bucket / peak * barH
			bpx := base / bucket / peak * barH
			e := c + 1
			for e < cols {
				b2 := 0.0
				for j := 0; j < k; j++ {
					b2 += acc[e][j]
				}
				if int(acc[e][k]/bucket/peak*barH*2) != int(hpx*2) || int(b2/bucket/peak*barH*2) != int(bpx*2) {
					break
				}
				e++
			}
			if hpx >= 0.5 {
				avg := 0.0
				for j := c; j < e; j++ {
					avg += acc[j][k] / bucket
				}
				avg /= float64(e - c)
				s, en := time.Duration(float64(c)*bucket), time.Duration(float64(e)*bucket)
				w.s(`<rect class="`, classes[k], `" data-avg="`, strconv.FormatFloat(avg, 'f', 1, 64), `"`)
				w.times(s, en)
				w.box(w.px(s), barTop+barH-bpx-hpx, float64(en-s)*w.scale, hpx)
				w.s(` fill="`, fills[k], `"/>`)
			}
			c = e
		}
	}
	w.laneEnd(h)
}

// legend explains what the drawing uses, and nothing else.
func (w *svgw) legend() string {
	l := &svgw{t: w.t, o: w.o}
	y := w.y + 6
	l.s(`<g class="legend">`)
	l.text(8, y+12, "heading", "", "How to read it")
	y += 20
	x := 8.0
	item := func(key, label string, swatch func(x, y float64)) {
		width := 26 + 6.6*float64(len([]rune(label)))
		if x+width > float64(w.o.Width)-8 {
			x, y = 8, y+18
		}
		l.s(`<g class="legend-item" data-item="`, esc.Replace(key), `">`)
		swatch(x, y)
		l.text(x+22, y+10, "legend-text", "", label)
		l.s(`</g>`)
		x += width + 10
	}
	rect := func(fill, extra string) func(x, y float64) {
		return func(x, y float64) {
			l.s(`<rect`)
			l.box(x, y, 18, 12)
			l.s(` fill="`, fill, `"`, extra, `/>`)
		}
	}
	if w.used["running"] || len(w.t.Procs) > 0 {
		item("running", "running (colour of the goroutine, also on its P)", rect(palette[0], ""))
	}
	if w.used["runnable"] {
		item("runnable", "runnable: ready, waiting for a free P", rect("url(#gk-tl-hatch)", ""))
	}
	for _, st := range reasonStyles {
		if !w.used["why:"+string(st.why)] {
			continue
		}
		item("blocked:"+string(st.why), st.text, func(x, y float64) {
			l.s(`<rect`)
			l.box(x, y+3.5, 18, 5)
			l.s(` fill="`, st.colour, `" fill-opacity="0.55"/>`)
			l.s(`<text x="`)
			l.num(x + 9)
			l.s(`" y="`)
			l.num(y + 10)
			l.s(`" text-anchor="middle" font-size="10" font-weight="bold" fill="`, st.colour, `" stroke="#fff" stroke-width="3" paint-order="stroke">`, esc.Replace(st.glyph), `</text>`)
		})
	}
	if w.used["other"] {
		item("other", "another goroutine (the kernel's or the runtime's)", rect(otherColour, ""))
	}
	if w.used["gcworker"] {
		item("gcworker", "garbage collector at work", rect(gcColour, ""))
	}
	if w.used["region"] {
		item("region", "region (trace.WithRegion)", rect("#fcf3cf", ` stroke="#b7950b"`))
	}
	if w.used["task"] {
		item("task", "task (trace.NewTask)", rect("#d6eaf8", ` stroke="#2e86c1"`))
	}
	if w.used["gc"] {
		item("gc", "GC mark phase", rect("#f0e2a8", ""))
	}
	if w.used["stw"] {
		item("stw", "stop-the-world: every goroutine paused", rect("#7d6608", ""))
	}
	if w.used["assist"] {
		item("assist", "GC assist: helping the collector", rect(styleOf(GC).colour, ""))
	}
	if w.used["log"] {
		item("log", "trace.Log", func(x, y float64) {
			l.s(`<path d="M`)
			l.num(x + 6)
			l.s(` `)
			l.num(y + 2)
			l.s(`h6l-3 6z" fill="#333"/>`)
		})
	}
	if w.used["more"] {
		item("more", "+K more: how many of them run (dark), wait for a P (hatched), are blocked (light)", func(x, y float64) {
			l.s(`<rect`)
			l.box(x, y+8, 6, 4)
			l.s(` fill="#555555"/><rect`)
			l.box(x+6, y+4, 6, 8)
			l.s(` fill="url(#gk-tl-hatch)"/><rect`)
			l.box(x+12, y, 6, 12)
			l.s(` fill="#cfd8dc"/>`)
		})
	}
	if w.used["merged"] {
		item("merged", "spans too short to see are drawn together (as the longest of them)", rect("#bbbbbb", ""))
	}
	l.s("</g>\n")
	w.y = y + 22
	return l.b.String()
}

// Bundle is what %%timeline shows, as a display MIME bundle: the SVG
// (image/svg+xml), the SVG with the Summary table under it (text/html),
// and the Summary as text (text/plain).
func Bundle(t *Trace, opts SVGOptions) map[string]any {
	svg := SVG(t, opts)
	html, text := Summary(t)
	return map[string]any{
		"image/svg+xml": svg,
		"text/html":     `<div class="gokernel-timeline">` + svg + html + `</div>`,
		"text/plain":    text,
	}
}
