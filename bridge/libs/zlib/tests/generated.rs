//! zlib driven entirely through generated bindings: one-shot compress/uncompress, and
//! streaming inflate/deflate with a `z_stream` the host fills field by field.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use cordon_sandbox::{Error, GuestStruct, Sandbox, TaintedPtr};
use cordon_zlib::constants::*;
use cordon_zlib::{z_stream, Functions};

fn sample(len: usize) -> Vec<u8> {
    // Compressible but not trivial: words with a slowly changing pattern.
    (0..len)
        .map(|i| b"sandboxed zlib streams "[i % 23] ^ ((i / 997) as u8 & 7))
        .collect()
}

fn setup() -> (Sandbox, Functions) {
    let (library, zlib) = cordon_zlib::load().unwrap();
    (Sandbox::new(&library).unwrap(), zlib)
}

fn status(value: cordon_sandbox::Tainted<i32>) -> i32 {
    value.verify_range(-6..=2, "zlib status").unwrap()
}

#[test]
fn compress_then_uncompress_round_trips_and_matches_an_independent_inflater() {
    let (mut sb, zlib) = setup();
    let input = sample(100_000);
    let bound = zlib.compressBound(&mut sb, input.len() as u32).unwrap();
    let bound = bound
        .verify_range(input.len() as u32.., "compressBound")
        .unwrap();

    let source = sb.copy_to_sandbox(&input).unwrap();
    let dest = sb.alloc_bytes(bound as usize).unwrap();
    let dest_len: TaintedPtr<u32> = sb.alloc(1).unwrap();
    sb.write(dest_len, bound).unwrap();
    assert_eq!(
        status(
            zlib.compress(&mut sb, dest, dest_len, source, input.len() as u32)
                .unwrap()
        ),
        Z_OK
    );
    let compressed_len = sb
        .read(dest_len)
        .unwrap()
        .verify_range(1..=bound, "compressed length")
        .unwrap();
    let compressed = sb
        .read_bytes(dest, compressed_len as usize)
        .unwrap()
        .unverified_because("checked by decompressing it outside the sandbox");
    assert!(compressed.len() < input.len() / 4);
    // An implementation that shares no code with zlib agrees on the bytes.
    assert_eq!(
        miniz_oxide::inflate::decompress_to_vec_zlib(&compressed).unwrap(),
        input
    );

    let back = sb.alloc_bytes(input.len()).unwrap();
    sb.write(dest_len, input.len() as u32).unwrap();
    let compressed_in = sb.copy_to_sandbox(&compressed).unwrap();
    let rc = zlib
        .uncompress(
            &mut sb,
            back,
            dest_len,
            compressed_in,
            compressed.len() as u32,
        )
        .unwrap();
    assert_eq!(status(rc), Z_OK);
    let n = sb
        .read(dest_len)
        .unwrap()
        .verify_eq(input.len() as u32, "uncompressed length")
        .unwrap();
    assert_eq!(
        sb.read_bytes(back, n as usize)
            .unwrap()
            .unverified_because("test"),
        input
    );

    // Corrupt input: a normal error code, not a fault.
    sb.write_bytes(compressed_in.byte_add(10).unwrap(), &[0xff; 8])
        .unwrap();
    sb.write(dest_len, input.len() as u32).unwrap();
    let rc = zlib
        .uncompress(
            &mut sb,
            back,
            dest_len,
            compressed_in,
            compressed.len() as u32,
        )
        .unwrap();
    assert_eq!(status(rc), Z_DATA_ERROR);
    assert!(sb.is_live());
}

/// Inflate `compressed` through a z_stream, feeding `chunk` input bytes and taking at most
/// `chunk` output bytes per call, all bookkeeping done by the host on z_stream's fields.
fn stream_inflate(
    sb: &mut Sandbox,
    zlib: &Functions,
    compressed: &[u8],
    chunk: usize,
) -> Result<Vec<u8>, String> {
    let strm: TaintedPtr<z_stream> = sb.alloc_struct().unwrap();
    let version = sb.copy_to_sandbox(b"1.3.2\0").unwrap();
    let rc = zlib
        .inflateInit_(sb, strm, version, z_stream::SIZE as i32)
        .unwrap();
    assert_eq!(status(rc), Z_OK);
    let input = sb.alloc_bytes(chunk).unwrap();
    let output = sb.alloc_bytes(chunk).unwrap();
    let (input_addr, output_addr) = (
        sb.guest_addr(input).unwrap(),
        sb.guest_addr(output).unwrap(),
    );
    let mut result = Vec::new();
    let mut fed = 0;
    loop {
        if sb
            .read_field(strm, z_stream::avail_in)
            .unwrap()
            .unverified_because("compared only")
            == 0
        {
            let piece = &compressed[fed..(fed + chunk).min(compressed.len())];
            sb.write_bytes(input, piece).unwrap();
            sb.write_field(strm, z_stream::next_in, input_addr).unwrap();
            sb.write_field(strm, z_stream::avail_in, piece.len() as u32)
                .unwrap();
            fed += piece.len();
        }
        sb.write_field(strm, z_stream::next_out, output_addr)
            .unwrap();
        sb.write_field(strm, z_stream::avail_out, chunk as u32)
            .unwrap();
        let rc = status(zlib.inflate(sb, strm, Z_NO_FLUSH).unwrap());
        let left = sb
            .read_field(strm, z_stream::avail_out)
            .unwrap()
            .verify_range(0..=chunk as u32, "avail_out")
            .unwrap();
        let produced = chunk - left as usize;
        result.extend(
            sb.read_bytes(output, produced)
                .unwrap()
                .unverified_because("test output"),
        );
        match rc {
            Z_STREAM_END => break,
            Z_OK => {}
            Z_BUF_ERROR if fed == compressed.len() => return Err("truncated".into()),
            Z_BUF_ERROR => {}
            _ => {
                let msg = sb.read_field(strm, z_stream::msg).unwrap();
                let text = sb
                    .read_c_string(sb.pointer(msg).unwrap(), 200)
                    .unwrap()
                    .verify_utf8("msg")
                    .unwrap();
                let _ = zlib.inflateEnd(sb, strm).unwrap();
                return Err(text);
            }
        }
    }
    let total = sb.read_field(strm, z_stream::total_out).unwrap();
    assert_eq!(
        total.verify_eq(result.len() as u32, "total_out").unwrap() as usize,
        result.len()
    );
    assert_eq!(status(zlib.inflateEnd(sb, strm).unwrap()), Z_OK);
    for ptr in [input, output, version] {
        sb.free(ptr).unwrap();
    }
    sb.free(strm).unwrap();
    Ok(result)
}

#[test]
fn streaming_inflate_with_host_driven_z_stream_in_any_chunk_size() {
    let (mut sb, zlib) = setup();
    let input = sample(50_000);
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&input, 6);
    for chunk in [1, 7, 4096, compressed.len().max(input.len())] {
        assert_eq!(
            stream_inflate(&mut sb, &zlib, &compressed, chunk).unwrap(),
            input,
            "chunk {chunk}"
        );
    }
    let mut corrupt = compressed.clone();
    corrupt[2] ^= 0x40; // a reserved block type
    let err = stream_inflate(&mut sb, &zlib, &corrupt, 4096).unwrap_err();
    assert!(err.contains("invalid"), "zlib's own message: {err}");
}

#[test]
fn streaming_deflate_output_inflates_back() {
    let (mut sb, zlib) = setup();
    let input = sample(30_000);
    let strm: TaintedPtr<z_stream> = sb.alloc_struct().unwrap();
    let version = sb.copy_to_sandbox(b"1.3.2\0").unwrap();
    assert_eq!(
        status(
            zlib.deflateInit_(
                &mut sb,
                strm,
                Z_BEST_COMPRESSION,
                version,
                z_stream::SIZE as i32
            )
            .unwrap()
        ),
        Z_OK
    );
    let source = sb.copy_to_sandbox(&input).unwrap();
    let out = sb.alloc_bytes(64 << 10).unwrap();
    sb.write_field(strm, z_stream::next_in, sb.guest_addr(source).unwrap())
        .unwrap();
    sb.write_field(strm, z_stream::avail_in, input.len() as u32)
        .unwrap();
    sb.write_field(strm, z_stream::next_out, sb.guest_addr(out).unwrap())
        .unwrap();
    sb.write_field(strm, z_stream::avail_out, 64 << 10).unwrap();
    assert_eq!(
        status(zlib.deflate(&mut sb, strm, Z_FINISH).unwrap()),
        Z_STREAM_END
    );
    let produced = sb
        .read_field(strm, z_stream::total_out)
        .unwrap()
        .verify_range(1..=64 << 10, "total_out")
        .unwrap();
    let compressed = sb
        .read_bytes(out, produced as usize)
        .unwrap()
        .unverified_because("test");
    assert_eq!(status(zlib.deflateEnd(&mut sb, strm).unwrap()), Z_OK);
    assert_eq!(
        miniz_oxide::inflate::decompress_to_vec_zlib(&compressed).unwrap(),
        input
    );
}

#[test]
fn checksums_and_struct_layout() {
    let (mut sb, zlib) = setup();
    let data = sb.copy_to_sandbox(b"123456789").unwrap();
    let crc = zlib
        .crc32(&mut sb, 0, data, 9)
        .unwrap()
        .unverified_because("compared");
    assert_eq!(crc, 0xCBF4_3926, "the CRC-32 check value");
    let adler = zlib
        .adler32(&mut sb, 1, data, 9)
        .unwrap()
        .unverified_because("compared");
    assert_eq!(adler, 0x091E_01DE, "the Adler-32 check value");
    assert_eq!((z_stream::SIZE, z_stream::ALIGN), (56, 4));
    assert_eq!(z_stream::msg.offset(), 24);
    // A pointer from another instance is refused by every generated method.
    let (library, _) = cordon_zlib::load().unwrap();
    let mut other = Sandbox::new(&library).unwrap();
    assert!(matches!(
        zlib.crc32(&mut other, 0, data, 9),
        Err(Error::StalePointer)
    ));
}

#[test]
fn zlib_allocates_through_host_callbacks_declared_in_the_manifest() {
    let (library, zlib) = cordon_zlib::load().unwrap();
    let mut sb = Sandbox::new(&library).unwrap();
    let live = Arc::new(AtomicI64::new(0));
    let calls = Arc::new(AtomicI64::new(0));
    let alloc = library.function::<u32, u32>("cordon_alloc").unwrap();
    let free = library.function::<u32, ()>("cordon_free").unwrap();
    let (live_a, calls_a) = (live.clone(), calls.clone());
    let zalloc = cordon_zlib::register_alloc_func(&mut sb, move |cx, args| {
        // (opaque, items, size): verify the product before acting on it.
        let bytes = args.verify(|(_, items, size)| {
            u32::checked_mul(items, size)
                .filter(|n| *n <= 1 << 20)
                .ok_or("allocation too large")
        })?;
        calls_a.fetch_add(1, Ordering::SeqCst);
        live_a.fetch_add(1, Ordering::SeqCst);
        let ptr = cx.call(&alloc, bytes)?;
        Ok(ptr.unverified_because("returned to the library that asked for it"))
    })
    .unwrap();
    let live_f = live.clone();
    let zfree = cordon_zlib::register_free_func(&mut sb, move |cx, args| {
        let (_, address) = args.unverified_because("handed back to the library's own free");
        live_f.fetch_sub(1, Ordering::SeqCst);
        let _ = cx.call(&free, address)?;
        Ok(())
    })
    .unwrap();

    let input = sample(20_000);
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&input, 6);
    let strm: TaintedPtr<z_stream> = sb.alloc_struct().unwrap();
    sb.write_field(strm, z_stream::zalloc, zalloc.function_pointer())
        .unwrap();
    sb.write_field(strm, z_stream::zfree, zfree.function_pointer())
        .unwrap();
    let version = sb.copy_to_sandbox(b"1.3.2\0").unwrap();
    assert_eq!(
        status(
            zlib.inflateInit_(&mut sb, strm, version, z_stream::SIZE as i32)
                .unwrap()
        ),
        Z_OK
    );
    let source = sb.copy_to_sandbox(&compressed).unwrap();
    let out = sb.alloc_bytes(input.len()).unwrap();
    sb.write_field(strm, z_stream::next_in, sb.guest_addr(source).unwrap())
        .unwrap();
    sb.write_field(strm, z_stream::avail_in, compressed.len() as u32)
        .unwrap();
    sb.write_field(strm, z_stream::next_out, sb.guest_addr(out).unwrap())
        .unwrap();
    sb.write_field(strm, z_stream::avail_out, input.len() as u32)
        .unwrap();
    assert_eq!(
        status(zlib.inflate(&mut sb, strm, Z_FINISH).unwrap()),
        Z_STREAM_END
    );
    assert_eq!(
        sb.read_bytes(out, input.len())
            .unwrap()
            .unverified_because("test"),
        input
    );
    assert!(
        calls.load(Ordering::SeqCst) >= 1,
        "the inflate state came from the host allocator"
    );
    assert_eq!(status(zlib.inflateEnd(&mut sb, strm).unwrap()), Z_OK);
    assert_eq!(
        live.load(Ordering::SeqCst),
        0,
        "everything allocated was freed"
    );
}

#[test]
fn a_generated_struct_is_copied_out_in_one_read_and_matches_its_fields() {
    let (mut sb, zlib) = setup();
    let strm: TaintedPtr<z_stream> = sb.alloc_struct().unwrap();
    let input = sb.copy_to_sandbox(b"0123456789").unwrap();
    sb.write_field(strm, z_stream::avail_in, 10).unwrap();
    sb.write_field(strm, z_stream::next_in, sb.guest_addr(input).unwrap())
        .unwrap();
    let version = sb.copy_to_sandbox(b"1.3.2\0").unwrap();
    let size = <z_stream as GuestStruct>::SIZE as i32;
    let rc = zlib.deflateInit_(&mut sb, strm, 6, version, size).unwrap();
    assert_eq!(status(rc), Z_OK);

    let copy = sb
        .read(strm)
        .unwrap()
        .unverified_because("compared field by field below");
    for (field, value) in [
        (z_stream::avail_in, copy.avail_in),
        (z_stream::next_in, copy.next_in),
        (z_stream::avail_out, copy.avail_out),
        (z_stream::state, copy.state),
        (z_stream::zalloc, copy.zalloc),
    ] {
        let one = sb
            .read_field(strm, field)
            .unwrap()
            .unverified_because("test");
        assert_eq!(one, value);
    }
    assert_eq!(copy.avail_in, 10);
    assert_ne!(copy.state, 0, "deflateInit_ set up its state");
    // And back: writing the whole struct is the same as writing its fields.
    let mut changed = copy;
    changed.avail_in = 3;
    sb.write(strm, changed).unwrap();
    let avail_in = sb.read_field(strm, z_stream::avail_in).unwrap();
    assert_eq!(avail_in.verify_eq(3, "avail_in"), Ok(3));
    assert_eq!(status(zlib.deflateEnd(&mut sb, strm).unwrap()), Z_OK);
}

/// Adler-32 by its definition (RFC 1950), one byte at a time with a reduction per byte.
fn adler32_by_definition(start: u32, data: &[u8]) -> u32 {
    let (mut a, mut b) = (start & 0xffff, start >> 16);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    b << 16 | a
}

#[test]
fn adler32_eight_bytes_at_a_time_equals_the_definition() {
    // zlib's Adler-32 is replaced by guest/adler32_swar.c for inputs of 32 bytes and more:
    // every length around its 8-byte steps and zlib's 5552-byte reduction runs, from several
    // starting values, on data of all 0xff (the largest sums) and mixed bytes.
    let (mut sb, zlib) = setup();
    let mut mixed = sample(3 * 5552 + 77);
    for (i, byte) in mixed.iter_mut().enumerate().step_by(7) {
        *byte = if i % 2 == 0 { 0xff } else { 0 };
    }
    let ones = vec![0xffu8; mixed.len()];
    for data in [&mixed, &ones] {
        let at = sb.copy_to_sandbox(data).unwrap();
        let lengths = (0..80)
            .chain(5540..5570)
            .chain(11_090..11_115)
            .chain([data.len()]);
        for len in lengths {
            for start in [1u32, 0x1234_5678, (65_520 << 16) | 65_520] {
                let ours = zlib
                    .adler32(&mut sb, start, at, len as u32)
                    .unwrap()
                    .unverified_because("compared");
                assert_eq!(
                    ours,
                    adler32_by_definition(start, &data[..len]),
                    "length {len}, start {start:#x}"
                );
            }
        }
        sb.free(at).unwrap();
    }
}
