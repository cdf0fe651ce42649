// corpus: unordered (after the send, main and the listener print in either order)
package main

import "fmt"

func listen(name string, ch <-chan string) {
	msg := <-ch
	fmt.Println(name, msg)
}

func main() {
	ch := make(chan string)
	go listen("a", ch)
	ch <- "hello"
	fmt.Println("sent")
	select {}
}
