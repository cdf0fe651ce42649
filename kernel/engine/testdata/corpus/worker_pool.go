package main

import (
	"fmt"
)

// corpus: unordered
func worker(id int, jobs <-chan int, results chan<- string) {
	for j := range jobs {
		results <- fmt.Sprintf("job %d squared %d", j, j*j)
	}
}

func main() {
	jobs := make(chan int, 10)
	results := make(chan string, 10)
	for w := 1; w <= 3; w++ {
		go worker(w, jobs, results)
	}
	for j := 1; j <= 6; j++ {
		jobs <- j
	}
	close(jobs)
	for i := 0; i < 6; i++ {
		fmt.Println(<-results)
	}
}
