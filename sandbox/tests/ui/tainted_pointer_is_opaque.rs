// A tainted pointer is a guest address: it cannot be dereferenced or turned into a number
// without going through the sandbox (bounds-checked copies, guest_addr for call arguments).
use cordon_sandbox::TaintedPtr;

fn use_it(ptr: TaintedPtr<u32>) {
    let _value: u32 = *ptr;
    let _addr: u32 = ptr.raw_addr();
    let _also: u32 = ptr.addr();
}

fn main() {}
