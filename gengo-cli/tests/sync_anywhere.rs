//! `gengo sync` where localisation really runs: fresh checkouts (a copy of the project
//! without `.gengo/`, as a CI runner has), days and months apart, two runs at once, a busy
//! account, a lost cache, two projects on one account. Gengo (here an in-process sandbox)
//! is the truth; every check counts the account's jobs by marker.

mod support;

use std::os::unix::process::ExitStatusExt;
use std::process::Output;

use gengo_sandbox::{ClockMode, Options, Sandbox};
use support::*;

const DAY: u64 = 86_400;

fn sandbox() -> Sandbox {
    Sandbox::start("127.0.0.1:0", Options::for_tests()).unwrap()
}

/// A sandbox with Gengo's default rate limit (150 requests a minute).
fn throttled_sandbox() -> Sandbox {
    Sandbox::start(
        "127.0.0.1:0",
        Options {
            clock: ClockMode::Manual,
            ..Options::default()
        },
    )
    .unwrap()
}

fn approve_everything(sb: &Sandbox) {
    for ids in jobs_by_marker(sb).values() {
        for id in ids {
            sb.with_state(|s| s.force_status(*id, "approved").unwrap());
        }
    }
}

#[test]
fn a_fresh_checkout_a_day_later_orders_nothing_and_then_only_what_changed() {
    for project in [None, Some("myapp")] {
        let sb = sandbox();
        let p = Project::new("day-later");
        if let Some(name) = project {
            p.write(
                "gengo-sync.toml",
                &format!("project = \"{name}\"\n{CONFIG}"),
            );
        }
        assert!(ok(p.sync(&sb, &["push"], None)).contains("ordered 6 jobs"));
        advance(&sb, DAY);

        let ci = p.checkout("day-later-ci");
        let out = ok(ci.sync(&sb, &["push"], None));
        assert!(out.contains("nothing new or changed"), "{project:?}: {out}");
        assert!(out.contains("6 jobs already at Gengo"), "{out}");
        assert_exactly_once(&sb, 3, 2);

        // The next run, on yet another fresh checkout with one string edited: one job per
        // language for it, nothing else.
        ci.write("config/en.yml", "en:\n  bye: See you soon %{name}\n");
        let ci2 = ci.checkout("day-later-ci2");
        let out = ok(ci2.sync(&sb, &["push"], None));
        assert!(out.contains("ordered 2 jobs"), "{out}");
        assert_eq!(jobs_by_marker(&sb).len(), 8);
        assert_eq!(job_count(&sb), 8);
    }
}

#[test]
fn a_fresh_checkout_pulls_every_finished_translation() {
    let sb = sandbox();
    let p = Project::new("pull-anywhere");
    ok(p.sync(&sb, &["push"], None));
    // Translators finish; a fresh checkout (the scheduled pull of the CI recipe) approves
    // and writes every target file.
    for ids in jobs_by_marker(&sb).values() {
        sb.with_state(|s| s.force_status(ids[0], "reviewable").unwrap());
    }
    let ci = p.checkout("pull-anywhere-ci");
    let (v, code) = status(&ci, &sb);
    assert_eq!((code, v["state"].as_str()), (4, Some("pending")), "{v}");
    assert_eq!(v["languages"][0][1]["reviewable"], 3, "{v}");
    let out = ok(ci.sync(&sb, &["pull", "--approve", "--rating", "5"], None));
    assert!(
        out.contains("approved  6") && out.contains("written   6 translations"),
        "{out}"
    );
    for lang in ["ja", "fr"] {
        let json = ci.read(&format!("locales/{lang}.json"));
        assert!(
            json.contains(&format!("\"title\": \"[{lang}] "))
                && json.contains("\"greeting\": \"")
                && json.contains("{{name}}"),
            "{json}"
        );
        let yml = ci.read(&format!("config/{lang}.yml"));
        assert!(
            yml.starts_with(&format!("{lang}:\n  bye: ")) && yml.contains("%{name}"),
            "{yml}"
        );
    }
    // Another fresh checkout sees every string done.
    let (v, code) = status(&p.checkout("pull-anywhere-ci2"), &sb);
    assert_eq!((code, v["state"].as_str()), (0, Some("done")), "{v}");
}

/// `gengo sync push` on each checkout at once: a barrier holds every run before its first
/// order until all are there, so that they really race. Each must succeed.
fn push_together(sb: &Sandbox, runs: &[&Project], tag: &str) -> Vec<Output> {
    let barrier = std::env::temp_dir().join(format!("gengo-sync-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&barrier);
    let spec = format!("{}:{}", barrier.display(), runs.len());
    let env = [("GENGO_SYNC_BARRIER", spec.as_str())];
    let children: Vec<_> = runs.iter().map(|p| p.spawn(sb, &["push"], &env)).collect();
    let outs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let _ = std::fs::remove_dir_all(&barrier);
    for o in &outs {
        assert!(o.status.success(), "{}", text(o));
    }
    outs
}

#[test]
fn two_runs_at_once_order_each_edited_string_once_per_language() {
    let sb = sandbox();
    let p = Project::new("concurrent");
    ok(p.sync(&sb, &["push"], None));
    // The same edit on two runners (two branches, or a retried CI job), started together:
    // both learn that nothing of it is at Gengo, both build the same orders; a barrier
    // holds each before its first order so that they really race.
    p.write(
        "locales/en.json",
        "{\n  \"title\": \"My <b>new</b> app\",\n  \"greeting\": \"Welcome {{name}}\"\n}\n",
    );
    let (a, b) = (p.checkout("concurrent-a"), p.checkout("concurrent-b"));
    let outs = push_together(&sb, &[&a, &b], "barrier");
    let all: String = outs.iter().map(text).collect();
    // 2 edited strings x 2 languages, once each; the run that lost a race says so.
    assert!(
        all.contains("ordered by a concurrent run first"),
        "no run lost a race: {all}"
    );
    let ordered: usize = outs
        .iter()
        .filter_map(|o| {
            let t = text(o);
            let i = t.find("ordered ")?;
            t[i + 8..].split(' ').next()?.parse::<usize>().ok()
        })
        .sum();
    assert_eq!(ordered, 4, "{all}");
    assert_eq!(job_count(&sb), 10, "{all}");
    // Every current string once per language: 3 strings x 2, plus the 2 old texts x 2.
    assert_exactly_once(&sb, 5, 2);
    let (v, _) = status(&a, &sb);
    assert_eq!(v["duplicates"], 0, "{v}");
}

#[test]
fn runs_with_different_edits_at_once_cancel_what_both_ordered() {
    let sb = sandbox();
    let p = Project::new("overlap");
    p.write(
        "gengo-sync.toml",
        &CONFIG.replace("jobs_per_order = 2", "jobs_per_order = 50"),
    );
    ok(p.sync(&sb, &["push"], None));
    // Branch a adds two strings, branch b one of them: their orders differ, so Gengo's
    // duplicate rule cannot see that both order "shared".
    let a = p.checkout("overlap-a");
    let b = p.checkout("overlap-b");
    a.write(
        "config/en.yml",
        "en:\n  bye: Goodbye %{name}\n  shared: Shared words\n  only_a: Words of a\n",
    );
    b.write(
        "config/en.yml",
        "en:\n  bye: Goodbye %{name}\n  shared: Shared words\n",
    );
    push_together(&sb, &[&a, &b], "barrier2");
    let twice: Vec<Vec<u64>> = jobs_by_marker(&sb)
        .into_values()
        .filter(|ids| ids.len() > 1)
        .collect();
    assert_eq!(twice.len(), 2, "\"shared\" ordered by both, in ja and fr");
    let (v, _) = status(&a, &sb);
    assert_eq!(v["duplicates"], 2, "{v}");
    // Once Gengo has queued them (still untaken), the next push cancels the younger copy.
    advance(&sb, 11);
    let out = ok(a.sync(&sb, &["push"], None));
    assert!(
        out.contains("2 jobs ordered twice by concurrent runs were canceled"),
        "{out}"
    );
    let c = client(&sb);
    for ids in &twice {
        let (old, young) = (ids.iter().min().unwrap(), ids.iter().max().unwrap());
        assert_eq!(
            c.get_job(*young).unwrap().status.unwrap().to_string(),
            "canceled"
        );
        assert_ne!(
            c.get_job(*old).unwrap().status.unwrap().to_string(),
            "canceled"
        );
    }
    let (v, _) = status(&b, &sb);
    assert_eq!(v["duplicates"], 0, "{v}");
}

#[test]
fn thousands_of_other_apps_jobs_and_months_change_nothing() {
    // Gengo's rate limit applies: reading the account is paced, never refused.
    let sb = throttled_sandbox();
    let p = Project::new("busy");
    ok(p.sync(&sb, &["push"], None));
    advance(&sb, 90 * DAY);
    other_apps_jobs(&sb, 2_500, "first");
    advance(&sb, 30 * DAY);

    // A fresh checkout finds its 6 jobs among 2,506.
    let ci = p.checkout("busy-ci");
    let out = ok(ci.sync(&sb, &["push"], None));
    assert!(out.contains("nothing new or changed"), "{out}");
    assert!(
        out.contains("read 2506 jobs") && out.contains("6 jobs already at Gengo"),
        "{out}"
    );

    // 450 more between two runs of a checkout that keeps its cache: learning what changed
    // costs a listing and the reads of the new jobs, not a rescan.
    other_apps_jobs(&sb, 450, "second");
    ci.write("config/en.yml", "en:\n  bye: Farewell %{name}\n");
    let before = requests(&sb);
    let out = ok(ci.sync(&sb, &["push"], None));
    assert!(out.contains("ordered 2 jobs"), "{out}");
    let spent = requests(&sb) - before;
    // list + 3 reads (450) + 1 quote + 1 order + list + 1 read (the 2 new jobs).
    assert!(spent <= 10, "{spent} requests: {out}");
    assert_eq!(jobs_by_marker(&sb).len(), 8);
    assert_eq!(job_count(&sb), 2_500 + 450 + 8);
}

#[test]
fn a_push_killed_after_its_first_order_with_its_cache_lost_orders_nothing_twice() {
    for later in [0, DAY] {
        let sb = sandbox();
        let p = Project::new("lost");
        let o = p.sync(&sb, &["push"], Some("after-post"));
        assert_eq!(o.status.signal(), Some(9), "{}", text(&o));
        // The runner is gone with its .gengo/; the next run is a fresh checkout, within
        // Gengo's five-minute duplicate window or a day later.
        advance(&sb, later);
        let ci = p.checkout("lost-ci");
        ok(ci.sync(&sb, &["push"], None));
        assert_exactly_once(&sb, 3, 2);
        assert_eq!(job_count(&sb), 6);
    }
}

#[test]
fn a_scan_killed_midway_resumes_where_it_stopped() {
    let sb = sandbox();
    // Jobs are read lowest id first: the project's come after 700 of another app's.
    other_apps_jobs(&sb, 700, "resume");
    let p = Project::new("resume");
    ok(p.sync(&sb, &["push"], None));
    let ci = p.checkout("resume-ci");
    let o = ci.sync(&sb, &["push"], Some("after-first-read"));
    assert_eq!(o.status.signal(), Some(9), "{}", text(&o));
    let before = requests(&sb);
    let out = ok(ci.sync(&sb, &["push"], None));
    // 706 jobs, 200 read before the kill: a listing and the 3 reads of the other 506.
    assert_eq!(requests(&sb) - before, 4, "{out}");
    assert!(out.contains("nothing new or changed"), "{out}");
    assert_eq!(job_count(&sb), 706);
}

#[test]
fn two_projects_with_the_same_layout_and_different_texts_each_order_their_own() {
    let sb = sandbox();
    let one = Project::new("one");
    let two = Project::new("two");
    one.write("locales/en.json", "{\n  \"title\": \"Version 111\"\n}\n");
    two.write("locales/en.json", "{\n  \"title\": \"Version 222\"\n}\n");
    two.write("config/en.yml", "en:\n  bye: Bye 222 %{name}\n");
    assert!(ok(one.sync(&sb, &["push"], None)).contains("ordered 4 jobs"));
    assert!(ok(two.sync(&sb, &["push"], None)).contains("ordered 4 jobs"));
    assert_eq!(job_count(&sb), 8);
    approve_everything(&sb);
    // Fresh checkouts of each pull their own translations, and order nothing more.
    for (p, digits, other) in [(&one, "111", "222"), (&two, "222", "111")] {
        let ci = p.checkout(&format!("{digits}-ci"));
        assert!(ok(ci.sync(&sb, &["push"], None)).contains("nothing new"));
        ok(ci.sync(&sb, &["pull"], None));
        let ja = ci.read("locales/ja.json");
        assert!(ja.contains(digits) && !ja.contains(other), "{ja}");
    }
    assert_eq!(job_count(&sb), 8);
}

#[test]
fn a_changed_project_identity_refuses_to_order_everything_again() {
    let sb = sandbox();
    let p = Project::new("identity");
    ok(p.sync(&sb, &["push"], None));
    p.write(
        "gengo-sync.toml",
        &format!("project = \"renamed\"\n{CONFIG}"),
    );
    for args in [&["push"][..], &["pull"][..], &["status"][..]] {
        let o = p.sync(&sb, args, None);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(
            text(&o).contains("project identity \"-\"") && text(&o).contains("project = \"-\""),
            "{}",
            text(&o)
        );
    }
    assert_eq!(job_count(&sb), 6);
    assert!(ok(p.sync(&sb, &["push", "--new-project"], None)).contains("ordered 6 jobs"));
    assert_eq!(job_count(&sb), 12);
}

#[test]
fn status_exit_codes_say_what_a_ci_step_should_do() {
    let sb = sandbox();
    let p = Project::new("codes");
    let (v, code) = status(&p, &sb);
    assert_eq!(
        (code, v["state"].as_str()),
        (5, Some("untranslated")),
        "{v}"
    );
    assert_eq!(v["languages"][1][1]["untranslated"], 3, "{v}");
    ok(p.sync(&sb, &["push"], None));
    let (v, code) = status(&p, &sb);
    assert_eq!((code, v["state"].as_str()), (4, Some("pending")), "{v}");
    approve_everything(&sb);
    let (v, code) = status(&p, &sb);
    assert_eq!((code, v["state"].as_str()), (0, Some("done")), "{v}");
    assert_eq!(v["languages"][0][1]["approved"], 3, "{v}");
    // An edited string whose job Gengo cancels: a person must look.
    p.write("config/en.yml", "en:\n  bye: Later %{name}\n");
    let before: std::collections::HashSet<u64> =
        jobs_by_marker(&sb).into_values().flatten().collect();
    ok(p.sync(&sb, &["push"], None));
    let new: Vec<u64> = jobs_by_marker(&sb)
        .into_values()
        .flatten()
        .filter(|id| !before.contains(id))
        .collect();
    assert_eq!(new.len(), 2);
    sb.with_state(|s| s.force_status(new[0], "canceled").unwrap());
    let (v, code) = status(&p, &sb);
    assert_eq!((code, v["state"].as_str()), (6, Some("failed")), "{v}");
    assert!(
        v["problems"][0].as_str().unwrap().contains("is canceled"),
        "{v}"
    );
}

#[test]
fn init_writes_a_config_for_the_locale_files_it_finds_and_never_overwrites() {
    let sb = sandbox();
    let p = Project::empty("init");
    p.write("web/locales/en.json", "{\"hello\": \"Hello\"}\n");
    p.write("web/locales/fr.json", "{\"hello\": \"Bonjour\"}\n");
    p.write(
        "config/locales/devise.en.yml",
        "en:\n  signed_in: Signed in\n",
    );
    p.write(
        "android/app/src/main/res/values/strings.xml",
        "<resources>\n    <string name=\"ok\">OK</string>\n</resources>\n",
    );
    p.write(
        "android/app/src/main/res/values-ja/strings.xml",
        "<resources>\n    <string name=\"ok\">OK</string>\n</resources>\n",
    );
    p.write("package.json", "{\"name\": \"shop\"}\n");
    p.write("node_modules/x/locales/en.json", "{\"a\": \"b\"}\n");
    let out = ok(p.sync(&sb, &["init"], None));
    assert!(out.contains("fr, ja"), "{out}");
    let toml = p.read("gengo-sync.toml");
    for want in [
        "source_language = \"en\"",
        "target_languages = [\"fr\", \"ja\"]",
        "source = \"web/locales/en.json\"\ntarget = \"web/locales/{lang}.json\"",
        "source = \"config/locales/devise.en.yml\"\ntarget = \"config/locales/devise.{lang}.yml\"",
        "source = \"android/app/src/main/res/values/strings.xml\"\ntarget = \"android/app/src/main/res/values-{lang}/strings.xml\"",
    ] {
        assert!(toml.contains(want), "{want:?} not in:\n{toml}");
    }
    assert!(
        !toml.contains("node_modules") && !toml.contains("package.json"),
        "{toml}"
    );
    // It works as written: 3 strings x 2 languages.
    assert!(ok(p.sync(&sb, &["push"], None)).contains("ordered 6 jobs"));
    // Never over an existing file.
    let o = p.sync(&sb, &["init", "--target", "de"], None);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("exists; nothing was written"),
        "{}",
        text(&o)
    );
    assert_eq!(p.read("gengo-sync.toml"), toml);

    // Nothing translated beside the sources: the languages must be given.
    let q = Project::empty("init-bare");
    q.write("locales/en.json", "{\"hello\": \"Hello\"}\n");
    let o = q.sync(&sb, &["init"], None);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("--target"), "{}", text(&o));
    ok(q.sync(
        &sb,
        &["init", "--target", "de,it", "--project", "web"],
        None,
    ));
    let toml = q.read("gengo-sync.toml");
    assert!(
        toml.contains("target_languages = [\"de\", \"it\"]") && toml.contains("project = \"web\""),
        "{toml}"
    );
}
