//! The native 32-bit twin: FreeType and the glue built with `clang -m32` (so `FT_Long` and
//! `FT_Pos` are 32-bit, as in the sandbox) and linked with `native32/font32.c`, a driver
//! program this module talks to over a pipe (a 64-bit process cannot load 32-bit code). It
//! makes the same FreeType and glue calls as the sandboxed renderer: the exact baseline for
//! tests and benchmarks. Built only with the `native` feature on a machine with a 32-bit C
//! library (Debian: `gcc-multilib`, installed by `scripts/bootstrap.sh`).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Duration;

use cordon_kit::{Error, Format};

use crate::{GlyphImage, GlyphOptions, RenderMode, TextImage, TextOptions};

/// The twin program's path, empty when it could not be built.
const PROGRAM: &str = env!("CORDON_NATIVE32_PROGRAM");

/// A running 32-bit twin with one face open.
pub struct Native32 {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

/// The twin could not be started or talked to.
fn setup(message: impl Into<String>) -> Error {
    Error::Sandbox(cordon_sandbox::Error::Setup(message.into()))
}

fn failure(message: String) -> Error {
    Error::Invalid {
        format: Format::Font,
        message,
    }
}

impl Native32 {
    /// Whether this build has the 32-bit twin.
    pub fn available() -> bool {
        !PROGRAM.is_empty()
    }

    /// Start the twin and open face `face_index` of `font` in it.
    pub fn open(font: &[u8], face_index: u32) -> Result<Native32, Error> {
        if PROGRAM.is_empty() {
            return Err(setup(
                "no native 32-bit twin in this build (install gcc-multilib and rebuild)",
            ));
        }
        let mut child = Command::new(PROGRAM)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| setup(format!("{PROGRAM}: {e}")))?;
        let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(setup("the twin's pipes"));
        };
        let mut twin = Native32 {
            child,
            input,
            output: BufReader::new(output),
        };
        twin.request(&format!("font {} {face_index}", font.len()), font)?;
        Ok(twin)
    }

    /// Send a request and read its reply line's numbers (after "ok").
    fn request(&mut self, line: &str, payload: &[u8]) -> Result<Vec<i64>, Error> {
        let io = |e: std::io::Error| setup(format!("native 32-bit twin: {e}"));
        self.input.write_all(line.as_bytes()).map_err(io)?;
        self.input.write_all(b"\n").map_err(io)?;
        self.input.write_all(payload).map_err(io)?;
        self.input.flush().map_err(io)?;
        let mut reply = String::new();
        if self.output.read_line(&mut reply).map_err(io)? == 0 {
            return Err(setup("native 32-bit twin: exited (crashed?)"));
        }
        let mut words = reply.split_whitespace();
        let ok = words.next() == Some("ok");
        let numbers: Vec<i64> = words.filter_map(|w| w.parse().ok()).collect();
        if ok {
            Ok(numbers)
        } else {
            Err(failure(format!("native 32-bit twin: {}", reply.trim())))
        }
    }

    fn bytes(&mut self, len: i64) -> Result<Vec<u8>, Error> {
        // The twin is our own build of the C, but its replies are still bounded.
        let len = usize::try_from(len)
            .ok()
            .filter(|&n| n <= 1 << 30)
            .ok_or_else(|| setup(format!("native 32-bit twin: {len} bytes")))?;
        let mut data = vec![0; len];
        self.output
            .read_exact(&mut data)
            .map_err(|e| setup(format!("native 32-bit twin: {e}")))?;
        Ok(data)
    }

    /// Render one glyph (as [`crate::Face::glyph`]); unverified: a baseline, not for untrusted
    /// fonts.
    pub fn glyph(&mut self, ch: char, options: &GlyphOptions) -> Result<GlyphImage, Error> {
        let request = format!(
            "glyph {} {} {} {}",
            options.size_px,
            u8::from(options.hinting),
            u8::from(options.mode == RenderMode::Lcd),
            u32::from(ch)
        );
        let n = self.request(&request, &[])?;
        let [index, width, height, left, top, x, y, len] = n[..] else {
            return Err(failure(format!("native 32-bit twin: reply {n:?}")));
        };
        Ok(GlyphImage {
            glyph_index: index as u32,
            width: width as u32,
            height: height as u32,
            left: left as i32,
            top: top as i32,
            advance: (x as i32, y as i32),
            mode: options.mode,
            coverage: self.bytes(len)?,
        })
    }

    /// The kerning between two characters (as [`crate::Face::kerning`]).
    pub fn kerning(&mut self, left: char, right: char, size_px: u32) -> Result<(i32, i32), Error> {
        let request = format!("kern {size_px} {} {}", u32::from(left), u32::from(right));
        match self.request(&request, &[])?[..] {
            [x, y] => Ok((x as i32, y as i32)),
            ref n => Err(failure(format!("native 32-bit twin: reply {n:?}"))),
        }
    }

    /// Render a line (as [`crate::Face::render_line`]).
    pub fn render_line(&mut self, text: &str, options: &TextOptions) -> Result<TextImage, Error> {
        let flags = crate::header::render_flags(options);
        let request = format!("line {} {flags} {}", options.size_px, text.len());
        let n = self.request(&request, text.as_bytes())?;
        let [width, height, baseline, advance, glyphs, missing] = n[..] else {
            return Err(failure(format!("native 32-bit twin: reply {n:?}")));
        };
        Ok(TextImage {
            width: width as u32,
            height: height as u32,
            baseline: baseline as i32,
            advance: advance as i32,
            glyphs: glyphs as u32,
            missing: missing as u32,
            mode: options.mode,
            coverage: self.bytes(
                width
                    .saturating_mul(height)
                    .saturating_mul(options.mode.bytes_per_pixel() as i64),
            )?,
        })
    }

    /// Time `reps` renders of a line inside the twin (measure + render into a fresh buffer,
    /// as the other backends do), for benchmarks: no pipe or process cost in the figure.
    pub fn time_lines(
        &mut self,
        text: &str,
        options: &TextOptions,
        reps: u64,
    ) -> Result<Duration, Error> {
        let flags = crate::header::render_flags(options);
        let request = format!("time {} {flags} {reps} {}", options.size_px, text.len());
        match self.request(&request, text.as_bytes())?[..] {
            [nanos] => Ok(Duration::from_nanos(nanos.max(0) as u64)),
            ref n => Err(failure(format!("native 32-bit twin: reply {n:?}"))),
        }
    }
}

impl Drop for Native32 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
