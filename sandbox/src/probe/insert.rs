//! Inserting the probes into a module when the host compiles it.

use super::{MARK, PROBE_ADDRESS};

/// `wasm` (binary or WAT text) as the engine should compile it: with probes inserted where
/// its deadlines are probes (`probes`), else unchanged.
pub(crate) fn prepare(wasm: &[u8], probes: bool) -> wasmtime::Result<std::borrow::Cow<'_, [u8]>> {
    Ok(if probes {
        insert(wasm)?.into()
    } else {
        wasm.into()
    })
}

/// Insert a probe at the start of every function body and of every loop of `wasm` (binary or
/// WAT text); the result is binary.
fn insert(wasm: &[u8]) -> wasmtime::Result<Vec<u8>> {
    let wasm = &wat::parse_bytes(wasm)?[..];
    use wasm_encoder::reencode::{Error, Reencode};
    use wasm_encoder::{Function, Instruction, MemArg};

    struct Probes;

    fn probe(f: &mut Function) {
        f.instruction(&Instruction::I32Const(PROBE_ADDRESS as i32));
        // Atomic: Cranelift's alias analysis would treat a plain load of the same address as
        // redundant with the one at function entry in every loop without a store, and drop it.
        f.instruction(&Instruction::I32AtomicLoad(MemArg {
            offset: 0,
            align: 2,
            memory_index: 0,
        }));
        f.instruction(&Instruction::Drop);
    }

    impl Reencode for Probes {
        type Error = std::convert::Infallible;

        fn parse_export_section(
            &mut self,
            exports: &mut wasm_encoder::ExportSection,
            section: wasmparser::ExportSectionReader<'_>,
        ) -> Result<(), Error<Self::Error>> {
            wasm_encoder::reencode::utils::parse_export_section(self, exports, section)?;
            // The mark `Library` looks for before it loads a module into a runtime with probes.
            exports.export(MARK, wasm_encoder::ExportKind::Memory, 0);
            Ok(())
        }

        fn parse_function_body(
            &mut self,
            code: &mut wasm_encoder::CodeSection,
            body: wasmparser::FunctionBody<'_>,
        ) -> Result<(), Error<Self::Error>> {
            let mut f = self.new_function_with_parsed_locals(&body)?;
            probe(&mut f);
            let mut reader = body.get_operators_reader()?;
            while !reader.eof() {
                let op = reader.read()?;
                let is_loop = matches!(op, wasmparser::Operator::Loop { .. });
                f.instruction(&self.instruction(op)?);
                if is_loop {
                    probe(&mut f);
                }
            }
            code.function(&f);
            Ok(())
        }
    }

    // The probes read memory 0, which must be the module's one 32-bit memory.
    let mut memories = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        match payload? {
            wasmparser::Payload::MemorySection(section) => {
                for memory in section {
                    memories.push(memory?);
                }
            }
            // A start function would run inside instantiation, before the instance has its
            // probe page and outside any call's deadline: libraries are reactors.
            wasmparser::Payload::StartSection { .. } => wasmtime::bail!(
                "a library may not have a start function (export `_initialize` instead)"
            ),
            wasmparser::Payload::ImportSection(section) => {
                for import in section.into_imports() {
                    if let wasmparser::TypeRef::Memory(memory) = import?.ty {
                        memories.push(memory);
                    }
                }
            }
            _ => {}
        }
    }
    match memories.as_slice() {
        [memory] if !memory.memory64 && !memory.shared => {}
        _ => wasmtime::bail!(
            "a library needs exactly one linear memory, 32-bit and not shared (it has {})",
            memories.len()
        ),
    }
    let mut module = wasm_encoder::Module::new();
    Probes
        .parse_core_module(&mut module, wasmparser::Parser::new(0), wasm)
        .map_err(|e| wasmtime::format_err!("cannot insert deadline probes: {e}"))?;
    Ok(module.finish())
}

#[cfg(all(test, unix))]
mod tests {
    use crate::{precompile, Error, Library, Precompiled, Runtime};

    const SPIN: &str =
        r#"(module (memory (export "memory") 1) (func (export "spin") (loop br 0)))"#;

    fn artifact(bytes: Vec<u8>) -> Precompiled {
        // SAFETY: every artifact here is made by wasmtime in this process with Cordon's own
        // code configuration, which is what `Precompiled::new` asks for (one of them lacks the
        // probes, which is what is tested).
        unsafe { Precompiled::new("spin", Box::leak(bytes.into_boxed_slice())) }
    }

    #[test]
    fn a_module_without_probes_is_refused() {
        let wasm = wat::parse_str(SPIN).unwrap();
        let engine = wasmtime::Engine::new(&crate::code_config()).unwrap();
        let bare = artifact(engine.precompile_module(&wasm).unwrap());
        match Library::load(Runtime::shared(), &bare) {
            Err(Error::Setup(message)) => assert!(message.contains("no deadline probes")),
            other => panic!("a module without probes loaded: {other:?}"),
        }
        let probed = artifact(precompile(&wasm, None).unwrap());
        Library::load(Runtime::shared(), &probed).expect("the same module with probes loads");
    }
}
