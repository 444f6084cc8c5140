//! Failures cross the bridge twice: as the `Err` cxx throws (`rust::Error`, whose `what()` is
//! the message) and as this thread's [`last_error`], which the C++ headers read in their
//! `catch` to throw the typed exception (`cordon::InvalidImage`, `cordon::Fault`, ...).

use std::cell::RefCell;
use std::fmt;

use crate::ffi::{ErrorInfo, ErrorKind, FaultKind, Format};

thread_local! {
    static LAST: RefCell<ErrorInfo> = const {
        RefCell::new(ErrorInfo {
            kind: ErrorKind::Sandbox,
            fault: FaultKind::None,
            format: Format::None,
            message: String::new(),
            library_message: String::new(),
        })
    };
}

/// The failure behind the last `Err` returned on this thread (what the C++ headers throw).
pub fn last_error() -> ErrorInfo {
    LAST.with(|last| last.borrow().clone())
}

/// An error on its way across the bridge: recorded as this thread's [`last_error`] when made.
#[derive(Debug)]
pub struct Failure(String);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Failure {
    fn record(info: ErrorInfo) -> Failure {
        let message = info.message.clone();
        LAST.with(|last| *last.borrow_mut() = info);
        Failure(message)
    }

    /// A misuse of the low-level API (wrong argument types, a stale pointer).
    pub(crate) fn usage(message: impl Into<String>) -> Failure {
        Failure::record(ErrorInfo {
            kind: ErrorKind::Sandbox,
            fault: FaultKind::None,
            format: Format::None,
            message: message.into(),
            library_message: String::new(),
        })
    }
}

pub(crate) fn format(format: cordon::Format) -> Format {
    match format {
        cordon::Format::Png => Format::Png,
        cordon::Format::Jpeg => Format::Jpeg,
        cordon::Format::Gif => Format::Gif,
        cordon::Format::WebP => Format::WebP,
        cordon::Format::Font => Format::Font,
        _ => Format::None,
    }
}

fn fault_kind(kind: cordon_sandbox::FaultKind) -> FaultKind {
    use cordon_sandbox::FaultKind as K;
    match kind {
        K::Deadline => FaultKind::Deadline,
        K::MemoryLimit => FaultKind::MemoryLimit,
        K::StackOverflow => FaultKind::StackOverflow,
        K::Abort => FaultKind::Abort,
        K::MemoryOutOfBounds => FaultKind::MemoryOutOfBounds,
        K::BadIndirectCall => FaultKind::BadIndirectCall,
        K::Arithmetic => FaultKind::Arithmetic,
        K::Callback => FaultKind::Callback,
        _ => FaultKind::Other,
    }
}

fn fault_info(fault: &cordon_sandbox::Fault) -> ErrorInfo {
    ErrorInfo {
        kind: ErrorKind::Fault,
        fault: fault_kind(fault.kind),
        format: Format::None,
        message: fault.to_string(),
        library_message: fault.message.clone().unwrap_or_default(),
    }
}

impl From<cordon::Error> for Failure {
    fn from(error: cordon::Error) -> Failure {
        use cordon::Error as E;
        let message = error.to_string();
        let (kind, format_of, library_message) = match &error {
            E::Invalid { format, message } => (ErrorKind::Invalid, Some(*format), message.clone()),
            E::TooLarge { .. } | E::LimitExceeded(_) => {
                (ErrorKind::LimitExceeded, None, String::new())
            }
            E::OutOfMemory { format, message } => {
                (ErrorKind::OutOfMemory, Some(*format), message.clone())
            }
            E::UnknownFormat { .. } => (ErrorKind::UnknownFormat, None, String::new()),
            E::Unsupported { format, .. } => (ErrorKind::Unsupported, Some(*format), String::new()),
            E::Fault(fault) => return Failure::record(fault_info(fault)),
            E::Verification(_) => (ErrorKind::Verification, None, String::new()),
            _ => (ErrorKind::Sandbox, None, String::new()),
        };
        Failure::record(ErrorInfo {
            kind,
            fault: FaultKind::None,
            format: format_of.map_or(Format::None, format),
            message,
            library_message,
        })
    }
}

impl From<cordon_sandbox::Error> for Failure {
    fn from(error: cordon_sandbox::Error) -> Failure {
        match &error {
            cordon_sandbox::Error::Fault(fault) => Failure::record(fault_info(fault)),
            cordon_sandbox::Error::Verification(_) => Failure::record(ErrorInfo {
                kind: ErrorKind::Verification,
                fault: FaultKind::None,
                format: Format::None,
                message: error.to_string(),
                library_message: String::new(),
            }),
            _ => Failure::usage(error.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_records_what_the_headers_throw() {
        let invalid = Failure::from(cordon::decode(b"\x89PNG\r\n\x1a\n").unwrap_err());
        let info = last_error();
        assert_eq!((info.kind, info.format), (ErrorKind::Invalid, Format::Png));
        assert_eq!(invalid.to_string(), info.message);
        assert!(!info.library_message.is_empty());

        let _ = Failure::from(cordon::decode(b"%PDF-1.7").unwrap_err());
        assert_eq!(last_error().kind, ErrorKind::UnknownFormat);
        let _ = Failure::from(cordon::decode(b"GIF89a..").unwrap_err());
        let info = last_error();
        assert_eq!((info.kind, info.format), (ErrorKind::Invalid, Format::Gif));

        let fault = cordon_sandbox::Fault {
            kind: cordon_sandbox::FaultKind::Deadline,
            detail: "spun".into(),
            message: Some("busy".into()),
            memory_limit_hit: false,
        };
        let _ = Failure::from(cordon::Error::Fault(fault));
        let info = last_error();
        assert_eq!(
            (info.kind, info.fault),
            (ErrorKind::Fault, FaultKind::Deadline)
        );
        assert_eq!(info.library_message, "busy");

        let _ = Failure::from(cordon_sandbox::Error::StalePointer);
        assert_eq!(last_error().kind, ErrorKind::Sandbox);
    }

    #[test]
    fn the_last_error_is_per_thread() {
        let _ = Failure::usage("here");
        std::thread::spawn(|| {
            let _ = Failure::usage("there");
        })
        .join()
        .unwrap();
        assert_eq!(last_error().message, "here");
    }
}
