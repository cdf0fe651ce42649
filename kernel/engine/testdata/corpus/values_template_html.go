package main

import (
	"html/template"
	"os"
)

// html/template with a cell's types: methods, fields, and escaping.

type User struct {
	First, Last string
	Bio         string
	Admin       bool
}

func (u User) FullName() string { return u.First + " " + u.Last }

type Page struct {
	Title string
	Users []User
}

func (p Page) Count() int { return len(p.Users) }

const page = `<h1>{{.Title}} ({{.Count}})</h1>
<ul>{{range .Users}}
  <li{{if .Admin}} class="admin"{{end}}>{{.FullName}}: {{.Bio}}</li>{{end}}
</ul>
`

func main() {
	t := template.Must(template.New("page").Parse(page))
	p := Page{"Team <A&B>", []User{{"Ann", "Lee", "likes <b>Go</b>", true}, {"Bo", "Ng", "5 > 3", false}}}
	if err := t.Execute(os.Stdout, p); err != nil {
		panic(err)
	}
}
