// A tainted value cannot be used where the plain value is expected.
use cordon_sandbox::Tainted;

fn main() {
    let width: Tainted<u32> = Tainted::from_host(640);
    let _pixels: u32 = width * 4;
    let _plain: u32 = width;
}
