//! The fixture is declared in `cordon.toml`, like every bridge.
fn main() {
    cordon_build::build_or_exit();
}
