#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| gengo_fuzz::formats(data));
