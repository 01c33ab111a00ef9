//! Signatures (errors 1000 to 1201) and the calls that need no keys.

use super::*;

#[test]
fn signature_errors_1000_to_1201() {
    let (sb, _) = start();
    let (public, private) = State::demo_keys();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let ts = now.to_string();
    let sig = gengo_core::signing::sign(private, &ts);
    let p = "/v2/account/balance";
    assert_eq!(
        code(&signed_get(&sb, p, &[("ts", &ts), ("api_sig", &sig)]).1),
        1150
    );
    assert_eq!(
        code(&signed_get(&sb, p, &[("api_key", public), ("api_sig", &sig)]).1),
        1200
    );
    assert_eq!(
        code(
            &signed_get(
                &sb,
                p,
                &[("api_key", public), ("ts", "soon"), ("api_sig", &sig)]
            )
            .1
        ),
        1201
    );
    assert_eq!(
        code(&signed_get(&sb, p, &[("api_key", public), ("ts", &ts)]).1),
        1100
    );
    assert_eq!(
        code(
            &signed_get(
                &sb,
                p,
                &[("api_key", public), ("ts", &ts), ("api_sig", "0000")]
            )
            .1
        ),
        1000
    );
    assert_eq!(
        code(
            &signed_get(
                &sb,
                p,
                &[("api_key", "nobody"), ("ts", &ts), ("api_sig", &sig)]
            )
            .1
        ),
        1000
    );
    // A ts older than the 300 s window (D16) fails even with its correct signature.
    let old = (now - 301).to_string();
    let old_sig = gengo_core::signing::sign(private, &old);
    let (status, v) = signed_get(
        &sb,
        p,
        &[("api_key", public), ("ts", &old), ("api_sig", &old_sig)],
    );
    assert_eq!((status, code(&v)), (200, 1000));
    let (status, v) = signed_get(
        &sb,
        p,
        &[("api_key", public), ("ts", &ts), ("api_sig", &sig)],
    );
    assert_eq!((status, v["opstat"].as_str()), (200, Some("ok")));
    // gengo-core maps them to the auth kind.
    let bad = Client::new(
        Config::builder()
            .keys(public, "wrong")
            .base_url(sb.url())
            .build()
            .unwrap(),
    );
    let e = bad.account_balance().unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Auth, Some(1000)));
}

#[test]
fn languages_and_pairs_need_no_keys() {
    let (sb, _) = start();
    let anon = Client::new(Config::builder().base_url(sb.url()).build().unwrap());
    let langs = anon.languages().unwrap();
    assert!(langs.iter().any(|l| l.lc.as_deref() == Some("ja")
        && l.unit_type == Some(gengo_core::models::UnitType::Character)));
    let pairs = anon.language_pairs(Some("ja")).unwrap();
    assert!(!pairs.is_empty() && pairs.iter().all(|p| p.lc_src.as_deref() == Some("ja")));
    let p = pairs
        .iter()
        .find(|p| p.lc_tgt.as_deref() == Some("en") && p.tier == Some(Tier::Standard))
        .unwrap();
    assert_eq!(p.unit_price.unwrap().to_string(), "0.03");
    // PHP's form: data={"lc_src":"ja"} in the query (D12).
    let (_, _, v) = raw(
        &sb,
        "GET",
        "/v2/translate/service/language_pairs?data=%7B%22lc_src%22%3A%22de%22%7D",
        None,
        b"",
    );
    let list = v["response"].as_array().unwrap();
    assert!(!list.is_empty() && list.iter().all(|p| p["lc_src"] == "de"));
    let m = anon.account_balance().unwrap_err();
    assert_eq!(m.kind(), ErrorKind::Validation, "signed calls need keys");
}
