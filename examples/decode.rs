//! Decode a PNG in a sandbox and print what came out:
//! `cargo run --example decode -- examples/images/plasma-512.png`

use cordon_png::{PngDecoder, PngError};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/images/plasma-512.png".into());
    let bytes = std::fs::read(&path)?;

    // One decoder = one sandbox, reused for every image it decodes.
    let mut decoder = PngDecoder::new()?;
    match decoder.decode(&bytes) {
        Ok(image) => {
            let info = decoder.info(&bytes)?;
            println!("{path}: {info}");
            println!("first pixel RGBA = {:?}", &image.pixels[..4]);
        }
        // Hostile input is just an error value; the sandbox is still usable.
        Err(PngError::Sandbox(fault)) => println!("{path}: the sandbox contained a fault: {fault}"),
        Err(other) => println!("{path}: refused: {other}"),
    }
    Ok(())
}
