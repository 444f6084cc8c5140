//! After `cordon::image_hooks::register()`, the `image` crate (built here without any codec
//! of its own) decodes PNG, JPEG, GIF and WebP in Cordon's sandboxes: proven by the pixels, and by a
//! sandbox fault coming back through `image` as its error's source. One test: the hooks and
//! their limits are process-wide.

use std::error::Error as _;
use std::io::Cursor;
use std::time::Duration;

use image::{ImageError, ImageReader};

fn path(name: &str) -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/examples/images/").to_owned() + name
}

#[test]
fn the_image_crate_decodes_in_cordon_sandboxes() {
    let png = std::fs::read(path("plasma-512.png")).unwrap();
    let jpeg = std::fs::read(path("photo-227x149.jpg")).unwrap();
    // Without the hooks this image crate has no PNG or JPEG decoder at all.
    assert!(image::load_from_memory(&png).is_err());

    assert!(cordon::image_hooks::register());
    assert!(
        !cordon::image_hooks::register(),
        "registering twice is a no-op"
    );
    for (bytes, name) in [(&png, "plasma-512.png"), (&jpeg, "photo-227x149.jpg")] {
        let expected = cordon::decode(bytes).unwrap();
        let from_memory = image::load_from_memory(bytes).unwrap().into_rgba8();
        assert_eq!(from_memory.as_raw(), &expected.pixels, "{name}");
        let opened = image::open(path(name)).unwrap().into_rgba8();
        assert_eq!(opened.as_raw(), &expected.pixels, "{name}");
        let guessed = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .unwrap()
            .decode()
            .unwrap();
        assert_eq!(guessed.width(), expected.width);
    }
    // WebP, sniffed under its RIFF mask and opened by extension.
    let webp = std::fs::read(path("plasma-alpha-256.webp")).unwrap();
    let expected = cordon::decode(&webp).unwrap();
    assert_eq!(
        image::load_from_memory(&webp)
            .unwrap()
            .into_rgba8()
            .as_raw(),
        &expected.pixels
    );
    assert_eq!(
        image::open(path("plasma-alpha-256.webp"))
            .unwrap()
            .into_rgba8()
            .as_raw(),
        &expected.pixels
    );
    // GIF: image::open gives the first frame; SandboxedAnimation all of them.
    let gif = std::fs::read(path("spinner-48.gif")).unwrap();
    let animation = cordon::animation(&gif).unwrap();
    assert_eq!(animation.frames.len(), 8);
    let opened = image::open(path("spinner-48.gif")).unwrap().into_rgba8();
    assert_eq!(opened.as_raw(), &animation.frames[0].image.pixels);
    let sniffed = image::load_from_memory(&gif).unwrap().into_rgba8();
    assert_eq!(sniffed.as_raw(), &animation.frames[0].image.pixels);
    {
        use image::AnimationDecoder;
        let hooked = cordon::image_hooks::SandboxedAnimation::decode(&gif).unwrap();
        assert_eq!(hooked.loops(), None);
        let frames = hooked.into_frames().collect_frames().unwrap();
        for (ours, theirs) in animation.frames.iter().zip(&frames) {
            assert_eq!(theirs.buffer().as_raw(), &ours.image.pixels);
            assert_eq!(Duration::from(theirs.delay()), ours.delay);
        }
    }
    // EXIF orientation reaches image's decoder interface.
    let exif = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/bridge/libs/jpeg/testdata/gen_exif_orient6.jpg"
    ))
    .unwrap();
    let mut decoder = cordon::image_hooks::SandboxedDecoder::decode(&exif).unwrap();
    assert_eq!(
        image::ImageDecoder::orientation(&mut decoder).unwrap(),
        image::metadata::Orientation::Rotate90
    );

    // Corrupt data: image's decoding error, carrying libjpeg's message.
    let err = image::load_from_memory(&std::fs::read(path("hostile-bad-huffman.jpg")).unwrap())
        .unwrap_err();
    assert!(err.to_string().contains("Bogus Huffman table"), "{err}");

    // A fault in the sandbox (here the deadline, hit while libpng decodes) comes back through
    // image as a decoding error whose source is Cordon's fault; the next decode works.
    cordon::image_hooks::set_limits(cordon::Limits {
        sandbox: cordon_sandbox::Limits {
            deadline: Duration::ZERO,
            ..Default::default()
        },
        ..cordon::Limits::default()
    });
    let fault = (0..50)
        .find_map(|_| match image::load_from_memory(&png) {
            Err(ImageError::Decoding(e)) => e
                .source()
                .and_then(|s| s.downcast_ref::<cordon::Error>())
                .and_then(|e| e.fault().cloned()),
            _ => None,
        })
        .expect("a zero deadline faults a 512x512 decode");
    assert_eq!(fault.kind, cordon_sandbox::FaultKind::Deadline);
    cordon::image_hooks::set_limits(cordon::Limits::default());
    assert!(image::load_from_memory(&png).is_ok());
}
