package main

import (
	"fmt"
	"os"
	"strings"
	"text/template"
)

// text/template calls a cell's methods ({{.Total}}) and prints its values
// as fmt does.

type Item struct {
	Name  string
	Price float64
	Qty   int
}

func (i Item) Subtotal() float64 { return i.Price * float64(i.Qty) }

type Status int

func (s Status) String() string { return [...]string{"open", "paid"}[s] }

type Order struct {
	ID     int
	Items  []Item
	Status Status
	notes  string
}

func (o Order) Total() float64 {
	t := 0.0
	for _, it := range o.Items {
		t += it.Subtotal()
	}
	return t
}

func (o *Order) Label() string { return fmt.Sprintf("order-%03d", o.ID) }

func (o Order) Check() (string, error) { return "ok", nil }

const text = `{{.ID}} [{{.Status}}] {{.Check}}
{{range .Items}}- {{.Name}}: {{.Qty}} x {{printf "%.2f" .Price}} = {{printf "%.2f" .Subtotal}}
{{end}}total {{printf "%.2f" .Total}} ({{len .Items}} lines)
`

func main() {
	o := Order{ID: 7, Items: []Item{{"tea", 3.5, 2}, {"cake", 4.25, 1}}, Status: 1, notes: "x"}
	t := template.Must(template.New("order").Parse(text))
	if err := t.Execute(os.Stdout, o); err != nil {
		fmt.Println("error:", err)
	}
	t2 := template.Must(template.New("p").Parse("{{.Label}} {{.Total}}\n"))
	if err := t2.Execute(os.Stdout, &o); err != nil {
		fmt.Println("error:", err)
	}
	var b strings.Builder
	t3 := template.Must(template.New("items").Parse(`{{define "one"}}<{{.Name}}>{{end}}{{range .}}{{template "one" .}}{{end}}`))
	t3.ExecuteTemplate(&b, "items", o.Items)
	fmt.Println(b.String())
	t4 := template.Must(template.New("raw").Parse("{{.}}|{{.Items}}|{{.Status}}\n"))
	t4.Execute(os.Stdout, o)
}
