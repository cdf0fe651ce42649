// Command gokernel is a Jupyter kernel for Go, for teaching concurrency.
//
//	gokernel kernel --connection-file FILE   serve a Jupyter connection (what kernel.json runs)
//	gokernel install [--user|--prefix DIR|--sys-prefix] [--name NAME] [--display-name TEXT]
//	gokernel run NOTEBOOK... [--check]          run notebooks headless (no Jupyter); --check compares outputs
//	gokernel lessons build [--check]           lessons/*.md → notebooks/ (run, with outputs); --check compares
//	gokernel version
//
// The kernel process owns the sockets and never runs user code: cells run in
// a worker process (this binary with the hidden subcommand "worker") that the
// kernel restarts when user code kills it.
//
// Every package of the module belongs to one process or is data both share
// (ipc, outcome, pkgdoc); only this binary imports both sides.
// processes_test.go lists which is which and fails on an import across.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/gokernel/gokernel/kernel/assist"
	"github.com/gokernel/gokernel/kernel/core"
	"github.com/gokernel/gokernel/kernel/ipc"
	"github.com/gokernel/gokernel/kernel/kernelspec"
	"github.com/gokernel/gokernel/kernel/supervisor"
	"github.com/gokernel/gokernel/kernel/transport"
	"github.com/gokernel/gokernel/kernel/wire"
	"github.com/gokernel/gokernel/kernel/worker"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

const usage = `gokernel — a Jupyter kernel for Go, built on the yaegi interpreter.

Usage:
  gokernel kernel --connection-file FILE   serve the kernel (Jupyter runs this)
  gokernel install [flags]                 install the kernelspec for Jupyter
  gokernel run NOTEBOOK... [--check]       run notebooks without Jupyter, print what each cell gives;
                                           --check: compare with the stored outputs, exit 1 on a difference
  gokernel lessons build [--check]         build notebooks/ from lessons/*.md, run, with outputs;
                                           --check: fail if notebooks/ is not what the lessons give
  gokernel version                         print the version

Run "gokernel COMMAND --help" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "kernel":
		return kernelCmd(args[1:], stderr)
	case "install":
		return installCmd(args[1:], stdout, stderr)
	case "run":
		return runCmd(args[1:], stdout, stderr)
	case "lessons":
		return lessonsCmd(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintf(stdout, "gokernel %s\n", version)
		return 0
	case "worker":
		return workerCmd(stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "gokernel: unknown command %q\n\n%s", args[0], usage)
	return 2
}

func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: gokernel %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) (ok bool, code int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return false, 0
		}
		return false, 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "gokernel %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return false, 2
	}
	return true, 0
}

func installCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("install", "install [--user | --prefix DIR | --sys-prefix] [--name NAME] [--display-name TEXT]", stderr)
	var o kernelspec.Options
	fs.BoolVar(&o.User, "user", false, "install for the current user (Jupyter's user data dir)")
	fs.StringVar(&o.Prefix, "prefix", "", "install into `DIR`/share/jupyter/kernels/NAME")
	fs.BoolVar(&o.SysPrefix, "sys-prefix", false, "install into the Python environment Jupyter runs in")
	fs.StringVar(&o.Name, "name", "gokernel", "kernelspec directory `name`")
	fs.StringVar(&o.DisplayName, "display-name", "Go (gokernel)", "name shown in Jupyter's kernel menu")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	dir, err := kernelspec.Install(o)
	if err != nil {
		fmt.Fprintf(stderr, "gokernel install: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Installed kernelspec %s in %s\n", o.Name, dir)
	return 0
}

func kernelCmd(args []string, stderr io.Writer) int {
	fs := newFlags("kernel", "kernel --connection-file FILE", stderr)
	connFile := fs.String("connection-file", "", "Jupyter connection `file` (JSON)")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if *connFile == "" {
		fmt.Fprintln(stderr, "gokernel kernel: --connection-file is required")
		fs.Usage()
		return 2
	}
	info, err := wire.LoadConnection(*connFile)
	if err != nil {
		fmt.Fprintf(stderr, "gokernel kernel: %v\n", err)
		return 1
	}
	signer, err := info.Signer()
	if err != nil {
		fmt.Fprintf(stderr, "gokernel kernel: %v\n", err)
		return 1
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	socks, err := transport.Listen(ctx, transport.Endpoints{
		Shell: info.Endpoint(info.ShellPort), Control: info.Endpoint(info.ControlPort),
		Stdin: info.Endpoint(info.StdinPort), IOPub: info.Endpoint(info.IOPubPort), HB: info.Endpoint(info.HBPort),
	})
	if err != nil {
		fmt.Fprintf(stderr, "gokernel kernel: %v\n", err)
		return 1
	}
	defer socks.Close()

	k := core.New(socks, signer, core.Options{
		Version:   version,
		Assistant: assist.New(),
		StartExecutor: func(sink func(*ipc.Event)) core.Executor {
			return supervisor.New(supervisor.Options{}, sink)
		},
	})
	if ppid, err := strconv.Atoi(os.Getenv("JPY_PARENT_PID")); err == nil && ppid > 1 {
		go watchParent(ppid, cancel)
	}
	// SIGINT interrupts the running cell, as in ipykernel; SIGTERM stops.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		for s := range sigs {
			if s == os.Interrupt {
				k.Interrupt()
				continue
			}
			cancel()
		}
	}()
	if _, err := k.Serve(ctx); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "gokernel kernel: %v\n", err)
		return 1
	}
	return 0
}

// watchParent stops the kernel when the process that started it (named by
// jupyter_client in JPY_PARENT_PID) is gone, as ipykernel's parent poller
// does: a killed notebook server or nbconvert must not leave kernels behind.
func watchParent(ppid int, stop func()) {
	for range time.Tick(time.Second) {
		if os.Getppid() != ppid {
			stop()
			return
		}
	}
}

// workerCmd is the hidden subcommand the supervisor starts: requests arrive
// on fd 3, events leave on fd 4.
func workerCmd(stderr io.Writer) int {
	signal.Ignore(os.Interrupt) // interrupts come as messages from the kernel
	req := os.NewFile(3, "requests")
	ev := os.NewFile(4, "events")
	if req == nil || ev == nil {
		fmt.Fprintln(stderr, "gokernel worker: must be started by the kernel")
		return 2
	}
	if err := worker.Run(req, ev); err != nil {
		fmt.Fprintf(stderr, "gokernel worker: %v\n", err)
		return 1
	}
	return 0
}
