//! `gengo sync` against an in-process sandbox: exactly once under SIGKILL at every point
//! of a push, nothing sent for an unchanged project, one job per language for an edited
//! string, deleted strings dropped, placeholders checked, bad input named by file and line.

mod support;

use std::os::unix::process::ExitStatusExt;
use std::process::Command;

use gengo_sandbox::{Options, Sandbox};
use support::*;

#[test]
fn killed_at_every_point_of_a_push_each_string_is_ordered_exactly_once() {
    for point in ["before-post", "after-post", "between-chunks"] {
        let sb = Sandbox::start("127.0.0.1:0", Options::for_tests()).unwrap();
        let p = Project::new(point);
        let o = p.sync(&sb, &["push"], Some(point));
        assert_eq!(
            o.status.signal(),
            Some(9),
            "{point}: not killed: {}",
            text(&o)
        );
        // Killed after sending: Gengo has the first chunk, the state does not know it yet.
        let o = p.sync(&sb, &["push"], None);
        let out = ok(o);
        if point == "after-post" {
            assert!(out.contains("interrupted run"), "{point}: {out}");
        }
        assert_exactly_once(&sb, 3, 2);
        let before = requests(&sb);
        assert!(ok(p.sync(&sb, &["push"], None)).contains("nothing ordered"));
        assert_eq!(
            requests(&sb),
            before,
            "{point}: an unchanged project sent a request"
        );
    }
}

#[test]
fn killed_twice_in_a_row_and_resumed_still_once() {
    let sb = Sandbox::start("127.0.0.1:0", Options::for_tests()).unwrap();
    let p = Project::new("twice");
    assert_eq!(
        p.sync(&sb, &["push"], Some("after-post")).status.signal(),
        Some(9)
    );
    assert_eq!(
        p.sync(&sb, &["push"], Some("between-chunks"))
            .status
            .signal(),
        Some(9)
    );
    assert_eq!(
        p.sync(&sb, &["push"], Some("before-post")).status.signal(),
        Some(9)
    );
    ok(p.sync(&sb, &["push"], None));
    assert_exactly_once(&sb, 3, 2);
}

#[test]
fn edits_order_one_job_per_language_and_pull_writes_the_targets() {
    let sb = Sandbox::start("127.0.0.1:0", Options::for_tests()).unwrap();
    let p = Project::new("edit");
    let dry = ok(p.sync(&sb, &["push", "--dry-run"], None));
    assert!(dry.contains("dry run: 6 jobs"), "{dry}");
    assert_eq!(sb.with_state(|s| s.summary()["jobs"].as_u64().unwrap()), 0);
    let o = p.sync(&sb, &["push", "--max-credits", "0.01"], None);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("over --max-credits 0.01"), "{}", text(&o));
    assert_eq!(sb.with_state(|s| s.summary()["jobs"].as_u64().unwrap()), 0);
    ok(p.sync(&sb, &["push"], None));
    assert_exactly_once(&sb, 3, 2);

    // One edited string: one new job per language, nothing else.
    p.write(
        "locales/en.json",
        "{\n  \"title\": \"My <b>great</b> app\",\n  \"greeting\": \"Hello {{name}}\"\n}\n",
    );
    let out = ok(p.sync(&sb, &["push"], None));
    assert!(out.contains("ordered 2 jobs"), "{out}");
    assert_eq!(jobs_by_marker(&sb).len(), 8);

    // Translators finish: every job reviewable; one breaks a placeholder.
    let c = client(&sb);
    let markers = jobs_by_marker(&sb);
    for (marker, ids) in &markers {
        let job = c.get_job(ids[0]).unwrap();
        let broken =
            marker.ends_with(" ja") && job.body_src.as_deref().unwrap_or("").contains("{{name}}");
        sb.with_state(|s| {
            if broken {
                s.set_translation(ids[0], "こんにちは [[[{{nom}}]]]")
                    .unwrap();
            }
            s.force_status(ids[0], "reviewable").unwrap();
        });
    }
    // Before pull: ja has the title (new text) and bye reviewable, the broken greeting failed;
    // the title's old text is not a current string and is not counted.
    let (v, code) = status(&p, &sb);
    assert_eq!(code, 6, "a string that cannot be written: exit 6: {v}");
    assert_eq!(v["state"], "failed", "{v}");
    assert_eq!(v["languages"][0][0], "ja", "{v}");
    assert_eq!(
        (
            v["languages"][0][1]["reviewable"].as_u64(),
            v["languages"][0][1]["failed"].as_u64()
        ),
        (Some(2), Some(1)),
        "{v}"
    );
    assert_eq!(v["languages"][1][1]["reviewable"], 3, "{v}");
    let out = ok(p.sync(&sb, &["pull", "--approve", "--rating", "5"], None));
    // 6 current strings x languages, less the broken one; the two jobs of the title's old
    // text are superseded and left alone.
    assert!(out.contains("approved  5"), "{out}");
    let ja = p.read("locales/ja.json");
    assert!(
        ja.contains("\"title\": \"") && !ja.contains("greeting"),
        "the broken placeholder is not written: {ja}"
    );
    assert!(ja.contains("<b>gr") && ja.contains("</b> "), "{ja}");
    let fr = p.read("locales/fr.json");
    assert!(fr.contains("{{name}}") && fr.contains("<b>"), "{fr}");
    assert!(
        p.read("config/fr.yml").starts_with("fr:\n  bye: "),
        "{}",
        p.read("config/fr.yml")
    );
    let (v, _) = status(&p, &sb);
    let ja_counts = &v["languages"][0][1];
    assert_eq!(ja_counts["written"], 2, "{v}");
    assert_eq!(ja_counts["failed"], 1, "{v}");
    assert!(
        v["problems"][0]
            .as_str()
            .unwrap()
            .contains("locales/en.json:3: greeting [ja]: placeholders differ"),
        "{v}"
    );

    // A deleted string leaves the targets on the next pull; nothing is ordered for it.
    p.write(
        "locales/en.json",
        "{\n  \"title\": \"My <b>great</b> app\"\n}\n",
    );
    assert!(ok(p.sync(&sb, &["push"], None)).contains("nothing ordered"));
    ok(p.sync(&sb, &["pull"], None));
    assert!(
        !p.read("locales/fr.json").contains("greeting"),
        "{}",
        p.read("locales/fr.json")
    );
    assert!(p.read("locales/fr.json").contains("title"));
}

#[test]
fn bad_input_names_the_file_and_line_and_loses_nothing() {
    let sb = Sandbox::start("127.0.0.1:0", Options::for_tests()).unwrap();
    let p = Project::new("bad");
    ok(p.sync(&sb, &["push"], None));
    let jobs = jobs_by_marker(&sb).len();

    p.write(
        "locales/en.json",
        "{\n  \"title\": \"x\",\n  \"oops\" \"y\"\n}\n",
    );
    let o = p.sync(&sb, &["push"], None);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("locales/en.json: line 3"), "{}", text(&o));
    p.write("locales/en.json", JSON);

    p.write(
        "gengo-sync.toml",
        &CONFIG.replace(
            "target = \"config/{lang}.yml\"",
            "target = \"config/{lang}.yml\"\nformat = \"docx\"",
        ),
    );
    let o = p.sync(&sb, &["push"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("config/en.yml: unknown format \"docx\""),
        "{}",
        text(&o)
    );
    p.write("gengo-sync.toml", CONFIG);

    p.write(
        "gengo-sync.toml",
        "source_language = \"en\"\ntarget_languages = [\"ja\"\n",
    );
    let o = p.sync(&sb, &["status"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("gengo-sync.toml: line 2"), "{}", text(&o));
    p.write("gengo-sync.toml", CONFIG);

    // An unwritable target: the error names it; the state keeps every approved job.
    for ids in jobs_by_marker(&sb).values() {
        sb.with_state(|s| s.force_status(ids[0], "approved").unwrap());
    }
    std::fs::create_dir_all(p.dir.join("config/ja.yml")).unwrap();
    let o = p.sync(&sb, &["pull"], None);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("config/ja.yml: cannot write"),
        "{}",
        text(&o)
    );
    std::fs::remove_dir_all(p.dir.join("config/ja.yml")).unwrap();
    ok(p.sync(&sb, &["pull"], None));
    assert!(p.read("config/ja.yml").starts_with("ja:\n  bye: "));
    assert_eq!(
        jobs_by_marker(&sb).len(),
        jobs,
        "bad input ordered something"
    );
}

#[test]
fn po_android_and_xliff_files_come_back_translated() {
    let sb = Sandbox::start("127.0.0.1:0", Options::for_tests()).unwrap();
    let p = Project::new("formats");
    p.write(
        "gengo-sync.toml",
        r#"source_language = "en"
target_languages = ["ja", "fr"]

[[files]]
source = "po/en.po"
target = "po/{lang}.po"

[[files]]
source = "res/values/strings.xml"
target = "res/values-{lang}/strings.xml"

[[files]]
source = "i18n/en.xlf"
target = "i18n/{lang}.xlf"
"#,
    );
    std::fs::create_dir_all(p.dir.join("po")).unwrap();
    std::fs::create_dir_all(p.dir.join("res/values")).unwrap();
    std::fs::create_dir_all(p.dir.join("i18n")).unwrap();
    p.write("po/en.po", "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\n#, fuzzy\nmsgctxt \"menu\"\nmsgid \"Open %s\"\nmsgstr \"\"\n\nmsgid \"%d file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n");
    p.write(
        "res/values/strings.xml",
        "<resources>\n    <!-- UI -->\n    <string name=\"app\" translatable=\"false\">ACME</string>\n    <string name=\"hi\">Don\\'t go, %1$s</string>\n    <plurals name=\"n\">\n        <item quantity=\"one\">%d day</item>\n        <item quantity=\"other\">%d days</item>\n    </plurals>\n</resources>\n",
    );
    p.write(
        "i18n/en.xlf",
        "<xliff version=\"1.2\">\n  <file source-language=\"en\" original=\"x\">\n    <body>\n      <trans-unit id=\"t1\">\n        <source>Save <x id=\"1\"/> now</source>\n      </trans-unit>\n    </body>\n  </file>\n</xliff>\n",
    );
    let out = ok(p.sync(&sb, &["push"], None));
    // PO: 1 + 2 (plural) strings, Android: 1 + 2, XLIFF: 1; two languages.
    assert!(out.contains("ordered 14 jobs"), "{out}");
    for ids in jobs_by_marker(&sb).values() {
        sb.with_state(|s| s.force_status(ids[0], "approved").unwrap());
    }
    ok(p.sync(&sb, &["pull"], None));
    let fr = p.read("po/fr.po");
    assert!(
        fr.contains("\"Language: fr\\n\"")
            && fr.contains("Plural-Forms: nplurals=2; plural=(n > 1);"),
        "{fr}"
    );
    assert!(
        fr.contains("msgctxt \"menu\"\nmsgid \"Open %s\"\nmsgstr \"[fr] ") && !fr.contains("fuzzy"),
        "{fr}"
    );
    assert!(
        fr.contains("msgstr[0] \"[fr] %d ") && fr.contains("msgstr[1] \"[fr] %d "),
        "{fr}"
    );
    let ja = p.read("po/ja.po");
    assert!(
        ja.contains("msgstr[0] \"[ja] %d ") && !ja.contains("msgstr[1]"),
        "{ja}"
    );
    let xml = p.read("res/values-ja/strings.xml");
    assert!(
        xml.starts_with("<resources>\n    <!-- UI -->\n    <string name=\"hi\">[ja] "),
        "{xml}"
    );
    assert!(
        xml.contains("%1$s</string>")
            && xml.contains("<item quantity=\"other\">[ja] %d ")
            && !xml.contains("ACME"),
        "{xml}"
    );
    let xlf = p.read("i18n/fr.xlf");
    assert!(
        xlf.contains("target-language=\"fr\"")
            && xlf.contains("<target>[fr] ")
            && xlf.contains("<x id=\"1\"/>"),
        "{xlf}"
    );
    let (v, code) = status(&p, &sb);
    assert_eq!(v["languages"][0][1]["written"], 7, "{v}");
    assert_eq!((code, v["state"].as_str()), (0, Some("done")), "{v}");
}

#[test]
fn a_resent_payload_that_gengo_already_has_is_recognised_not_ordered_twice() {
    let sb = Sandbox::start("127.0.0.1:0", Options::for_tests()).unwrap();
    let p = Project::new("dup");
    p.write(
        "gengo-sync.toml",
        &CONFIG.replace("jobs_per_order = 2", "jobs_per_order = 10"),
    );
    // Killed after Gengo took the order, and its jobs are not listed yet (here: archived,
    // so the listing that learning reads leaves them out).
    assert_eq!(
        p.sync(&sb, &["push"], Some("after-post")).status.signal(),
        Some(9)
    );
    let c = client(&sb);
    for ids in jobs_by_marker(&sb).values() {
        sb.with_state(|s| s.force_status(ids[0], "approved").unwrap());
        c.archive_job(ids[0]).unwrap();
    }
    let jobs = job_count(&sb);
    let o = p.sync(&sb, &["push", "--duplicate-wait", "1"], None);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("1754") && text(&o).contains("not placed twice"),
        "{}",
        text(&o)
    );
    assert_eq!(job_count(&sb), jobs, "ordered twice");
    // Until its jobs show up, push orders nothing else.
    let o = p.sync(&sb, &["push", "--duplicate-wait", "0"], None);
    assert!(text(&o).contains("not placed twice"), "{}", text(&o));
    assert_eq!(job_count(&sb), jobs);
}

#[test]
fn spending_against_gengos_own_hosts_needs_yes_and_sends_nothing() {
    let p = Project::new("gengo-host");
    for args in [&["push"][..], &["pull", "--approve"][..]] {
        let o = Command::new(env!("CARGO_BIN_EXE_gengo"))
            .args(["--base-url", "https://api.gengo.com", "sync"])
            .args(args)
            .current_dir(&p.dir)
            .env("GENGO_PUBLIC_KEY", "pk")
            .env("GENGO_PRIVATE_KEY", "sk")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(
            text(&o).contains("nothing was sent") && text(&o).contains("--yes"),
            "{}",
            text(&o)
        );
    }
}
