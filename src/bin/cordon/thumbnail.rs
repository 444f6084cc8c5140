//! `cordon thumbnail`: one file (the mode a freedesktop `.thumbnailer` entry calls), or files
//! and folders into a folder or the freedesktop cache, on every core, with a progress bar on
//! a terminal and a summary at the end.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use cordon::thumbnail::batch::{self, Destination, Input, Job, Outcome};
use cordon::thumbnail::freedesktop::{Cache, Flavor};
use cordon::Backend;

use crate::LimitArgs;

#[derive(Args, Debug)]
#[command(
    after_help = "Single file (as a .thumbnailer entry calls it): cordon thumbnail -s 256 IN OUT.png
Batch: cordon thumbnail --freedesktop ~/Pictures   or   cordon thumbnail -o thumbs/ photos/"
)]
pub struct ThumbnailArgs {
    /// Files and folders (folders are walked recursively); or IN OUT.png for one file.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Thumbnail edge in pixels; with --freedesktop, the smallest standard size that holds it
    /// (128 normal, 256 large, 512 x-large, 1024 xx-large).
    #[arg(short, long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=4096))]
    size: u32,
    /// Write into the freedesktop thumbnail cache ($XDG_CACHE_HOME/thumbnails).
    #[arg(long, conflicts_with = "out_dir")]
    freedesktop: bool,
    /// Write DIR/<path relative to the input>.png for each image.
    #[arg(short, long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Remake thumbnails that are current.
    #[arg(long)]
    force: bool,
    /// Worker threads (each with its own sandboxes); default: one per core.
    #[arg(short, long)]
    jobs: Option<usize>,
    /// One line per file.
    #[arg(short, long)]
    verbose: bool,
    #[command(flatten)]
    limits: LimitArgs,
}

pub fn run(args: ThumbnailArgs) -> ExitCode {
    let limits = args.limits.limits();
    let (destination, inputs) = match (&args.out_dir, args.freedesktop) {
        (Some(dir), _) => (Destination::Folder(dir.clone()), args.paths.clone()),
        (None, true) => match Cache::from_env() {
            Some(cache) => (Destination::Freedesktop(cache), args.paths.clone()),
            None => {
                eprintln!("cordon: neither XDG_CACHE_HOME nor HOME is set: no thumbnail cache");
                return ExitCode::from(2);
            }
        },
        (None, false) => return single(&args, limits),
    };
    let skip = match &destination {
        Destination::Freedesktop(cache) => Some(cache.root().to_path_buf()),
        Destination::Folder(dir) => Some(dir.clone()),
    };
    let (files, unreadable) = batch::collect(&inputs, skip.as_deref());
    let size = match destination {
        Destination::Freedesktop(_) => Flavor::for_size(args.size).size(),
        Destination::Folder(_) => args.size,
    };
    let job = Job {
        size,
        limits,
        backend: Backend::Sandboxed,
        destination,
        workers: args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
        force: args.force,
    };

    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    // First Ctrl-C: finish the files in progress (each written to a temporary name and
    // renamed), start no more. A second one exits at once.
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {wide_msg}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let verbose = args.verbose;
    let mut summary = batch::run(&job, &files, &stop, |input: &Input, outcome: &Outcome| {
        bar.inc(1);
        if verbose {
            let line = match outcome {
                Outcome::Done(path) => format!("{} -> {}", input.path.display(), path.display()),
                Outcome::Current => format!("{}: current", input.path.display()),
                Outcome::Ignored => {
                    format!("{}: not an image Cordon decodes", input.path.display())
                }
                Outcome::Failed(kind, why) => format!("{}: {kind}: {why}", input.path.display()),
            };
            bar.suspend(|| eprintln!("{line}"));
        }
    });
    bar.finish_and_clear();
    summary.failed.extend(unreadable);

    out!(
        "thumbnails: {} made, {} current, {} failed, {} not images{}",
        summary.done,
        summary.current,
        summary.failed.len(),
        summary.ignored,
        if summary.not_reached > 0 {
            format!(", {} not reached (stopped)", summary.not_reached)
        } else {
            String::new()
        }
    );
    for (kind, count) in summary.failures_by_kind() {
        out!("  {count} {kind}");
    }
    if !verbose {
        for (path, kind, why) in summary.failed.iter().take(20) {
            eprintln!("cordon: {}: {kind}: {why}", path.display());
        }
        if summary.failed.len() > 20 {
            eprintln!(
                "cordon: ... and {} more (--verbose lists every file)",
                summary.failed.len() - 20
            );
        }
    }
    if summary.failed.is_empty() && summary.not_reached == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `cordon thumbnail -s SIZE IN OUT.png`: what a freedesktop `.thumbnailer` entry runs.
fn single(args: &ThumbnailArgs, limits: cordon::Limits) -> ExitCode {
    let usage =
        "cordon: thumbnail: give IN OUT.png, or --out-dir DIR / --freedesktop for many files";
    let [input, output] = args.paths.as_slice() else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    // Two image paths without -o are a mistake, not "write a thumbnail over the second": OUT
    // must be a .png, and an existing non-empty OUT (a file manager hands over an empty or
    // fresh one) is only replaced with --force, never when it is the input.
    let is_png = output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    let occupied = std::fs::metadata(output).is_ok_and(|m| m.len() > 0);
    let same = std::fs::canonicalize(input)
        .ok()
        .is_some_and(|i| std::fs::canonicalize(output).ok() == Some(i));
    if !is_png || same || (occupied && !args.force) {
        eprintln!("{usage} (OUT must be a new .png; --force replaces an existing one)");
        return ExitCode::from(2);
    }
    let bytes = match cordon::read_file(input, &limits) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("cordon: {}: {e}", input.display());
            return ExitCode::FAILURE;
        }
    };
    let mut thumbnailer = cordon::thumbnail::Thumbnailer::new(limits);
    match thumbnailer.thumbnail(&bytes, args.size) {
        Ok(thumbnail) => match cordon::thumbnail::freedesktop::write_png_atomically(
            output,
            &thumbnail.image,
            &[],
        ) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("cordon: {}: {e}", output.display());
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("cordon: {}: {e}", input.display());
            ExitCode::FAILURE
        }
    }
}
