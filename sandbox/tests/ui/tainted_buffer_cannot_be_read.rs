// Bytes copied out of a sandbox cannot be indexed, sliced or iterated before verification.
use cordon_sandbox::Tainted;

fn main() {
    let bytes: Tainted<Vec<u8>> = Tainted::from_host(vec![1, 2, 3]);
    let _first = bytes[0];
    let _len = bytes.len();
    for _b in bytes {}
}
