//! `cordon audit`: what each sandboxed library holds and may do.

use std::process::ExitCode;

use cordon::Limits;
use cordon_sandbox::{Library, Runtime};

pub fn run(limits: &Limits) -> ExitCode {
    let libraries: [(&str, &str, Result<&Library, cordon::Error>); 2] = [
        (
            "png",
            "libpng 1.6.50 + zlib 1.3.2",
            cordon::png::PngLibrary::shared().map(|l| l.library()),
        ),
        ("jpeg", "libjpeg-turbo 3.1.0", cordon::jpeg::library()),
    ];
    let mut ok = true;
    for (name, what, library) in libraries {
        match library {
            Ok(library) => {
                let facts = library.facts();
                println!("{name}: {what}");
                println!(
                    "  imports: {}",
                    if facts.imports.is_empty() {
                        "none (no files, clock, network, environment or host memory)".to_string()
                    } else {
                        facts.imports.join(", ")
                    }
                );
                println!(
                    "  callbacks: {}",
                    if facts.accepts_callbacks {
                        "granted (function table exported; only closures the host registers)"
                    } else {
                        "none"
                    }
                );
                println!(
                    "  exports: {} functions ({})",
                    facts.functions.len(),
                    facts.functions.join(", ")
                );
                println!("  initial memory: {} KiB", facts.initial_memory >> 10);
            }
            Err(e) => {
                ok = false;
                eprintln!("cordon: {name}: {e}");
            }
        }
    }
    let runtime = Runtime::shared().config();
    println!(
        "limits: {} MiB memory and {} ms per call in each sandbox; at most {} pixels ({}x{}); {} live sandboxes per process",
        limits.sandbox.max_memory >> 20,
        limits.sandbox.deadline.as_millis(),
        limits.max_pixels,
        limits.max_width,
        limits.max_height,
        runtime.max_live_sandboxes
    );
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
