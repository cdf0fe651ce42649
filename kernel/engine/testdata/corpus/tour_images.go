package main

import (
	"fmt"
	"image"
	"image/color"
)

type Image struct {
	w, h int
}

func (img Image) ColorModel() color.Model { return color.RGBAModel }
func (img Image) Bounds() image.Rectangle { return image.Rect(0, 0, img.w, img.h) }
func (img Image) At(x, y int) color.Color {
	v := uint8(x ^ y)
	return color.RGBA{v, v, 255, 255}
}

func main() {
	m := Image{256, 128}
	var im image.Image = m
	fmt.Println(im.Bounds())
	fmt.Println(im.ColorModel() == color.RGBAModel)
	for _, p := range []image.Point{{0, 0}, {3, 5}, {255, 127}} {
		fmt.Println(p, im.At(p.X, p.Y))
	}
	r, g, b, a := im.At(10, 20).RGBA()
	fmt.Println(r, g, b, a)
}
