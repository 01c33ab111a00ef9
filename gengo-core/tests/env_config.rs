//! `Config::from_env` reads GENGO_PUBLIC_KEY, GENGO_PRIVATE_KEY and GENGO_BASE_URL.
//! Alone in its own test binary, because it changes the process environment.

use gengo_core::{Client, Config};

#[test]
fn config_from_the_environment() {
    // SAFETY: this test binary has one test and no other threads touch the environment.
    unsafe {
        std::env::set_var("GENGO_PUBLIC_KEY", "env_public");
        std::env::set_var("GENGO_PRIVATE_KEY", "env_private_secret");
        std::env::set_var("GENGO_BASE_URL", "http://127.0.0.1:8290/");
    }
    let c = Config::from_env().unwrap();
    assert_eq!(c.public_key(), Some("env_public"));
    assert!(c.has_keys());
    assert_eq!(c.base_url(), "http://127.0.0.1:8290");
    assert!(!format!("{c:?}").contains("env_private_secret"));
    // JSON config with from_env: explicit keys win over the environment.
    let c = Config::from_json(&serde_json::json!({"from_env": true, "public_key": "explicit"}))
        .unwrap();
    assert_eq!(
        (c.public_key(), c.base_url()),
        (Some("explicit"), "http://127.0.0.1:8290")
    );
    assert!(Client::from_env().is_ok());
    // Unset: production, no keys.
    unsafe {
        std::env::remove_var("GENGO_PUBLIC_KEY");
        std::env::remove_var("GENGO_PRIVATE_KEY");
        std::env::remove_var("GENGO_BASE_URL");
    }
    let c = Config::from_env().unwrap();
    assert_eq!(
        (c.public_key(), c.base_url(), c.has_keys()),
        (None, "https://api.gengo.com", false)
    );
}
