// Struct fields read from the sandbox are tainted, and a field only applies to its own struct.
use cordon_sandbox::{Field, Sandbox, TaintedPtr};

enum Header {}
enum Other {}
const WIDTH: Field<Header, u32> = Field::at(4);

fn use_it(sandbox: &mut Sandbox, header: TaintedPtr<Header>, other: TaintedPtr<Other>) {
    let _width: u32 = sandbox.read_field(header, WIDTH).unwrap();
    let _wrong = sandbox.read_field(other, WIDTH);
}

fn main() {}
