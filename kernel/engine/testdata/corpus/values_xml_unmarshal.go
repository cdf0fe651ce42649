package main

import (
	"encoding/xml"
	"fmt"
)

// xml.Unmarshal into a cell's types.

type Item struct {
	SKU   string  `xml:"sku,attr"`
	Name  string  `xml:"name"`
	Price float64 `xml:"price"`
}

type Order struct {
	XMLName xml.Name `xml:"order"`
	ID      int      `xml:"id,attr"`
	Items   []Item   `xml:"items>item"`
	Note    string   `xml:"note"`
	seen    bool
}

const data = `<order id="7">
  <items>
    <item sku="a1"><name>pen</name><price>1.5</price></item>
    <item sku="b2"><name>ink</name><price>4</price></item>
  </items>
  <note>fragile</note>
</order>`

func main() {
	o := Order{seen: true}
	err := xml.Unmarshal([]byte(data), &o)
	fmt.Printf("%v %d %q %v\n", err, o.ID, o.Note, o.seen)
	for _, it := range o.Items {
		fmt.Printf("%+v\n", it)
	}
	var bad Order
	err = xml.Unmarshal([]byte(`<invoice id="1"></invoice>`), &bad)
	fmt.Println(err)
}
