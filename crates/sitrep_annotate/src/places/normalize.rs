//! Name keys: the folded form under which names are indexed and looked up.
//!
//! [`name_key`] lower-cases, removes diacritics ("Kraków" → "krakow", "Dnipró" → "dnipro"),
//! drops apostrophes and soft signs ("Kam'yanske", "Kamʼianske" → "kamyanske"), turns hyphens
//! into spaces and collapses whitespace. [`spelling_variants`] yields the transliteration
//! variants tried when a key has no entry ("Kharkov" ↔ "Harkov", "-iy" ↔ "-yi", "ia" ↔ "ya").

/// Folds one character to ASCII lower case where it is a Latin letter with a diacritic;
/// `None` drops it (apostrophes, soft signs, periods), `Some(' ')` is a separator.
fn fold_char(c: char, out: &mut String) {
    let s: &str = match c {
        'A'..='Z' => {
            out.push(c.to_ascii_lowercase());
            return;
        }
        'a'..='z' | '0'..='9' => {
            out.push(c);
            return;
        }
        '\'' | '’' | '‘' | 'ʼ' | 'ʹ' | '`' | '´' | 'ʻ' | 'ʽ' | '"' | '“' | '”' | '.' => {
            ""
        }
        '-' | '‐' | '‑' | '–' | '—' | '_' | '/' | ',' | '(' | ')' => " ",
        'À'..='Å'
        | 'à'..='å'
        | 'Ā'
        | 'ā'
        | 'Ă'
        | 'ă'
        | 'Ą'
        | 'ą'
        | 'Ǎ'
        | 'ǎ'
        | 'ạ'
        | 'ả'
        | 'ấ'
        | 'ầ'
        | 'ẩ'
        | 'ẫ'
        | 'ậ'
        | 'ắ'
        | 'ằ'
        | 'ẳ'
        | 'ẵ'
        | 'ặ' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => "c",
        'Ð' | 'ð' | 'Ď' | 'ď' | 'Đ' | 'đ' => "d",
        'È'..='Ë'
        | 'è'..='ë'
        | 'Ē'
        | 'ē'
        | 'Ĕ'
        | 'ĕ'
        | 'Ė'
        | 'ė'
        | 'Ę'
        | 'ę'
        | 'Ě'
        | 'ě'
        | 'ẹ'
        | 'ẻ'
        | 'ẽ'
        | 'ế'
        | 'ề'
        | 'ể'
        | 'ễ'
        | 'ệ'
        | 'Ə'
        | 'ə' => "e",
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' | 'ḥ' | 'Ḥ' => "h",
        'Ì'..='Ï'
        | 'ì'..='ï'
        | 'Ĩ'
        | 'ĩ'
        | 'Ī'
        | 'ī'
        | 'Ĭ'
        | 'ĭ'
        | 'Į'
        | 'į'
        | 'İ'
        | 'ı'
        | 'ǐ'
        | 'ỉ'
        | 'ị' => "i",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö'
        | 'Ø'
        | 'ò'..='ö'
        | 'ø'
        | 'Ō'
        | 'ō'
        | 'Ŏ'
        | 'ŏ'
        | 'Ő'
        | 'ő'
        | 'Ơ'
        | 'ơ'
        | 'ǒ'
        | 'ọ'
        | 'ỏ'
        | 'ố'
        | 'ồ'
        | 'ổ'
        | 'ỗ'
        | 'ộ'
        | 'ớ'
        | 'ờ'
        | 'ở'
        | 'ỡ'
        | 'ợ' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' | 'ṣ' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' | 'Ț' | 'ț' | 'ṭ' => "t",
        'Ù'..='Ü'
        | 'ù'..='ü'
        | 'Ũ'
        | 'ũ'
        | 'Ū'
        | 'ū'
        | 'Ŭ'
        | 'ŭ'
        | 'Ů'
        | 'ů'
        | 'Ű'
        | 'ű'
        | 'Ų'
        | 'ų'
        | 'Ư'
        | 'ư'
        | 'ǔ'
        | 'ụ'
        | 'ủ'
        | 'ứ'
        | 'ừ'
        | 'ử'
        | 'ữ'
        | 'ự' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' | 'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' | 'ẓ' => "z",
        'Þ' | 'þ' => "th",
        c if c.is_whitespace() => " ",
        c => {
            for l in c.to_lowercase() {
                out.push(l);
            }
            return;
        }
    };
    out.push_str(s);
}

/// The lookup key of a name: ASCII lower case for Latin-script names, words separated by one
/// space, without apostrophes, periods or diacritics.
pub fn name_key(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for c in name.chars() {
        fold_char(c, &mut folded);
    }
    let mut out = String::with_capacity(folded.len());
    for w in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// True when the key is made of ASCII letters, digits and spaces only (a Latin-script name).
pub fn is_latin_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ')
}

/// Transliteration variants of a key, tried when the key itself is not in the index. Each
/// rewrites one family of spellings (Russian/Ukrainian romanisations, "Saint"/"St"), never
/// the key itself; the result has no duplicates.
pub fn spelling_variants(key: &str) -> Vec<String> {
    const PAIRS: &[(&str, &str)] = &[
        ("kh", "h"),
        ("iy", "yi"),
        ("yi", "iy"),
        ("ii", "iy"),
        ("iy", "y"),
        ("ia", "ya"),
        ("ya", "ia"),
        ("iu", "yu"),
        ("yu", "iu"),
        ("ie", "ye"),
        ("ye", "ie"),
        ("ye", "e"),
        ("yo", "e"),
        ("zh", "j"),
        ("j", "y"),
        ("ts", "tz"),
        ("w", "v"),
        ("v", "w"),
        ("oe", "o"),
        ("ue", "u"),
        ("saint ", "st "),
        ("st ", "saint "),
        ("mount ", "mt "),
        ("mt ", "mount "),
    ];
    let mut out: Vec<String> = Vec::new();
    for (a, b) in PAIRS {
        if key.contains(a) {
            let v = key.replace(a, b);
            if v != key && !out.contains(&v) {
                out.push(v);
            }
        }
    }
    // Trailing "-iy"/"-yy" adjectival endings ("Zaporizhzhia" vs "Zaporizhzhya" are covered
    // above); doubled consonants ("Zaporizhzhia" vs "Zaporizhia").
    let mut dedup = String::with_capacity(key.len());
    let mut prev = '\0';
    for c in key.chars() {
        if c != prev || !c.is_ascii_alphabetic() || "aeiou".contains(c) {
            dedup.push(c);
        }
        prev = c;
    }
    if dedup != key && !out.contains(&dedup) {
        out.push(dedup);
    }
    // Arabic articles: "Qamishli" / "Al Qamishli", "El Fasher" / "Fasher".
    for art in ["al ", "el ", "ad ", "as ", "ar ", "an "] {
        if let Some(rest) = key.strip_prefix(art) {
            out.push(rest.to_owned());
        }
    }
    if !key.contains(' ') {
        out.push(format!("al {key}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_diacritics_and_apostrophes() {
        assert_eq!(name_key("Kraków"), "krakow");
        assert_eq!(name_key("  São   Paulo "), "sao paulo");
        assert_eq!(name_key("Kam'yans'ke"), "kamyanske");
        assert_eq!(name_key("Kamʼianske"), "kamianske");
        assert_eq!(name_key("Bila Tserkva"), "bila tserkva");
        assert_eq!(name_key("Rostov-on-Don"), "rostov on don");
        assert_eq!(name_key("St. Petersburg"), "st petersburg");
        assert_eq!(name_key("Düsseldorf"), "dusseldorf");
        assert_eq!(name_key("Łódź"), "lodz");
        assert_eq!(name_key("Кursk"), "кursk");
        assert!(is_latin_key("kyiv"));
        assert!(!is_latin_key("киев"));
    }

    #[test]
    fn variants_cover_romanisations() {
        assert!(spelling_variants("kharkov").contains(&"harkov".to_owned()));
        assert!(spelling_variants("zaporizhzhya").contains(&"zaporizhzhia".to_owned()));
        assert!(spelling_variants("saint petersburg").contains(&"st petersburg".to_owned()));
        assert!(!spelling_variants("kyiv").contains(&"kyiv".to_owned()));
    }
}
