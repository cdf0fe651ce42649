// Package display is the rich-output API of cells and the rich form of a
// cell's Out value.
//
// Cells import it as
//
//	import "gokernel/display"
//
// (a host package the engine registers in the interpreter, see Symbols;
// the worker describes the same table to the kernel process, which
// completes "display." without loading this package) and call:
//
//	display.HTML(s), display.Markdown(s), display.SVG(s), display.LaTeX(s),
//	display.Text(s), display.JSON(v), display.PNG(b), display.JPEG(b)
//	    publish one display_data message with that MIME type (and a
//	    text/plain fallback);
//	id := display.Show("text/html", "<b>0</b>")
//	    publishes content of one MIME type with a transient display_id and
//	    returns the id;
//	display.Update(id, "text/html", "<b>1</b>")
//	    replaces what was shown under id (update_display_data);
//	display.ShowBundle(map[string]any{…}), display.UpdateBundle(id, map[string]any{…})
//	    the same with several MIME types at once;
//	display.Clear(wait)
//	    clears the cell's output (clear_output; wait=true clears when the
//	    next output arrives, without flicker);
//	bar := display.Progress(total, "label"); bar.Add(1); bar.Done()
//	    a tqdm-like progress bar: one display_data, then at most ten
//	    update_display_data a second, as text/plain and text/html.
//
//	display.Timeline(func() { … })
//	    runs the function and shows what the scheduler did meanwhile, as
//	    %%timeline does for a whole cell (the worker sets Recorder).
//
// Contract: every call sends one outcome.Display through the Sink given to
// New, synchronously and in call order; the worker attributes it to the
// cell of the calling goroutine and sends the cell's pending stream output
// first, so text and pictures appear in the order the cell produced them.
//
// Out: Rich turns a cell's trailing value into a MIME bundle when it is an
// image.Image (image/png); values with HTML(), Markdown() or SVG() string
// methods are detected in interpreted code by the engine's prelude (see
// package engine), because yaegi hides the methods of interpreted types
// from reflect.
package display

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/png"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/outcome"
)

// Path is the import path cells use.
const Path = "gokernel/display"

// Bundle is a MIME bundle: MIME type -> content (a string for text types,
// base64 for images, any JSON value for application/json).
//
// Cells spell it map[string]any: yaegi v0.16.1 fails to compile a composite
// literal of a host map type (display.Bundle{…}) inside a function with
// "undefined type", so the package exports no Bundle type.
type Bundle = map[string]any

// Sink receives the display events of cells.
type Sink func(outcome.Display)

// API is the display package bound to one Sink.
type API struct{ sink Sink }

// New binds the display API to sink.
func New(sink Sink) *API { return &API{sink: sink} }

func (a *API) show(b Bundle, id string) {
	a.sink(outcome.Display{Data: withText(b), ID: id})
}

func withText(b Bundle) map[string]any {
	out := make(map[string]any, len(b)+1)
	for k, v := range b {
		out[k] = v
	}
	if _, ok := out["text/plain"]; !ok {
		kinds := make([]string, 0, len(b))
		for k := range b {
			kinds = append(kinds, k)
		}
		out["text/plain"] = "<" + strings.Join(kinds, ", ") + " display>"
	}
	return out
}

// HTML shows s as text/html.
func (a *API) HTML(s string) { a.show(Bundle{"text/html": s}, "") }

// Markdown shows s as text/markdown.
func (a *API) Markdown(s string) { a.show(Bundle{"text/markdown": s, "text/plain": s}, "") }

// SVG shows an SVG document.
func (a *API) SVG(s string) { a.show(Bundle{"image/svg+xml": s}, "") }

// LaTeX shows s as text/latex (wrap math in $…$).
func (a *API) LaTeX(s string) { a.show(Bundle{"text/latex": s, "text/plain": s}, "") }

// Text shows s as text/plain.
func (a *API) Text(s string) { a.show(Bundle{"text/plain": s}, "") }

// JSON shows v as application/json (a tree view in JupyterLab).
func (a *API) JSON(v any) {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("display.JSON: %v", err))
	}
	var tree any
	json.Unmarshal(raw, &tree)
	pretty, _ := json.MarshalIndent(tree, "", "  ")
	a.show(Bundle{"application/json": tree, "text/plain": string(pretty)}, "")
}

// PNG shows PNG-encoded bytes.
func (a *API) PNG(b []byte) { a.show(Bundle{"image/png": b}, "") } // []byte marshals as base64

// JPEG shows JPEG-encoded bytes.
func (a *API) JPEG(b []byte) { a.show(Bundle{"image/jpeg": b}, "") }

// ShowBundle publishes b with a new display id and returns the id.
func (a *API) ShowBundle(b Bundle) string {
	id := NewID()
	a.show(b, id)
	return id
}

// UpdateBundle replaces the output shown under id.
func (a *API) UpdateBundle(id string, b Bundle) {
	a.sink(outcome.Display{Data: withText(b), ID: id, Update: true})
}

// Show publishes content of one MIME type with a new display id and
// returns the id, for Update.
func (a *API) Show(mime string, content any) string { return a.ShowBundle(Bundle{mime: content}) }

// Update replaces the output shown under id.
func (a *API) Update(id, mime string, content any) { a.UpdateBundle(id, Bundle{mime: content}) }

// Clear clears the cell's output; with wait, when the next output arrives.
func (a *API) Clear(wait bool) { a.sink(outcome.Display{Clear: true, Wait: wait}) }

// NewID returns a fresh display id.
func NewID() string {
	var b [8]byte
	rand.Read(b[:])
	return "gk-" + hex.EncodeToString(b[:])
}

// Bar is a progress bar (display.Progress).
type Bar struct {
	a     *API
	id    string
	label string
	total int
	start time.Time

	mu   sync.Mutex
	n    int
	last time.Time
	done bool
}

// barEvery bounds how often a bar sends an update.
const barEvery = 100 * time.Millisecond

// Progress shows a bar for total steps (0: unknown total) and returns it.
func (a *API) Progress(total int, label string) *Bar {
	b := &Bar{a: a, id: NewID(), label: label, total: total, start: time.Now()}
	b.last = b.start
	a.show(b.bundle(), b.id)
	return b
}

// Add advances the bar by n steps.
func (b *Bar) Add(n int) { b.set(func() { b.n += n }) }

// Set moves the bar to step n.
func (b *Bar) Set(n int) { b.set(func() { b.n = n }) }

// Done shows the bar's final state.
func (b *Bar) Done() {
	b.mu.Lock()
	if b.done {
		b.mu.Unlock()
		return
	}
	b.done = true
	bundle := b.bundle()
	b.mu.Unlock()
	b.a.UpdateBundle(b.id, bundle)
}

func (b *Bar) set(f func()) {
	b.mu.Lock()
	f()
	now := time.Now()
	due := now.Sub(b.last) >= barEvery || (b.total > 0 && b.n >= b.total)
	if !due || b.done {
		b.mu.Unlock()
		return
	}
	b.last = now
	if b.total > 0 && b.n >= b.total {
		b.done = true
	}
	bundle := b.bundle()
	b.mu.Unlock()
	b.a.UpdateBundle(b.id, bundle)
}

// bundle renders the bar; b.mu held (or b not shared yet).
func (b *Bar) bundle() Bundle {
	el := time.Since(b.start)
	rate := 0.0
	if s := el.Seconds(); s > 0 {
		rate = float64(b.n) / s
	}
	label := b.label
	if label != "" {
		label += ": "
	}
	if b.total <= 0 {
		text := fmt.Sprintf("%s%d [%s, %.1fit/s]", label, b.n, clock(el), rate)
		return Bundle{"text/plain": text, "text/html": "<pre>" + html.EscapeString(text) + "</pre>"}
	}
	frac := min(1, float64(b.n)/float64(b.total))
	const width = 20
	full := int(frac * width)
	eta := "?"
	if rate > 0 {
		eta = clock(time.Duration(float64(b.total-b.n) / rate * float64(time.Second)))
	}
	text := fmt.Sprintf("%s%3.0f%%|%s%s| %d/%d [%s<%s, %.1fit/s]", label, frac*100,
		strings.Repeat("█", full), strings.Repeat(" ", width-full), b.n, b.total, clock(el), eta, rate)
	htm := fmt.Sprintf(`<div><span>%s</span><progress value="%d" max="%d" style="width:40%%"></progress> <span>%d/%d [%s&lt;%s, %.1fit/s]</span></div>`,
		html.EscapeString(label), b.n, b.total, b.n, b.total, clock(el), eta, rate)
	return Bundle{"text/plain": text, "text/html": htm}
}

func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// Recorder runs f under the execution tracer on the calling goroutine and
// returns the picture of what the scheduler did meanwhile, as a MIME bundle
// (the worker sets it to %%timeline's recorder, package magic); nil:
// Timeline is not available.
var Recorder func(f func()) (map[string]any, error)

// Timeline runs f and shows what the scheduler did while it ran. It panics
// when no recording can be made (the tracer is on already, say), before f
// runs, so that the cell fails with the reason.
func (a *API) Timeline(f func()) {
	if Recorder == nil {
		panic("display.Timeline: this kernel cannot record a timeline")
	}
	b, err := Recorder(f)
	if err != nil {
		panic("display.Timeline: " + err.Error())
	}
	a.show(b, "")
}

// Symbols is the host package for yaegi's Use, under Path.
func (a *API) Symbols() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{Path + "/display": {
		"HTML":         reflect.ValueOf(a.HTML),
		"Markdown":     reflect.ValueOf(a.Markdown),
		"SVG":          reflect.ValueOf(a.SVG),
		"LaTeX":        reflect.ValueOf(a.LaTeX),
		"Text":         reflect.ValueOf(a.Text),
		"JSON":         reflect.ValueOf(a.JSON),
		"PNG":          reflect.ValueOf(a.PNG),
		"JPEG":         reflect.ValueOf(a.JPEG),
		"Show":         reflect.ValueOf(a.Show),
		"Update":       reflect.ValueOf(a.Update),
		"ShowBundle":   reflect.ValueOf(a.ShowBundle),
		"UpdateBundle": reflect.ValueOf(a.UpdateBundle),
		"Clear":        reflect.ValueOf(a.Clear),
		"Progress":     reflect.ValueOf(a.Progress),
		"Timeline":     reflect.ValueOf(a.Timeline),
		"NewID":        reflect.ValueOf(NewID),
		"Bar":          reflect.ValueOf((*Bar)(nil)),
	}}
}

// Rich is the MIME bundle of a trailing value that Go code can recognise:
// an image.Image becomes image/png (with text/plain). It returns nil for
// anything else.
func Rich(v any, text string) map[string]any {
	img, ok := v.(image.Image)
	if !ok {
		return nil
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil
	}
	b := img.Bounds()
	return map[string]any{"image/png": buf.Bytes(), "text/plain": fmt.Sprintf("<%T %dx%d>", v, b.Dx(), b.Dy())}
}
