//! The `ffi` target: the C ABI entry points, JSON in.

use std::ffi::{CStr, CString, c_char};

use serde_json::Value;

use crate::names_files;

thread_local! {
    static FFI_CLIENT: *mut gengo::GengoClient = {
        let config = CString::new(
            r#"{"public_key":"PUBKEY_fuzz","private_key":"PRIVKEY_fuzz","base_url":"http://127.0.0.1:9","max_retries":0,"timeout":1,"connect_timeout":1,"rate_limit_per_minute":0}"#,
        )
        .unwrap();
        let mut client = std::ptr::null_mut();
        let mut err = std::ptr::null_mut();
        // SAFETY: valid C strings and out-pointers.
        let st = unsafe { gengo::gengo_client_new(config.as_ptr(), &mut client, &mut err) };
        assert_eq!(st as u32, 0);
        client
    };
}

fn free(s: *mut c_char) {
    // SAFETY: strings returned by the library are freed once, by the library.
    unsafe { gengo::gengo_string_free(s) }
}

fn check_status(st: gengo::GengoStatus, out: *mut c_char, err: *mut c_char) {
    assert_ne!(
        st as u32,
        gengo::GengoStatus::Panic as u32,
        "panic across the C ABI"
    );
    for s in [out, err] {
        if !s.is_null() {
            // SAFETY: a NUL-terminated string from the library.
            let text = unsafe { CStr::from_ptr(s) }.to_str().expect("UTF-8 out");
            assert!(
                serde_json::from_str::<Value>(text).is_ok(),
                "JSON out: {text}"
            );
        }
        free(s);
    }
}

/// Byte 0 picks the entry point: a config for `gengo_client_new`; an operation name and
/// params (split at the first NUL) for `gengo_client_call`; a callback body; a text for
/// `gengo_unit_count`.
pub fn ffi(data: &[u8]) {
    let [a, rest @ ..] = data else { return };
    let cstr =
        |b: &[u8]| CString::new(b.iter().copied().filter(|&c| c != 0).collect::<Vec<_>>()).unwrap();
    let mut out: *mut c_char = std::ptr::null_mut();
    let mut err: *mut c_char = std::ptr::null_mut();
    match a % 4 {
        0 => {
            let config = cstr(rest);
            let mut client = std::ptr::null_mut();
            // SAFETY: valid C string and out-pointers; the client is freed once.
            let st = unsafe { gengo::gengo_client_new(config.as_ptr(), &mut client, &mut err) };
            check_status(st, std::ptr::null_mut(), err);
            unsafe { gengo::gengo_client_free(client) };
        }
        1 => {
            let cut = rest.iter().position(|&c| c == 0).unwrap_or(rest.len());
            let params = rest.get(cut + 1..).unwrap_or_default();
            if let Ok(v) = serde_json::from_slice::<Value>(params)
                && names_files(&v)
            {
                return;
            }
            let (name, params) = (cstr(&rest[..cut]), cstr(params));
            FFI_CLIENT.with(|c| {
                // SAFETY: a live client, valid C strings and out-pointers.
                let st = unsafe {
                    gengo::gengo_client_call(*c, name.as_ptr(), params.as_ptr(), &mut out, &mut err)
                };
                check_status(st, out, err);
            });
        }
        2 => {
            let ct = cstr(b"application/x-www-form-urlencoded");
            // SAFETY: `rest` is valid for its length; the content type is a C string.
            let st = unsafe {
                gengo::gengo_parse_callback(
                    rest.as_ptr().cast(),
                    rest.len(),
                    ct.as_ptr(),
                    &mut out,
                    &mut err,
                )
            };
            check_status(st, out, err);
        }
        _ => {
            let cut = rest.iter().position(|&c| c == 0).unwrap_or(rest.len());
            let (text, lc) = (
                cstr(&rest[..cut]),
                cstr(rest.get(cut + 1..).unwrap_or_default()),
            );
            let mut n = 0u64;
            // SAFETY: valid C strings and out-pointers.
            let st =
                unsafe { gengo::gengo_unit_count(text.as_ptr(), lc.as_ptr(), &mut n, &mut err) };
            check_status(st, std::ptr::null_mut(), err);
        }
    }
}
