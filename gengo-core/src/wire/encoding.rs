//! The encoders: form encoding (a byte at a time for large `data`), multipart bodies.

use super::FilePart;

/// Whether a multipart part name is one Gengo accepts as a `file_key`
/// (`^[a-z0-9_-]+$`, case-insensitive).
pub fn valid_file_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Appends `bytes` form-urlencoded exactly as [`form_urlencoded::byte_serialize`] writes
/// them (ASCII letters, digits and `*-._` as themselves, space as `+`, any other byte as
/// `%XX`), a byte at a time into reserved space. `byte_serialize` yields a slice per
/// escaped byte, and copying those one by one was a third of a large order's encoding
/// (measured); the small params keep `form_urlencoded` itself, and the wire tests check the
/// two agree (frozen requests use this, unfrozen ones `form_urlencoded`).
pub(crate) fn form_bytes_into(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    const fn kept(b: u8) -> bool {
        b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_')
    }
    static KEPT: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            t[i] = kept(i as u8);
            i += 1;
        }
        t
    };
    out.reserve(bytes.len() + bytes.len() / 2);
    // A chunk at a time through a buffer on the stack: one copy per chunk, not per byte.
    let mut buf = [0u8; 3 * 256];
    for chunk in bytes.chunks(256) {
        let mut n = 0;
        for &b in chunk {
            if KEPT[usize::from(b)] {
                buf[n] = b;
                n += 1;
            } else if b == b' ' {
                buf[n] = b'+';
                n += 1;
            } else {
                buf[n..n + 3].copy_from_slice(&[
                    b'%',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 15)],
                ]);
                n += 3;
            }
        }
        out.extend_from_slice(&buf[..n]);
    }
}

pub(crate) fn form_encode(pairs: &[(String, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

fn quote_header_value(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "%22")
        .replace(['\r', '\n'], " ")
}

/// Encodes a multipart/form-data body.
pub fn multipart(boundary: &str, fields: &[(String, String)], files: &[FilePart]) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, v) in fields {
        out.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n",
                quote_header_value(k)
            )
            .as_bytes(),
        );
        out.extend_from_slice(v.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    for f in files {
        out.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                quote_header_value(&f.field),
                quote_header_value(&f.filename),
                f.content_type
            )
            .as_bytes(),
        );
        out.extend_from_slice(&f.bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}

/// A fresh multipart boundary.
pub fn new_boundary() -> String {
    let mut s = String::from("gengo-rs-");
    for _ in 0..24 {
        s.push(fastrand::alphanumeric());
    }
    s
}

#[cfg(test)]
mod form_tests {
    /// Every byte, alone and in runs, encodes as `form_urlencoded` encodes it.
    #[test]
    fn form_bytes_match_form_urlencoded() {
        let all: Vec<u8> = (0..=255u8).collect();
        let mut inputs: Vec<Vec<u8>> = all.iter().map(|b| vec![*b]).collect();
        inputs.push(all.clone());
        inputs.push("{\"jobs\":{\"k é\":{\"body_src\":\"a+b=c&d %20 «x»\"}}}".into());
        inputs.push(Vec::new());
        for input in inputs {
            let mut ours = b"data=".to_vec();
            super::form_bytes_into(&mut ours, &input);
            let theirs: String = form_urlencoded::byte_serialize(&input).collect();
            assert_eq!(
                ours,
                [b"data=".as_slice(), theirs.as_bytes()].concat(),
                "{input:?}"
            );
        }
    }
}
