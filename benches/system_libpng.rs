//! The distribution's shared libpng (Debian's `libpng16.so.16`, what an application links
//! today, with the system zlib), loaded at run time through its
//! simplified API so the benchmarks build without its headers. `None` where it is not
//! installed (`apt-get install libpng16-16`).

use std::ffi::c_void;

/// `png_image` from png.h (libpng 1.6's stable simplified-API struct).
#[repr(C)]
struct PngImage {
    opaque: *mut c_void,
    version: u32,
    width: u32,
    height: u32,
    format: u32,
    flags: u32,
    colormap_entries: u32,
    warning_or_error: u32,
    message: [u8; 64],
}

const PNG_IMAGE_VERSION: u32 = 1;
const PNG_FORMAT_RGBA: u32 = 3;

type Begin = unsafe extern "C" fn(*mut PngImage, *const c_void, usize) -> i32;
type Finish =
    unsafe extern "C" fn(*mut PngImage, *const c_void, *mut c_void, i32, *mut c_void) -> i32;
type Free = unsafe extern "C" fn(*mut PngImage);

/// The system libpng's simplified reader.
pub struct SystemLibpng {
    begin: Begin,
    finish: Finish,
    free: Free,
    _library: libloading::Library,
}

impl SystemLibpng {
    /// Load `libpng16.so.16`, if the system has it.
    pub fn load() -> Option<SystemLibpng> {
        // SAFETY: loading libpng runs no initialisers with preconditions, and the three
        // symbols are looked up with the exact signatures png.h declares for libpng 1.6.
        unsafe {
            let library = libloading::Library::new("libpng16.so.16").ok()?;
            let begin = *library
                .get::<Begin>(b"png_image_begin_read_from_memory\0")
                .ok()?;
            let finish = *library.get::<Finish>(b"png_image_finish_read\0").ok()?;
            let free = *library.get::<Free>(b"png_image_free\0").ok()?;
            Some(SystemLibpng {
                begin,
                finish,
                free,
                _library: library,
            })
        }
    }

    /// Decode a (trusted, benchmark) PNG to RGBA8.
    pub fn decode(&self, file: &[u8]) -> Vec<u8> {
        let mut image = PngImage {
            opaque: std::ptr::null_mut(),
            version: PNG_IMAGE_VERSION,
            width: 0,
            height: 0,
            format: 0,
            flags: 0,
            colormap_entries: 0,
            warning_or_error: 0,
            message: [0; 64],
        };
        // SAFETY: `image` is a zeroed png_image with the version set, as libpng requires;
        // `file` outlives the calls; the output buffer is exactly height * width * 4 bytes
        // for the RGBA format and a stride of width * 4; the image is freed on every path.
        unsafe {
            assert!((self.begin)(&mut image, file.as_ptr().cast(), file.len()) != 0);
            image.format = PNG_FORMAT_RGBA;
            let mut out = vec![0u8; image.width as usize * image.height as usize * 4];
            let ok = (self.finish)(
                &mut image,
                std::ptr::null(),
                out.as_mut_ptr().cast(),
                (image.width * 4) as i32,
                std::ptr::null_mut(),
            );
            (self.free)(&mut image);
            assert!(ok != 0, "system libpng failed");
            out
        }
    }
}
