package main

import "fmt"

type Fetcher interface {
	Fetch(url string) (body string, urls []string, err error)
}

type fakeResult struct {
	body string
	urls []string
}

type fakeFetcher map[string]*fakeResult

func (f fakeFetcher) Fetch(url string) (string, []string, error) {
	if res, ok := f[url]; ok {
		return res.body, res.urls, nil
	}
	return "", nil, fmt.Errorf("not found: %s", url)
}

func main() {
	var f Fetcher = fakeFetcher{"a": &fakeResult{"A", []string{"b"}}}
	body, urls, err := f.Fetch("a")
	fmt.Println(body, urls, err)
	_, _, err = f.Fetch("z")
	fmt.Println(err)
}
