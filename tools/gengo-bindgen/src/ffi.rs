//! The C ABI's status enum (`gengo-ffi/src/status.rs`, which cbindgen writes into
//! `include/gengo.h`): success, one status per error kind with the kind's number, and the
//! caught panic.

use gengo_core::ErrorKind;

use crate::banner;

/// `gengo-ffi/src/status.rs`.
pub fn status() -> String {
    let mut out = banner("//", "gengo-core's ErrorKind (gengo-core/src/error.rs)");
    out.push_str(
        "\n//! The status every function of the C ABI returns: one per error kind, by number.\n\nuse gengo_core::ErrorKind;\n\n/// What a call returned. The values never change meaning; new ones get new numbers.\n///\n/// Width: a C enum, so an `int`: 32 bits (`int32_t`) on every platform gengo-rs builds\n/// for; `gengo_guard.h` asserts it when a C or C++ program compiles, and the library when\n/// it is built. (A `repr(u32)` enum would make cbindgen write C23 `#if` blocks, which\n/// PHP's `FFI::cdef` cannot read.) Do not compile against it with `-fshort-enums`.\n#[repr(C)]\n#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum GengoStatus {\n    /// Success.\n    Ok = 0,\n",
    );
    for k in ErrorKind::ALL {
        out.push_str(&format!(
            "    /// {} (error kind `{}`)\n    {} = {},\n",
            k.doc(),
            k.name(),
            k.class_name(),
            k.number()
        ));
    }
    out.push_str("    /// A bug in the library: a panic was caught at the boundary.\n    Panic = 99,\n}\n\nconst _: () = assert!(\n    std::mem::size_of::<GengoStatus>() == 4,\n    \"gengo_status is a 32-bit int in C\"\n);\n\nimpl From<ErrorKind> for GengoStatus {\n    /// The status with the kind's number; a kind added to gengo-core before this file is\n    /// generated again maps to `Api`.\n    fn from(k: ErrorKind) -> Self {\n        #[allow(unreachable_patterns)]\n        match k {\n");
    for k in ErrorKind::ALL {
        out.push_str(&format!(
            "            ErrorKind::{0} => GengoStatus::{0},\n",
            k.class_name()
        ));
    }
    out.push_str("            _ => GengoStatus::Api,\n        }\n    }\n}\n");
    out
}
