package frontend

// TypeChecked reports whether the kernel's type checker accepted the cell
// (every error it found, if any, one the kernel allows): a compile error
// the interpreter then reports in it is the interpreter's failure on valid
// Go (engine/limits.go).
func (c *Cell) TypeChecked() bool { return c.types != nil }
