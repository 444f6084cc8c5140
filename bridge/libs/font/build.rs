//! Everything this bridge builds is declared in `cordon.toml`.
fn main() {
    cordon_build::build_or_exit();
}
