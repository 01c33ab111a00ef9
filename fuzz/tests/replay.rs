//! Replays, on stable Rust and in every `cargo test`, each fuzz target's seeds (the
//! published fixtures) and every input that once made a target fail
//! (`fuzz/regressions/<target>/`). A fixed bug stays fixed.

use std::path::Path;

#[test]
fn every_seed_and_every_past_crash_runs_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut ran = 0;
    for (target, input) in gengo_fuzz::seeds(&root.join("../gengo-core/tests/fixtures")) {
        gengo_fuzz::run(target, &input);
        ran += 1;
    }
    assert!(ran > 100, "only {ran} seeds");
    let mut regressions = 0;
    for target in gengo_fuzz::TARGETS {
        let dir = root.join("regressions").join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files.iter().filter(|f| f.is_file()) {
            let input = std::fs::read(f).unwrap();
            gengo_fuzz::run(target, &input);
            regressions += 1;
        }
    }
    assert!(regressions > 0, "the regression inputs are missing");
}
