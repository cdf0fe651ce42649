// Package lessons embeds the course's lesson sources (*.md) in the binaries
// that need them: the kernel's worker finds a %check there, and
// `gokernel lessons build` builds the notebooks from them. The format is
// package kernel/lessons's.
package lessons

import "embed"

// FS holds every lessons/*.md.
//
//go:embed *.md
var FS embed.FS
