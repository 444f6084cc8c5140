//! `cordon audit`: what each sandboxed library holds and may do.

use std::process::ExitCode;

use cordon::Limits;
use cordon_sandbox::{Library, Runtime};

pub fn run(limits: &Limits) -> ExitCode {
    let libraries: [(&str, &str, Result<&Library, cordon::Error>); 6] = [
        (
            "png",
            "libpng 1.6.50 + zlib-ng 2.3.3 (the default; `cordon decode` and `thumbnail` use it)",
            cordon::png::PngLibrary::shared_on(cordon::png::Inflate::ZlibNg).map(|l| l.library()),
        ),
        (
            "png (stock zlib)",
            "libpng 1.6.50 + zlib 1.3.2 (`Inflate::Zlib`, the native build's C)",
            cordon::png::PngLibrary::shared_on(cordon::png::Inflate::Zlib).map(|l| l.library()),
        ),
        ("jpeg", "libjpeg-turbo 3.1.0", cordon::jpeg::library()),
        ("gif", "giflib 5.2.2", cordon::gif::library()),
        (
            "webp",
            "libwebp 1.6.0 (decoder and demux)",
            cordon::webp::library(),
        ),
        (
            "font",
            "FreeType 2.14.3 + zlib 1.3.2",
            cordon::font::library(),
        ),
    ];
    let mut ok = true;
    for (name, what, library) in libraries {
        match library {
            Ok(library) => {
                let facts = library.facts();
                match facts.artifact_bytes {
                    Some(bytes) => {
                        out!("{name}: {what} ({} KiB of precompiled code)", bytes >> 10)
                    }
                    None => out!("{name}: {what}"),
                }
                out!(
                    "  imports: {}",
                    if facts.imports.is_empty() {
                        "none (no files, clock, network, environment or host memory)".to_string()
                    } else {
                        facts.imports.join(", ")
                    }
                );
                out!(
                    "  callbacks: {}",
                    if facts.accepts_callbacks {
                        "granted (function table exported; only closures the host registers)"
                    } else {
                        "none"
                    }
                );
                out!(
                    "  exports: {} functions ({})",
                    facts.functions.len(),
                    facts.functions.join(", ")
                );
                out!("  initial memory: {} KiB", facts.initial_memory >> 10);
            }
            Err(e) => {
                ok = false;
                eprintln!("cordon: {name}: {e}");
            }
        }
    }
    let max_live = Runtime::try_shared().map_or(0, |r| r.config().max_live_sandboxes);
    out!(
        "limits: {} MiB memory and {} ms per call in each sandbox; at most {} pixels ({}x{}); {} live sandboxes per process",
        limits.sandbox.max_memory >> 20,
        limits.sandbox.deadline.as_millis(),
        limits.max_pixels,
        limits.max_width,
        limits.max_height,
        max_live
    );
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
