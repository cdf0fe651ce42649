package kernelspec

import (
	"embed"
	"fmt"
)

// The logo is a rounded square in Go's brand cyan (#00ADD8) with a white
// "Go" wordmark. The files in logo/ are what Install copies into the spec,
// under the same names; they were drawn once (a PNG rasteriser and an SVG
// writer from the same geometry, so the three agree) and are kept as
// files so that changing the logo is changing a picture.
//
//go:embed logo/logo-32x32.png logo/logo-64x64.png logo/logo-svg.svg
var logos embed.FS

// logoPNG returns the size×size logo, for the sizes Jupyter uses (32 and
// 64).
func logoPNG(size int) ([]byte, error) {
	b, err := logos.ReadFile(fmt.Sprintf("logo/logo-%dx%d.png", size, size))
	if err != nil {
		return nil, fmt.Errorf("kernelspec: no %dx%d logo", size, size)
	}
	return b, nil
}

// logoSVG returns the logo as a standalone SVG document.
func logoSVG() []byte {
	b, err := logos.ReadFile("logo/logo-svg.svg")
	if err != nil {
		panic(err) // embedded at build time: cannot happen
	}
	return b
}
