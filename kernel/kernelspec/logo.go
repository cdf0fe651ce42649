package kernelspec

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
)

// The logo is a rounded square in Go's brand cyan with a white "Go"
// wordmark, built from a handful of geometric shapes (a rounded rectangle,
// two rings, a bar) so that no font is needed. The same geometry drives both
// the PNG rasteriser and the SVG, so the two always agree.
//
// All coordinates are in a unit square, x to the right and y downwards.

// goCyan is Go's brand colour #00ADD8.
var goCyan = color.NRGBA{R: 0x00, G: 0xAD, B: 0xD8, A: 0xFF}

const (
	// Background: a rounded square covering the whole canvas.
	bgRadius = 0.21

	// "G": a ring with an opening at the upper right and a crossbar.
	gCX, gCY  = 0.3, 0.5
	gOuter    = 0.215
	gStroke   = 0.09
	gGapFrom  = 0.0  // opening starts at this angle (degrees, counter-clockwise from 3 o'clock)
	gGapTo    = 52.0 // and ends at this one
	gBarLeft  = gCX + 0.01
	gBarRight = gCX + gOuter

	// "o": a smaller ring sitting on the same baseline as the "G".
	oOuter  = 0.155
	oStroke = 0.084
	oCX     = gCX + gOuter + 0.055 + oOuter
	oCY     = gCY + gOuter - oOuter

	// Italic lean, as in Go's own wordmark: x shifts by lean*(baseline-y).
	lean     = 0.1
	baseline = gCY + gOuter
)

// inRoundedSquare reports whether (x, y) is inside the unit rounded square.
func inRoundedSquare(x, y float64) bool {
	if x < 0 || x > 1 || y < 0 || y > 1 {
		return false
	}
	// Distance to the inner rectangle [r,1-r]².
	dx := math.Max(0, math.Max(bgRadius-x, x-(1-bgRadius)))
	dy := math.Max(0, math.Max(bgRadius-y, y-(1-bgRadius)))
	return dx*dx+dy*dy <= bgRadius*bgRadius
}

// inRing reports whether (x, y) lies in the ring centred on (cx, cy) with
// the given outer radius and stroke width.
func inRing(x, y, cx, cy, outer, stroke float64) bool {
	d := math.Hypot(x-cx, y-cy)
	return d <= outer && d >= outer-stroke
}

// inLetters reports whether (x, y) is inside the white "Go" letters.
func inLetters(x, y float64) bool {
	// Undo the italic shear so the letters can be described upright.
	x -= lean * (baseline - y)

	// G: the ring minus its opening, plus the crossbar.
	if inRing(x, y, gCX, gCY, gOuter, gStroke) {
		a := math.Atan2(gCY-y, x-gCX) * 180 / math.Pi
		if a < gGapFrom || a > gGapTo {
			return true
		}
	}
	if x >= gBarLeft && x <= gBarRight && y >= gCY && y <= gCY+gStroke {
		// Clip the bar's right end to the G's outer circle.
		return math.Hypot(x-gCX, y-gCY) <= gOuter
	}

	// o
	return inRing(x, y, oCX, oCY, oOuter, oStroke)
}

// renderLogo draws the logo at size×size pixels. Each pixel is sampled on an
// n×n grid, which antialiases the edges well at 32 and 64 pixels.
func renderLogo(size int) *image.NRGBA {
	const n = 8
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var bg, fg int
			for sy := 0; sy < n; sy++ {
				y := (float64(py) + (float64(sy)+0.5)/n) / s
				for sx := 0; sx < n; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/n) / s
					if !inRoundedSquare(x, y) {
						continue
					}
					bg++
					if inLetters(x, y) {
						fg++
					}
				}
			}
			if bg == 0 {
				continue
			}
			// Every white sample is also a background sample, so the pixel
			// colour is the blend of cyan and white by their share of the
			// covered samples, and alpha is the covered share of the pixel.
			f := float64(fg) / float64(bg)
			mix := func(c uint8) uint8 {
				return uint8(math.Round(float64(c)*(1-f) + 255*f))
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: mix(goCyan.R),
				G: mix(goCyan.G),
				B: mix(goCyan.B),
				A: uint8(math.Round(255 * float64(bg) / (n * n))),
			})
		}
	}
	return img
}

// LogoPNG returns the logo encoded as a size×size PNG image.
func LogoPNG(size int) ([]byte, error) {
	if size <= 0 {
		return nil, fmt.Errorf("kernelspec: invalid logo size %d", size)
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, renderLogo(size)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// LogoSVG returns the logo as a standalone SVG document.
func LogoSVG() []byte {
	const u = 64.0 // SVG user units per logo unit
	f := func(v float64) string { return fmt.Sprintf("%.2f", v*u) }

	// G: an arc drawn with a thick stroke along the centre line of the
	// ring, from the bottom edge of the opening round to its top edge.
	gr := gOuter - gStroke/2
	rad := func(deg float64) float64 { return deg * math.Pi / 180 }
	x1, y1 := gCX+gr*math.Cos(rad(gGapFrom)), gCY-gr*math.Sin(rad(gGapFrom))
	x2, y2 := gCX+gr*math.Cos(rad(gGapTo)), gCY-gr*math.Sin(rad(gGapTo))
	// From the opening's lower edge, sweep clockwise on screen (through 6,
	// 9 and 12 o'clock) to its upper edge: the large arc.
	gArc := fmt.Sprintf("M%s %sA%s %s 0 1 1 %s %s", f(x1), f(y1), f(gr), f(gr), f(x2), f(y2))
	or := oOuter - oStroke/2

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">`+"\n")
	fmt.Fprintf(&b, `<title>Go (gokernel)</title>`+"\n")
	fmt.Fprintf(&b, `<rect width="64" height="64" rx="%s" fill="#00ADD8"/>`+"\n", f(bgRadius))
	fmt.Fprintf(&b, `<g fill="none" stroke="#fff" transform="translate(%s 0) skewX(%.2f)">`+"\n",
		f(lean*baseline), -math.Atan(lean)*180/math.Pi)
	fmt.Fprintf(&b, `<path d="%s" stroke-width="%s"/>`+"\n", gArc, f(gStroke))
	fmt.Fprintf(&b, `<path d="M%s %sH%s" stroke-width="%s"/>`+"\n",
		f(gBarLeft), f(gCY+gStroke/2), f(gCX+math.Sqrt(gOuter*gOuter-gStroke*gStroke)), f(gStroke))
	fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="%s" stroke-width="%s"/>`+"\n", f(oCX), f(oCY), f(or), f(oStroke))
	fmt.Fprintf(&b, "</g>\n</svg>\n")
	return b.Bytes()
}
