//! Language identification with `whatlang`, for documents whose input does not say.
//!
//! A reliable guess (`Info::is_reliable`) is used, and for texts in a non-Latin script a guess
//! of confidence 0.5 or more (short Russian texts score about 0.65; the script alone already
//! rules out English); other non-Latin texts get `und` (undetermined, not English). The code is
//! the ISO 639-1 code where one exists (`en`, `de`, `ru`, `uk`), else whatlang's ISO 639-3 code.

/// How many bytes of text are looked at: whatlang reads about 5 MB/s here, and a few kilobytes
/// settle the language of a news article.
const SAMPLE: usize = 4 * 1024;

/// The languages the annotators support (primary subtags).
pub(crate) const SUPPORTED: &[&str] = &["en"];

/// The language of `text`, when whatlang is confident.
pub(crate) fn identify(text: &str) -> Option<String> {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(text.get(..end)?)?;
    let latin = info.script() == whatlang::Script::Latin;
    if info.is_reliable() || (!latin && info.confidence() >= 0.5) {
        let code = info.lang().code();
        return Some(iso639_1(code).unwrap_or(code).to_owned());
    }
    // A text in another script is not English even when its language is unclear.
    (!latin).then(|| "und".to_owned())
}

/// The primary subtag of a language tag, lower case (`en-GB` -> `en`).
pub(crate) fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// True when the annotators support `tag` (`en`, `en-US`, `eng`).
pub(crate) fn supported(tag: &str) -> bool {
    let p = primary(tag);
    SUPPORTED.contains(&p.as_str()) || iso639_1(&p).is_some_and(|c| SUPPORTED.contains(&c))
}

/// ISO 639-3 to ISO 639-1 for the languages whatlang knows that have a two-letter code.
fn iso639_1(code: &str) -> Option<&'static str> {
    Some(match code {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifies_short_news_texts() {
        assert_eq!(
            identify(
                "Die Bundesregierung hat am Montag neue Hilfen für die betroffenen Regionen \
                 beschlossen, teilte ein Sprecher in Berlin mit."
            )
            .as_deref(),
            Some("de")
        );
        assert_eq!(
            identify(
                "Правительство России в понедельник объявило о новых мерах поддержки \
                 пострадавших регионов, сообщил представитель министерства."
            )
            .as_deref(),
            Some("ru")
        );
        assert_eq!(
            identify(
                "Уряд України у понеділок оголосив про нові заходи підтримки постраждалих \
                 регіонів, повідомив речник міністерства."
            )
            .as_deref(),
            Some("uk")
        );
        assert_eq!(
            identify(
                "The government announced new support for the affected regions on Monday, \
                 a spokesman said in London."
            )
            .as_deref(),
            Some("en")
        );
        assert!(supported("en-GB"));
        assert!(supported("eng"));
        assert!(!supported("de"));
    }
}
