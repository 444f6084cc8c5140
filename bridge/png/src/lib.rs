//! placeholder
include!(concat!(env!("OUT_DIR"), "/png_artifact.rs"));
