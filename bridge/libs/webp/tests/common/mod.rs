//! Shared by the test files: the corpus, checksums, deterministic mutations and a RIFF
//! builder for files too large or too many to commit.
#![allow(dead_code)]

pub const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata");

pub fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{TESTDATA}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Every `.webp` in testdata/, sorted.
pub fn names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(TESTDATA)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".webp"))
        .collect();
    names.sort();
    names
}

pub fn crc(bytes: &[u8]) -> String {
    format!("{:08x}", crc32fast::hash(bytes))
}

/// xorshift: deterministic mutations without a dependency.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The top-level chunks of a RIFF WebP: (fourcc, payload).
pub fn chunks(webp: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
    assert_eq!(&webp[..4], b"RIFF");
    let mut out = Vec::new();
    let mut at = 12;
    while at + 8 <= webp.len() {
        let fourcc: [u8; 4] = webp[at..at + 4].try_into().unwrap();
        let size = u32::from_le_bytes(webp[at + 4..at + 8].try_into().unwrap()) as usize;
        out.push((fourcc, webp[at + 8..at + 8 + size].to_vec()));
        at += 8 + size + (size & 1);
    }
    out
}

/// A RIFF WebP of these chunks.
pub fn riff<'a>(chunks: impl IntoIterator<Item = (&'a [u8; 4], &'a [u8])>) -> Vec<u8> {
    let mut body = b"WEBP".to_vec();
    for (fourcc, payload) in chunks {
        body.extend_from_slice(fourcc);
        body.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        body.extend_from_slice(payload);
        if payload.len() % 2 == 1 {
            body.push(0);
        }
    }
    let mut file = b"RIFF".to_vec();
    file.extend_from_slice(&(body.len() as u32).to_le_bytes());
    file.extend(body);
    file
}

/// A VP8X payload: flags and a canvas of `width` x `height`.
pub fn vp8x(flags: u8, width: u32, height: u32) -> Vec<u8> {
    let mut payload = vec![flags, 0, 0, 0];
    payload.extend_from_slice(&(width - 1).to_le_bytes()[..3]);
    payload.extend_from_slice(&(height - 1).to_le_bytes()[..3]);
    payload
}

/// An animation of `frames` copies of bomb_anim_canvas.webp's 1x1 frame on a
/// `width` x `height` canvas.
pub fn animation_of(frames: usize, width: u32, height: u32) -> Vec<u8> {
    let parts = chunks(&read("bomb_anim_canvas.webp"));
    let anim = &parts.iter().find(|c| &c.0 == b"ANIM").unwrap().1;
    let anmf = &parts.iter().find(|c| &c.0 == b"ANMF").unwrap().1;
    let header = vp8x(0x02, width, height);
    let mut list: Vec<(&[u8; 4], &[u8])> = vec![(b"VP8X", &header), (b"ANIM", anim)];
    list.extend(std::iter::repeat_n((b"ANMF", anmf.as_slice()), frames));
    riff(list)
}
