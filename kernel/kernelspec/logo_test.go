package kernelspec

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

// goCyan is Go's brand colour #00ADD8, the logo's background.
var goCyan = color.NRGBA{R: 0x00, G: 0xAD, B: 0xD8, A: 0xFF}

func TestLogoPNG(t *testing.T) {
	white := color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	clear := color.NRGBA{}
	for _, size := range []int{32, 64} {
		t.Run(itoa(size), func(t *testing.T) {
			b, err := logoPNG(size)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if got := img.Bounds(); got != image.Rect(0, 0, size, size) {
				t.Fatalf("bounds %v, want %dx%d", got, size, size)
			}
			at := func(x, y float64) color.NRGBA {
				return color.NRGBAModel.Convert(img.At(int(x*float64(size)), int(y*float64(size)))).(color.NRGBA)
			}
			// Points in logo units: rounded-off corner, plain background,
			// the left stroke of the G, the hole of the o, the bottom of the o.
			checks := []struct {
				what string
				x, y float64
				want color.NRGBA
			}{
				{"corner", 0.01, 0.01, clear},
				{"top background", 0.5, 0.1, goCyan},
				{"bottom background", 0.5, 0.9, goCyan},
				{"G left stroke", 0.14, 0.5, white},
				{"G inside", 0.3, 0.45, goCyan},
				{"o hole", 0.74, 0.56, goCyan},
				{"o bottom", 0.73, 0.67, white},
			}
			for _, c := range checks {
				if got := at(c.x, c.y); got != c.want {
					t.Errorf("%s at (%.2f,%.2f): %v, want %v", c.what, c.x, c.y, got, c.want)
				}
			}
		})
	}
	if _, err := logoPNG(0); err == nil {
		t.Error("logoPNG(0) succeeded")
	}
}

func TestLogoSVG(t *testing.T) {
	svg := logoSVG()
	checkSVG(t, svg)
	for _, want := range []string{`fill="#00ADD8"`, `stroke="#fff"`, "<circle", "<path"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("SVG lacks %s:\n%s", want, svg)
		}
	}
}
