//! The sandbox's language catalogue: languages, pairs, tiers and unit prices taken
//! from Gengo's published examples (de->en 0.05/0.10, ja->en 0.03/0.06, en quotes at
//! 0.05 a word, machine at 0.00).

use gengo_core::Decimal;
use gengo_core::models::UnitType;
use gengo_core::units;

/// A language the sandbox serves.
#[derive(Debug, Clone)]
pub struct Language {
    /// English name.
    pub name: &'static str,
    /// Name in the language itself.
    pub localized: &'static str,
    /// Code.
    pub lc: &'static str,
}

/// Every language the sandbox serves.
pub const LANGUAGES: &[Language] = &[
    Language {
        name: "English",
        localized: "English",
        lc: "en",
    },
    Language {
        name: "Japanese",
        localized: "日本語",
        lc: "ja",
    },
    Language {
        name: "Spanish (Spain)",
        localized: "Español",
        lc: "es",
    },
    Language {
        name: "French",
        localized: "Français",
        lc: "fr",
    },
    Language {
        name: "German",
        localized: "Deutsch",
        lc: "de",
    },
    Language {
        name: "Italian",
        localized: "Italiano",
        lc: "it",
    },
    Language {
        name: "Portuguese (Brazil)",
        localized: "Português Brasileiro",
        lc: "pt-br",
    },
    Language {
        name: "Chinese (Simplified)",
        localized: "中文",
        lc: "zh",
    },
    Language {
        name: "Chinese (Traditional)",
        localized: "繁體中文",
        lc: "zh-tw",
    },
    Language {
        name: "Korean",
        localized: "한국어",
        lc: "ko",
    },
    Language {
        name: "Dutch",
        localized: "Nederlands",
        lc: "nl",
    },
    Language {
        name: "Russian",
        localized: "Русский",
        lc: "ru",
    },
];

/// Pairs that also offer the free machine tier.
const MACHINE_PAIRS: &[(&str, &str)] = &[
    ("en", "ja"),
    ("en", "es"),
    ("en", "fr"),
    ("en", "de"),
    ("ja", "en"),
    ("ja", "es"),
    ("es", "en"),
];

/// How the language counts units.
pub fn unit_type(lc: &str) -> UnitType {
    units::unit_type_of(lc)
}

/// Whether `lc` is served.
pub fn is_language(lc: &str) -> bool {
    LANGUAGES.iter().any(|l| l.lc == lc)
}

/// A pair with its tier and price.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Source.
    pub lc_src: &'static str,
    /// Target.
    pub lc_tgt: &'static str,
    /// Tier.
    pub tier: &'static str,
    /// Price per unit in USD.
    pub unit_price: Decimal,
}

fn price(lc_src: &str, tier: &str) -> Decimal {
    let character = unit_type(lc_src) == UnitType::Character;
    let cents = match (tier, character) {
        ("machine", _) => 0,
        ("standard", false) => 500,
        ("pro", false) => 1000,
        ("standard", true) => 300,
        ("pro", true) => 600,
        _ => 0,
    };
    Decimal::new(cents, 4)
}

/// Every pair: English to and from every language, Japanese to Spanish, with standard
/// and pro everywhere and machine where offered.
pub fn pairs() -> Vec<Pair> {
    let mut out = Vec::new();
    let mut add = |s: &'static str, t: &'static str| {
        for tier in ["standard", "pro"] {
            out.push(Pair {
                lc_src: s,
                lc_tgt: t,
                tier,
                unit_price: price(s, tier),
            });
        }
        if MACHINE_PAIRS.contains(&(s, t)) {
            out.push(Pair {
                lc_src: s,
                lc_tgt: t,
                tier: "machine",
                unit_price: price(s, "machine"),
            });
        }
    };
    for l in LANGUAGES.iter().filter(|l| l.lc != "en") {
        add("en", l.lc);
        add(l.lc, "en");
    }
    add("ja", "es");
    add("ja", "zh");
    out
}

/// The price per unit of a pair and tier, if served.
pub fn find(lc_src: &str, lc_tgt: &str, tier: &str) -> Option<Pair> {
    pairs()
        .into_iter()
        .find(|p| p.lc_src == lc_src && p.lc_tgt == lc_tgt && p.tier == tier)
}

/// A deterministic pseudo-translation: accented letters (classic pseudo-localisation),
/// tagged with the target language; text inside `[[[ ]]]` is kept verbatim. `round`
/// marks revised translations.
pub fn pseudo_translate(text: &str, lc_tgt: &str, round: u32) -> String {
    let mut out = String::new();
    let mut rest = text;
    loop {
        match rest.find("[[[") {
            Some(start) => {
                out.push_str(&accent(&rest[..start]));
                match rest[start..].find("]]]") {
                    Some(end) => {
                        out.push_str(&rest[start..start + end + 3]);
                        rest = &rest[start + end + 3..];
                    }
                    None => {
                        out.push_str(&rest[start..]);
                        break;
                    }
                }
            }
            None => {
                out.push_str(&accent(rest));
                break;
            }
        }
    }
    let tag = if round > 1 {
        format!("[{lc_tgt} r{round}]")
    } else {
        format!("[{lc_tgt}]")
    };
    format!("{tag} {out}")
}

fn accent(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'a' => 'á',
            'e' => 'é',
            'i' => 'í',
            'o' => 'ö',
            'u' => 'ü',
            'A' => 'Å',
            'E' => 'É',
            'I' => 'Î',
            'O' => 'Ø',
            'U' => 'Û',
            'c' => 'ç',
            'n' => 'ñ',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_prices() {
        assert_eq!(
            find("de", "en", "standard").unwrap().unit_price.to_string(),
            "0.0500"
        );
        assert_eq!(
            find("de", "en", "pro").unwrap().unit_price.to_string(),
            "0.1000"
        );
        assert_eq!(
            find("ja", "en", "standard").unwrap().unit_price.to_string(),
            "0.0300"
        );
        assert_eq!(
            find("ja", "es", "pro").unwrap().unit_price.to_string(),
            "0.0600"
        );
        assert!(find("ja", "en", "machine").unwrap().unit_price.is_zero());
        assert!(find("af", "es", "standard").is_none());
        assert!(find("de", "en", "machine").is_none());
    }

    #[test]
    fn pseudo_translation_keeps_escaped_text() {
        assert_eq!(
            pseudo_translate("Hello [[[Gengo]]] friends", "ja", 1),
            "[ja] Héllö [[[Gengo]]] fríéñds"
        );
        assert_eq!(pseudo_translate("Hi", "fr", 2), "[fr r2] Hí");
    }
}
