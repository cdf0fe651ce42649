package magic

// What %%run and %%race add to a cell that is not a whole program: the
// imports and declarations of earlier cells. The Runner keeps the Go source
// of every cell that succeeded and defined something (what the supervisor
// keeps for a new worker: engine.Result's Replay and Vars), piece by piece
// in the cell's own lines, and program.go reads it back with
// frontend.Parse — the same split the engine ran the cell with. A new
// worker starts with the declarations the supervisor restored into it
// (Restored: engine Replay, without the variables, as the supervisor
// says "lost: …").

// histCell is one earlier cell's Go.
type histCell struct {
	cell string   // "In[3]"; "" when unknown (declarations restored into a new worker)
	src  []string // its Go pieces, each in the cell's lines
}

// remember keeps the Go of a cell that succeeded, if it defined anything.
func (r *Runner) remember(res Result) {
	if len(res.goSrc) == 0 || len(res.Replay) == 0 && len(res.Vars) == 0 {
		return
	}
	h := histCell{src: res.goSrc}
	if r.Tracker != nil {
		if c := r.Tracker.Current(); c != nil {
			h.cell = c.String()
		}
	}
	r.hist = append(r.hist, h)
}

// Restored tells the Runner which declarations of earlier cells a new
// worker restored (the Replay sources of ipc.OpRestore), for %%run.
func (r *Runner) Restored(chunks []string) {
	if len(chunks) > 0 {
		r.hist = append(r.hist, histCell{src: chunks})
	}
}
