//! Writes the fuzz seeds (built from the published fixtures) and the regression inputs
//! into `DIR/<target>/`, the corpus folders `scripts/fuzz.sh` hands to libFuzzer.

use std::path::Path;

fn main() {
    let out = std::env::args()
        .nth(1)
        .expect("usage: gengo-fuzz-seeds DIR");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for t in gengo_fuzz::TARGETS {
        std::fs::create_dir_all(Path::new(&out).join(t)).expect("corpus folder");
    }
    let mut n = 0;
    for (i, (target, input)) in gengo_fuzz::seeds(&root.join("../gengo-core/tests/fixtures"))
        .into_iter()
        .enumerate()
    {
        let path = Path::new(&out).join(target).join(format!("seed-{i:04}"));
        std::fs::write(path, input).expect("seed written");
        n += 1;
    }
    for t in gengo_fuzz::TARGETS {
        let Ok(dir) = std::fs::read_dir(root.join("regressions").join(t)) else {
            continue;
        };
        for f in dir.flatten() {
            std::fs::copy(f.path(), Path::new(&out).join(t).join(f.file_name())).expect("copied");
            n += 1;
        }
    }
    println!("{n} seeds in {out}");
}
