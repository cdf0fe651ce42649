package main

import (
	"fmt"
	"image"
	"image/color"
)

type Checker struct{ N int }

func (c Checker) ColorModel() color.Model { return color.GrayModel }
func (c Checker) Bounds() image.Rectangle { return image.Rect(0, 0, c.N, c.N) }
func (c Checker) At(x, y int) color.Color {
	if (x+y)%2 == 0 {
		return color.Gray{255}
	}
	return color.Gray{0}
}

func main() {
	var m image.Image = Checker{4}
	fmt.Println(m.Bounds())
	fmt.Println(m.At(0, 0), m.At(1, 0))
	r, g, b, a := m.At(2, 2).RGBA()
	fmt.Println(r, g, b, a)
	gray := image.NewGray(m.Bounds())
	for y := 0; y < 4; y++ {
		for x := 0; x < 4; x++ {
			gray.Set(x, y, m.At(x, y))
		}
	}
	fmt.Println(gray.GrayAt(1, 1), gray.GrayAt(1, 2))
}
