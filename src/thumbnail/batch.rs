//! Thumbnailing many files: a pool of workers (one sandbox set each, reused, a fresh instance
//! after any fault), one bad file never stopping the rest, a summary by category, and a stop
//! flag checked between files so an interrupted run leaves no half-written file.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use super::freedesktop::{self, Cache, Flavor, Source, State};
use super::Thumbnailer;
use crate::{Backend, Decoder, Error, Limits};

/// Where thumbnails go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// The freedesktop cache (its flavour from the size).
    Freedesktop(Cache),
    /// `DIR/<path relative to the input>.png`.
    Folder(PathBuf),
}

/// A batch: what to make, where, with what.
#[derive(Debug, Clone)]
pub struct Job {
    /// Thumbnail edge in pixels (in freedesktop mode, the flavour's).
    pub size: u32,
    /// Decoder limits.
    pub limits: Limits,
    /// Sandboxed (the point) or native (for comparisons).
    pub backend: Backend,
    /// Where thumbnails go.
    pub destination: Destination,
    /// Worker threads (each with its own sandboxes).
    pub workers: usize,
    /// Remake thumbnails that are current.
    pub force: bool,
}

/// One input file and the folder it was found under (for relative output names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// Its path relative to the input it was found under.
    pub relative: PathBuf,
    /// Named on the command line (an unknown format is then a failure, not ignored).
    pub explicit: bool,
}

/// Why a file got no thumbnail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FailureKind {
    /// The library found the file corrupt or truncated.
    Corrupt,
    /// Over a limit (dimensions, pixels, memory, input size).
    TooLarge,
    /// Not a format Cordon decodes (or an unsupported variant of one).
    Unsupported,
    /// The library faulted in its sandbox (trap, deadline, memory cap): contained.
    Fault,
    /// The file or the thumbnail could not be read or written.
    Io,
    /// The host could not run the sandbox (pool full, setup): nothing to do with the file.
    Host,
    /// Failed in an earlier run, as the freedesktop cache's `fail/` entry records (until the
    /// file changes; `--force` tries again).
    FailedBefore,
}

impl fmt::Display for FailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FailureKind::Corrupt => "corrupt",
            FailureKind::TooLarge => "too large",
            FailureKind::Unsupported => "unsupported",
            FailureKind::Fault => "contained fault",
            FailureKind::Io => "i/o error",
            FailureKind::Host => "host error",
            FailureKind::FailedBefore => "failed before",
        })
    }
}

impl FailureKind {
    /// The category of a decoding error.
    pub fn of(error: &Error) -> FailureKind {
        match error {
            Error::Invalid { .. } | Error::Verification(_) => FailureKind::Corrupt,
            Error::TooLarge { .. } | Error::LimitExceeded(_) | Error::OutOfMemory { .. } => {
                FailureKind::TooLarge
            }
            Error::UnknownFormat { .. } | Error::Unsupported { .. } => FailureKind::Unsupported,
            Error::Fault(_) => FailureKind::Fault,
            // A library that returned an impossible pointer or length misbehaved on this file.
            Error::Sandbox(
                cordon_sandbox::Error::OutOfBounds { .. }
                | cordon_sandbox::Error::NullPointer
                | cordon_sandbox::Error::SizeOverflow { .. },
            ) => FailureKind::Corrupt,
            _ => FailureKind::Host,
        }
    }

    /// Whether the failure belongs to the file (and so is recorded in the freedesktop cache
    /// until the file changes), rather than to this run: a deadline can be hit because the
    /// machine is busy, a size or memory limit is this run's setting, and host errors say
    /// nothing about the file.
    fn is_the_files(error: &Error) -> bool {
        match error {
            Error::Fault(fault) => !matches!(
                fault.kind,
                cordon_sandbox::FaultKind::Deadline | cordon_sandbox::FaultKind::MemoryLimit
            ),
            Error::Sandbox(_) => FailureKind::of(error) == FailureKind::Corrupt,
            _ => FailureKind::of(error) != FailureKind::TooLarge,
        }
    }
}

/// Read `path` for `job`: refused before reading when larger than the input limit, and (for
/// files found in folders) only the first bytes read when they are no image Cordon decodes.
fn read_input(job: &Job, input: &Input) -> Result<Vec<u8>, Outcome> {
    use std::io::Read;
    let io = |e: std::io::Error| Outcome::Failed(FailureKind::Io, e.to_string());
    let len = fs::metadata(&input.path).map_err(io)?.len();
    if let Err(e) = job
        .limits
        .check_input(usize::try_from(len).unwrap_or(usize::MAX))
    {
        return Err(Outcome::Failed(FailureKind::TooLarge, e.to_string()));
    }
    let mut file = fs::File::open(&input.path).map_err(io)?;
    let mut bytes = Vec::with_capacity(len as usize);
    file.by_ref().take(16).read_to_end(&mut bytes).map_err(io)?;
    if !input.explicit && crate::sniff(&bytes).is_none() && !crate::font::looks_like_font(&bytes) {
        return Err(Outcome::Ignored);
    }
    // No more than the limit, even if the file grew since its size was checked.
    let max = job.limits.input_limit();
    file.take((max as u64 + 1).saturating_sub(bytes.len() as u64))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if let Err(e) = job.limits.check_input(bytes.len()) {
        return Err(Outcome::Failed(FailureKind::TooLarge, e.to_string()));
    }
    Ok(bytes)
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Thumbnail written there.
    Done(PathBuf),
    /// A current thumbnail (or failure entry) already exists.
    Current,
    /// Found in a folder but not an image Cordon decodes.
    Ignored,
    /// No thumbnail, and why.
    Failed(FailureKind, String),
}

/// The result of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Thumbnails written.
    pub done: usize,
    /// Skipped as current.
    pub current: usize,
    /// Files in folders that are not images Cordon decodes.
    pub ignored: usize,
    /// Failures: file, category, message.
    pub failed: Vec<(PathBuf, FailureKind, String)>,
    /// Files not reached because the run was stopped.
    pub not_reached: usize,
}

impl Summary {
    /// Failures per category, most frequent first.
    pub fn failures_by_kind(&self) -> Vec<(FailureKind, usize)> {
        let mut counts: Vec<(FailureKind, usize)> = Vec::new();
        for (_, kind, _) in &self.failed {
            match counts.iter_mut().find(|(k, _)| k == kind) {
                Some((_, n)) => *n += 1,
                None => counts.push((*kind, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts
    }
}

/// Every file named in `inputs`, folders walked recursively (symbolic links not followed,
/// `skip` and everything under it left out, e.g. the thumbnail cache itself). Unreadable
/// entries become failures.
pub fn collect(
    inputs: &[PathBuf],
    skip: Option<&Path>,
) -> (Vec<Input>, Vec<(PathBuf, FailureKind, String)>) {
    let skip = skip.and_then(|s| fs::canonicalize(s).ok());
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for input in inputs {
        if input.is_file() {
            let relative = PathBuf::from(input.file_name().unwrap_or_default());
            files.push(Input {
                path: input.clone(),
                relative,
                explicit: true,
            });
            continue;
        }
        if let (Some(skip), Ok(root)) = (&skip, fs::canonicalize(input)) {
            if root.starts_with(skip) {
                // Every file in it would be left out as part of the output, and thumbnails
                // written among the inputs would be taken for inputs by the next run.
                errors.push((
                    input.clone(),
                    FailureKind::Io,
                    format!(
                        "is inside the output folder {}: give an output folder outside it",
                        skip.display()
                    ),
                ));
                continue;
            }
        }
        let walker = walkdir::WalkDir::new(input).sort_by_file_name().into_iter();
        let walker = walker.filter_entry(|e| {
            skip.as_ref()
                .is_none_or(|s| fs::canonicalize(e.path()).map_or(true, |p| !p.starts_with(s)))
        });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => files.push(Input {
                    relative: e
                        .path()
                        .strip_prefix(input)
                        .unwrap_or(e.path())
                        .to_path_buf(),
                    path: e.into_path(),
                    explicit: false,
                }),
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().map_or_else(|| input.clone(), Path::to_path_buf);
                    errors.push((path, FailureKind::Io, e.to_string()));
                }
            }
        }
    }
    (files, errors)
}

/// Thumbnail `files` with `job.workers` workers, calling `progress` after each file, until
/// done or `stop` is set (checked between files).
pub fn run(
    job: &Job,
    files: &[Input],
    stop: &AtomicBool,
    progress: impl Fn(&Input, &Outcome) + Sync,
) -> Summary {
    let next = AtomicUsize::new(0);
    let summary = Mutex::new(Summary::default());
    let clashes = match &job.destination {
        Destination::Folder(_) => clashes(files),
        Destination::Freedesktop(_) => vec![None; files.len()],
    };
    std::thread::scope(|scope| {
        for _ in 0..job.workers.max(1) {
            scope.spawn(|| {
                let mut thumbnailer =
                    Thumbnailer::with_decoder(Decoder::with_backend(job.backend, job.limits));
                while !stop.load(Ordering::Relaxed) {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = files.get(index) else {
                        return;
                    };
                    let outcome = match clashes[index] {
                        Some(first) => Outcome::Failed(
                            FailureKind::Io,
                            format!(
                                "its thumbnail would have the name of {}'s ({}.png): give the \
                                 inputs in separate runs",
                                files[first].path.display(),
                                input.relative.display()
                            ),
                        ),
                        None => one(job, &mut thumbnailer, input),
                    };
                    progress(input, &outcome);
                    let mut s = summary.lock().unwrap_or_else(|e| e.into_inner());
                    match outcome {
                        Outcome::Done(_) => s.done += 1,
                        Outcome::Current => s.current += 1,
                        Outcome::Ignored => s.ignored += 1,
                        Outcome::Failed(kind, why) => {
                            s.failed.push((input.path.clone(), kind, why))
                        }
                    }
                }
            });
        }
    });
    let mut summary = summary.into_inner().unwrap_or_else(|e| e.into_inner());
    summary.not_reached = files
        .len()
        .saturating_sub(next.load(Ordering::Relaxed).min(files.len()));
    summary.failed.sort();
    summary
}

/// For each file, an earlier one with the same path relative to its input (`a/x.jpg` and
/// `b/x.jpg` given together), whose thumbnail in a folder would have the same name.
fn clashes(files: &[Input]) -> Vec<Option<usize>> {
    let mut first = std::collections::HashMap::new();
    files
        .iter()
        .enumerate()
        .map(|(i, input)| {
            let earlier = *first.entry(input.relative.as_path()).or_insert(i);
            (earlier != i).then_some(earlier)
        })
        .collect()
}

/// Thumbnail one file.
fn one(job: &Job, thumbnailer: &mut Thumbnailer, input: &Input) -> Outcome {
    let io = |e: std::io::Error| Outcome::Failed(FailureKind::Io, e.to_string());
    match &job.destination {
        Destination::Freedesktop(cache) => {
            let flavor = Flavor::for_size(job.size);
            let source = match Source::of(&input.path) {
                Ok(source) => source,
                Err(e) => return io(e),
            };
            match cache.state(flavor, &source) {
                State::Current if !job.force => return Outcome::Current,
                State::KnownFailure if !job.force => {
                    return Outcome::Failed(
                        FailureKind::FailedBefore,
                        "no thumbnail: an earlier run recorded a failure for this version of \
                         the file (--force tries again)"
                            .into(),
                    )
                }
                _ => {}
            }
            let bytes = match read_input(job, input) {
                Ok(bytes) => bytes,
                Err(outcome) => return outcome,
            };
            match thumbnailer.thumbnail(&bytes, flavor.size()) {
                Ok(thumbnail) => cache
                    .store(flavor, &source, &thumbnail)
                    .map_or_else(io, Outcome::Done),
                Err(error) => {
                    if FailureKind::is_the_files(&error) {
                        let _ = cache.store_failure(&source);
                    }
                    Outcome::Failed(FailureKind::of(&error), error.to_string())
                }
            }
        }
        Destination::Folder(dir) => {
            // `IN/photos/a.jpg` -> `DIR/photos/a.jpg.png`: `a.jpg` and `a.png` never collide, and
            // no output can be an input.
            let mut name = input.relative.clone().into_os_string();
            name.push(".png");
            let output = dir.join(name);
            let newer = |a: &Path, b: &Path| {
                let time = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
                matches!((time(a), time(b)), (Some(a), Some(b)) if a >= b)
            };
            if !job.force && newer(&output, &input.path) {
                return Outcome::Current;
            }
            let bytes = match read_input(job, input) {
                Ok(bytes) => bytes,
                Err(outcome) => return outcome,
            };
            match thumbnailer.thumbnail(&bytes, job.size) {
                Ok(thumbnail) => freedesktop::write_png_atomically(&output, &thumbnail.image, &[])
                    .map_or_else(io, |()| Outcome::Done(output)),
                Err(error) => Outcome::Failed(FailureKind::of(&error), error.to_string()),
            }
        }
    }
}
