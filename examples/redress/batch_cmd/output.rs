//! Where a batch's CSV goes (`docs/batch.md`, "Output").
//!
//! Standard output is written as the rows are made. A file (`--out`) appears whole or
//! not at all: the rows go to a new hidden file beside it, which is flushed to disk and
//! renamed onto it only after the last row, so that a run that fails or is stopped
//! (SIGINT, SIGTERM, SIGHUP) leaves the file as it was and removes its own. Two runs
//! writing the same file each have their own; the last to finish wins, whole.
//!
//! Before anything is opened for writing, `--out` is refused when it is one of the
//! inputs, by whatever name (a `../` spelling, a symbolic link, a hard link).

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::Failure;

/// Where the rows go, worked out before any input is read.
pub enum Plan {
    /// Standard output.
    Stdout,
    /// A file that is replaced whole (or made): `target` is where it ends up (a symbolic
    /// link followed); `shown` is how the user named it.
    Replace { target: PathBuf, shown: PathBuf },
    /// Something that is not a file (`/dev/null`, a named pipe, a terminal): written
    /// straight, as there is nothing to replace.
    Device { path: PathBuf },
}

/// Works out where `--out` writes, refusing an `--out` that is one of `inputs` (each
/// with its flag) or that cannot be a file.
///
/// # Errors
/// Exit 2 with what to write instead.
pub fn plan(out: Option<&Path>, inputs: &[(&str, &Path)]) -> Result<Plan, Failure> {
    let Some(out) = out else {
        return Ok(Plan::Stdout);
    };
    let shown = out.display();
    if let Ok(meta) = fs::metadata(out) {
        for &(flag, input) in inputs {
            if let Ok(input_meta) = fs::metadata(input) {
                if same_file(out, &meta, input, &input_meta) {
                    let how = if fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink())
                    {
                        " (through a symbolic link)"
                    } else if fs::canonicalize(out).ok() != fs::canonicalize(input).ok() {
                        " (under another name: a hard link)"
                    } else if out != input {
                        " (spelt another way)"
                    } else {
                        ""
                    };
                    return Err(Failure::input(format!(
                        "--out: `{shown}` is the {flag} file `{}`{how}; writing the credits there \
                         would destroy it. Write them to another file, such as --out credits.csv",
                        input.display()
                    )));
                }
            }
        }
        if meta.is_dir() {
            return Err(Failure::input(format!(
                "--out: `{shown}` is a directory; give a file name, such as --out {}",
                out.join("credits.csv").display()
            )));
        }
        if !meta.is_file() {
            return Ok(Plan::Device {
                path: out.to_path_buf(),
            });
        }
        // An existing file, perhaps through a symbolic link: the file it names is
        // replaced, and the link kept.
        let target = fs::canonicalize(out)
            .map_err(|e| Failure::input(format!("--out: cannot find where `{shown}` is: {e}")))?;
        return Ok(Plan::Replace {
            target,
            shown: out.to_path_buf(),
        });
    }
    if let Ok(link) = fs::read_link(out) {
        return Err(Failure::input(format!(
            "--out: `{shown}` is a symbolic link to `{}`, which does not exist; give the \
             path of the file to write",
            link.display()
        )));
    }
    let dir = parent(out);
    if !dir.is_dir() {
        return Err(Failure::input(format!(
            "--out: the directory `{}` does not exist; create it first, or write elsewhere",
            dir.display()
        )));
    }
    Ok(Plan::Replace {
        target: out.to_path_buf(),
        shown: out.to_path_buf(),
    })
}

/// Whether two paths name one file: the same device and inode on Unix, the same
/// canonical path elsewhere.
fn same_file(a: &Path, a_meta: &fs::Metadata, b: &Path, b_meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = (a, b);
        a_meta.dev() == b_meta.dev() && a_meta.ino() == b_meta.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a_meta, b_meta);
        match (fs::canonicalize(a), fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// The directory a path is in (`.` for a bare file name).
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// An output being written.
pub struct Output {
    writer: BufWriter<Box<dyn Write + Send>>,
    /// For a file replaced whole: the file being written and where it goes.
    replace: Option<Replace>,
}

struct Replace {
    /// The temporary file (another handle to what the writer writes), to sync to disk.
    file: File,
    temporary: PathBuf,
    target: PathBuf,
    shown: PathBuf,
    /// Until the rename: then the temporary file is the target.
    pending: bool,
}

/// The temporary file of the run, for the signal thread to remove, and the name of the
/// file it would replace: set before the temporary file is made, cleared once it is
/// renamed (under the lock, so that a signal either finds it whole in place, or removes
/// it before the rename).
static PENDING: Mutex<Option<(PathBuf, PathBuf)>> = Mutex::new(None);

fn pending() -> std::sync::MutexGuard<'static, Option<(PathBuf, PathBuf)>> {
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Plan {
    /// Opens the output: standard output, the device, or a new temporary file beside the
    /// target (after the signal handler that removes it is in place).
    ///
    /// # Errors
    /// Exit 1: the output cannot be written.
    pub fn open(self) -> Result<Output, Failure> {
        let (sink, replace): (Box<dyn Write + Send>, _) = match self {
            Plan::Stdout => (Box::new(io::stdout()), None),
            Plan::Device { path } => {
                let file = OpenOptions::new().write(true).open(&path).map_err(|e| {
                    Failure::other(format!("{}: cannot write the output: {e}", path.display()))
                })?;
                (Box::new(file), None)
            }
            Plan::Replace { target, shown } => {
                watch_signals()?;
                let (file, temporary) = temporary_beside(&target, &shown)?;
                let sync = match file.try_clone() {
                    Ok(sync) => sync,
                    Err(e) => {
                        let _ = fs::remove_file(&temporary);
                        *pending() = None;
                        return Err(Failure::other(format!(
                            "{}: cannot write the output: {e}",
                            shown.display()
                        )));
                    }
                };
                (
                    Box::new(file),
                    Some(Replace {
                        file: sync,
                        temporary,
                        target,
                        shown,
                        pending: true,
                    }),
                )
            }
        };
        Ok(Output {
            writer: BufWriter::new(sink),
            replace,
        })
    }
}

/// Makes a new file beside `target`, named `.NAME.PID.N.redress-tmp`, and records it for
/// the signal thread first.
fn temporary_beside(target: &Path, shown: &Path) -> Result<(File, PathBuf), Failure> {
    let dir = parent(target);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_owned());
    let mut last_error = None;
    for n in 0..100u32 {
        let temporary = dir.join(format!(".{name}.{}.{n}.redress-tmp", std::process::id()));
        *pending() = Some((temporary.clone(), shown.to_path_buf()));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
        {
            Ok(file) => return Ok((file, temporary)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_error = Some(e),
            Err(e) => {
                *pending() = None;
                return Err(Failure::other(format!(
                    "{}: cannot create a file in `{}` to write the output to: {e}",
                    shown.display(),
                    dir.display()
                )));
            }
        }
    }
    *pending() = None;
    Err(Failure::other(format!(
        "{}: cannot create a file in `{}` to write the output to: {}",
        shown.display(),
        dir.display(),
        last_error.map_or_else(|| "no free name".to_owned(), |e| e.to_string())
    )))
}

impl Output {
    /// Where the rows are written.
    pub fn writer(&mut self) -> &mut BufWriter<Box<dyn Write + Send>> {
        &mut self.writer
    }

    /// Whether the output is standard output (then rows already written stay written).
    pub fn is_file(&self) -> bool {
        self.replace.is_some()
    }

    /// Finishes the output: flushes it, and for a file replaced whole, puts it on disk
    /// and renames it onto the target (keeping the target's permissions).
    ///
    /// # Errors
    /// Exit 1 (0 for a closed pipe); the target is then as it was.
    pub fn commit(mut self) -> Result<(), Failure> {
        let Some(replace) = self.replace.as_mut() else {
            return self.writer.flush().map_err(Failure::output);
        };
        let shown = replace.shown.display().to_string();
        let failed = |e: io::Error| {
            Failure::other(format!(
                "{shown}: cannot write the output: {e}; the file was left as it was"
            ))
        };
        self.writer.flush().map_err(failed)?;
        // The file itself, to disk: what is renamed must be whole after a power cut.
        replace.file.sync_all().map_err(failed)?;
        if let Ok(meta) = fs::metadata(&replace.target) {
            let _ = fs::set_permissions(&replace.temporary, meta.permissions());
        }
        {
            let mut pending = pending();
            fs::rename(&replace.temporary, &replace.target).map_err(failed)?;
            replace.pending = false;
            *pending = None;
        }
        // The rename, to disk (where a directory can be opened to sync it).
        if let Ok(dir) = File::open(parent(&replace.target)) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

impl Drop for Output {
    /// An output not committed: its temporary file is removed.
    fn drop(&mut self) {
        if let Some(replace) = &self.replace {
            if replace.pending {
                let mut pending = pending();
                let _ = fs::remove_file(&replace.temporary);
                *pending = None;
            }
        }
    }
}

/// Starts, once, the thread that on SIGINT, SIGTERM or SIGHUP removes the temporary
/// file, says so, and ends the process as that signal would have.
#[cfg(unix)]
fn watch_signals() -> Result<(), Failure> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use std::sync::OnceLock;
    static STARTED: OnceLock<Result<(), String>> = OnceLock::new();
    let started = STARTED.get_or_init(|| {
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            .map_err(|e| format!("cannot watch for SIGINT and SIGTERM: {e}"))?;
        std::thread::Builder::new()
            .name("signals".to_owned())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Held to the end: the main thread cannot rename in between.
                    let pending = pending();
                    if let Some((temporary, shown)) = pending.as_ref() {
                        let _ = fs::remove_file(temporary);
                        let name = match signal {
                            SIGINT => "SIGINT",
                            SIGTERM => "SIGTERM",
                            _ => "SIGHUP",
                        };
                        crate::note(&format!(
                            "stopped by {name}: {} was left as it was",
                            shown.display()
                        ));
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(1);
                }
            })
            .map(|_| ())
            .map_err(|e| format!("cannot watch for SIGINT and SIGTERM: {e}"))
    });
    started.clone().map_err(Failure::other)
}

/// Elsewhere the temporary file is removed on every failure but a forced stop.
#[cfg(not(unix))]
fn watch_signals() -> Result<(), Failure> {
    Ok(())
}
