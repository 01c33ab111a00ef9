//! Request signing, as Gengo defines it: `api_sig` is the lowercase hex HMAC-SHA1 of the
//! `ts` text, keyed by the private key. The client signs with it; the sandbox checks
//! with it.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// The signature of `ts` (the decimal Unix time as sent) under `private_key`.
pub fn sign(private_key: &str, ts: &str) -> String {
    let mut mac =
        Hmac::<Sha1>::new_from_slice(private_key.as_bytes()).expect("HMAC takes any key length");
    mac.update(ts.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Whether `sig` is the signature of `ts` under `private_key` (case-insensitive hex,
/// compared in constant time).
pub fn verify(private_key: &str, ts: &str, sig: &str) -> bool {
    let Ok(bytes) = hex::decode(sig.trim()) else {
        return false;
    };
    let mut mac =
        Hmac::<Sha1>::new_from_slice(private_key.as_bytes()).expect("HMAC takes any key length");
    mac.update(ts.as_bytes());
    mac.verify_slice(&bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_the_official_capture() {
        // official-python-wire.md: hmac('PRIVKEY_xyz', '1795339147')
        let sig = "e72bc712e5cfa3280d6b54ce741c96862f32567f";
        assert_eq!(sign("PRIVKEY_xyz", "1795339147"), sig);
        assert!(verify("PRIVKEY_xyz", "1795339147", sig));
        assert!(verify("PRIVKEY_xyz", "1795339147", &sig.to_uppercase()));
        assert!(!verify("PRIVKEY_xyz", "1795339148", sig));
        assert!(!verify("other", "1795339147", sig));
        assert!(!verify("PRIVKEY_xyz", "1795339147", "not hex"));
    }
}
