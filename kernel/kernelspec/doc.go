// Package kernelspec installs gokernel's Jupyter kernelspec, the way
// `python -m ipykernel install` installs the Python one.
//
// A kernelspec is a directory named after the kernel that holds kernel.json
// (how to start the kernel) and optional logos. Install writes
//
//	kernels/NAME/kernel.json      {"argv": [EXE, "kernel", "--connection-file", "{connection_file}"], ...}
//	kernels/NAME/logo-32x32.png   from logo/, embedded in the binary
//	kernels/NAME/logo-64x64.png
//	kernels/NAME/logo-svg.svg
//
// and returns the kernels/NAME directory. Jupyter replaces {connection_file}
// with the path of the connection file when it starts the kernel. Dir
// returns the same directory without writing anything.
//
// # Where the spec goes
//
// The locations are the ones jupyter_client's KernelSpecManager and
// jupyter_core.paths use (checked against jupyter_core 4.12 and
// jupyter_client 7.4 on Debian), so that `jupyter kernelspec list` finds
// the spec:
//
//   - No option: the system-wide directory jupyter_client installs into
//     first, /usr/local/share/jupyter/kernels/NAME on Linux and macOS
//     (SYSTEM_JUPYTER_PATH[0]; %PROGRAMDATA%\jupyter\kernels\NAME on
//     Windows). Usually needs root.
//   - User: the per-user Jupyter data directory, jupyter_data_dir():
//     $JUPYTER_DATA_DIR/kernels/NAME if JUPYTER_DATA_DIR is set, otherwise
//     ~/Library/Jupyter/kernels/NAME on macOS,
//     %APPDATA%\jupyter\kernels\NAME on Windows, and on other systems
//     $XDG_DATA_HOME/jupyter/kernels/NAME, or
//     ~/.local/share/jupyter/kernels/NAME if XDG_DATA_HOME is unset or
//     empty. As in jupyter_core, the home directory has its symbolic links
//     resolved.
//   - Prefix DIR: DIR/share/jupyter/kernels/NAME, with DIR made absolute,
//     as `jupyter kernelspec install --prefix` does. Jupyter only looks
//     there if DIR is the prefix of its own Python environment or
//     DIR/share/jupyter is on JUPYTER_PATH.
//   - SysPrefix: PREFIX/share/jupyter/kernels/NAME, where PREFIX is the
//     prefix of the Python environment Jupyter runs in. ipykernel uses its
//     own sys.prefix; a Go binary has none, so it is worked out as:
//     $VIRTUAL_ENV if set, else $CONDA_PREFIX if set (an activated virtual
//     environment wins over the conda environment it was created from,
//     because its bin directory comes first on PATH), else the sys.prefix
//     reported by the Python interpreter that runs the `jupyter` found on
//     PATH: the one named on its #! line, or else the python3 or python in
//     the same directory, or else /usr/bin/python3 (also used when there is
//     no jupyter on PATH). This deliberately ignores the `python3` on PATH,
//     which need not be the one Jupyter is installed in (pyenv, for one,
//     puts a different one first). Jupyter looks in
//     PREFIX/share/jupyter for kernels (ENV_JUPYTER_PATH), so the spec is
//     found by that Jupyter. On Debian, /usr/bin/jupyter runs
//     /usr/bin/python3, whose sys.prefix is /usr.
//
// At most one of User, Prefix and SysPrefix may be set; otherwise Dir and
// Install return an error wrapping ErrConflictingOptions.
//
// # Names
//
// Name defaults to "gokernel" and must consist of ASCII letters, digits,
// '-', '.' and '_' (jupyter_client's rule); "." and ".." are rejected too.
// Like jupyter_client, the name is lower-cased, because Jupyter looks
// kernels up by their lower-case name. Invalid names give an error wrapping
// ErrInvalidName.
//
// # Overwriting
//
// Install replaces an existing spec of the same name, as
// `jupyter kernelspec install` and ipykernel do: the new spec is written to
// a temporary directory next to the destination and then swapped in, so a
// failed install leaves the old spec intact. The kernel directory gets mode
// 0755 and its files 0644 whatever the umask, so a system-wide install is
// usable by every user; missing parent directories are created with 0755
// less the umask.
package kernelspec
