// Branching on a tainted value is impossible without verifying it first.
use cordon_sandbox::Tainted;

fn main() {
    let length: Tainted<u32> = Tainted::from_host(16);
    if length > 8 {}
    if length == Tainted::from_host(16) {}
}
