//! Word lists of the quantity tagger. Every lookup takes an ASCII-lowercased word.

use sitrep_model::QuantityCategory;

/// Lower-cases `w` into `buf` (ASCII only; other chars kept) and returns it, or `None` when
/// it does not fit.
pub(crate) fn lower<'b>(w: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let bytes = w.as_bytes();
    let dst = buf.get_mut(..bytes.len())?;
    dst.copy_from_slice(bytes);
    dst.make_ascii_lowercase();
    std::str::from_utf8(dst).ok()
}

/// Value of a cardinal number word ("two", "twenty-five", "hundred").
pub(crate) fn number_word(w: &str) -> Option<f64> {
    let v = match w {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "dozen" => 12.0,
        _ => {
            let (a, b) = w.split_once('-')?;
            let tens = number_word(a)?;
            let ones = number_word(b)?;
            if tens >= 20.0 && tens % 10.0 == 0.0 && ones < 10.0 && tens <= 90.0 {
                tens + ones
            } else {
                return None;
            }
        }
    };
    Some(v)
}

/// Multiplier of a scale word.
pub(crate) fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 100.0,
        "thousand" => 1_000.0,
        "million" | "mln" | "m" => 1_000_000.0,
        "billion" | "bn" | "b" => 1_000_000_000.0,
        "trillion" => 1_000_000_000_000.0,
        _ => return None,
    })
}

/// Vague plural amounts ("dozens", "hundreds") read as a lower bound.
pub(crate) fn vague_plural(w: &str) -> Option<f64> {
    Some(match w {
        "dozens" => 24.0,
        "scores" => 40.0,
        "hundreds" => 200.0,
        "thousands" => 2_000.0,
        "millions" => 2_000_000.0,
        "billions" => 2_000_000_000.0,
        "tens" => 20.0,
        _ => return None,
    })
}

/// Vague multipliers before a scale word ("several hundred").
pub(crate) fn vague_count(w: &str) -> Option<f64> {
    Some(match w {
        "several" => 3.0,
        "few" => 2.0,
        "many" => 2.0,
        _ => return None,
    })
}

/// Fraction words ("third", "half", "quarter", "two-thirds").
pub(crate) fn fraction_word(w: &str) -> Option<f64> {
    Some(match w {
        "half" => 0.5,
        "third" => 1.0 / 3.0,
        "quarter" => 0.25,
        "fifth" => 0.2,
        "tenth" => 0.1,
        "two-thirds" => 2.0 / 3.0,
        "three-quarters" => 0.75,
        "one-third" => 1.0 / 3.0,
        "one-half" => 0.5,
        "one-quarter" => 0.25,
        _ => return None,
    })
}

/// Modifiers before a figure and the bound they set; longest phrases first.
pub(crate) const PRE_MODIFIERS: &[(&[&str], BoundWord)] = &[
    (&["more", "than"], BoundWord::AtLeast),
    (&["over"], BoundWord::AtLeast),
    (&["at", "least"], BoundWord::AtLeast),
    (&["upwards", "of"], BoundWord::AtLeast),
    (&["in", "excess", "of"], BoundWord::AtLeast),
    (&["no", "fewer", "than"], BoundWord::AtLeast),
    (&["no", "less", "than"], BoundWord::AtLeast),
    (&["a", "minimum", "of"], BoundWord::AtLeast),
    (&["exceeding"], BoundWord::AtLeast),
    (&["above"], BoundWord::AtLeast),
    (&["up", "to"], BoundWord::AtMost),
    (&["at", "most"], BoundWord::AtMost),
    (&["fewer", "than"], BoundWord::AtMost),
    (&["less", "than"], BoundWord::AtMost),
    (&["no", "more", "than"], BoundWord::AtMost),
    (&["under"], BoundWord::AtMost),
    (&["below"], BoundWord::AtMost),
    (&["nearly"], BoundWord::AtMost),
    (&["almost"], BoundWord::AtMost),
    (&["a", "maximum", "of"], BoundWord::AtMost),
    (&["around"], BoundWord::Approx),
    (&["about"], BoundWord::Approx),
    (&["approximately"], BoundWord::Approx),
    (&["roughly"], BoundWord::Approx),
    (&["some"], BoundWord::Approx),
    (&["an", "estimated"], BoundWord::Approx),
    (&["estimated"], BoundWord::Approx),
    (&["approx."], BoundWord::Approx),
    (&["circa"], BoundWord::Approx),
    (&["close", "to"], BoundWord::Approx),
    (&["nearly"], BoundWord::AtMost),
    (&["exactly"], BoundWord::Exact),
    (&["just"], BoundWord::Exact),
    (&["only"], BoundWord::Exact),
];

/// A bound set by a modifier word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BoundWord {
    Exact,
    Approx,
    AtLeast,
    AtMost,
}

/// Unit words and their normalised names. `square` prefixes are handled by the scanner.
pub(crate) fn unit_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "km" | "kilometers" | "kilometres" | "kilometer" | "kilometre" | "kms" => "km",
        "miles" | "mile" | "mi" => "mi",
        "meters" | "metres" | "meter" | "metre" => "m",
        "km2" | "km²" | "sq.km" | "sqkm" => "km2",
        "hectares" | "hectare" | "ha" => "ha",
        "acres" | "acre" => "acre",
        "tons" | "tonnes" | "ton" | "tonne" => "t",
        "kg" | "kilograms" | "kilogrammes" => "kg",
        "percent" | "pct" => "percent",
        "dollars" | "dollar" => "USD",
        "euros" | "euro" => "EUR",
        "pounds" => "GBP",
        "rubles" | "roubles" | "ruble" | "rouble" => "RUB",
        "hryvnias" | "hryvnia" | "hryvnas" => "UAH",
        "yuan" => "CNY",
        _ => return None,
    })
}

/// Currency symbols.
pub(crate) fn currency_symbol(w: &str) -> Option<&'static str> {
    Some(match w {
        "$" | "US$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "₽" => "RUB",
        "₴" => "UAH",
        "¥" => "JPY",
        _ => return None,
    })
}

/// Words that end the noun phrase after a figure (verbs, prepositions, conjunctions, ...).
pub(crate) fn np_stop(w: &str) -> bool {
    matches!(
        w,
        "of" | "in"
            | "on"
            | "at"
            | "to"
            | "from"
            | "by"
            | "for"
            | "with"
            | "into"
            | "near"
            | "over"
            | "under"
            | "across"
            | "during"
            | "after"
            | "before"
            | "since"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "were"
            | "was"
            | "are"
            | "is"
            | "be"
            | "been"
            | "being"
            | "have"
            | "has"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "can"
            | "do"
            | "did"
            | "does"
            | "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "their"
            | "his"
            | "her"
            | "its"
            | "our"
            | "my"
            | "your"
            | "they"
            | "he"
            | "she"
            | "it"
            | "we"
            | "i"
            | "you"
            | "as"
            | "than"
            | "per"
            | "each"
            | "ago"
            | "later"
            | "earlier"
            | "while"
            | "when"
            | "where"
            | "if"
            | "because"
            | "so"
            | "then"
            | "there"
            | "here"
            | "not"
            | "also"
            | "still"
            | "reportedly"
            | "allegedly"
            | "either"
            | "both"
            | "all"
            | "following"
            | "including"
            | "among"
            | "between"
            | "against"
            | "through"
            | "via"
            | "about"
            | "around"
            | "out"
            | "up"
            | "down"
            | "off"
            | "said"
            | "says"
            | "say"
            | "told"
            | "more"
            | "less"
            | "fewer"
            | "now"
            | "again"
            | "too"
            | "only"
            | "just"
            | "away"
            | "back"
            | "ahead"
            | "inside"
            | "outside"
            | "within"
            | "without"
            | "toward"
            | "towards"
            | "along"
            | "behind"
            | "beyond"
            | "amid"
            | "despite"
            | "like"
            | "unlike"
            | "whether"
    )
}

/// Nouns that count soldiers.
pub(crate) fn troop_noun(w: &str) -> bool {
    matches!(
        w,
        "soldiers"
            | "soldier"
            | "troops"
            | "troop"
            | "fighters"
            | "fighter"
            | "servicemen"
            | "serviceman"
            | "servicemembers"
            | "militants"
            | "militant"
            | "personnel"
            | "marines"
            | "paratroopers"
            | "mercenaries"
            | "conscripts"
            | "recruits"
            | "reservists"
            | "insurgents"
            | "rebels"
            | "militiamen"
            | "combatants"
            | "commandos"
            | "sailors"
            | "airmen"
            | "officers"
            | "guards"
            | "volunteers"
            | "forces"
            | "infantrymen"
            | "gunmen"
    )
}

/// Nouns that count people.
pub(crate) fn person_noun(w: &str) -> bool {
    troop_noun(w)
        || matches!(
            w,
            "people"
                | "persons"
                | "person"
                | "civilians"
                | "civilian"
                | "children"
                | "child"
                | "kids"
                | "women"
                | "woman"
                | "men"
                | "man"
                | "residents"
                | "villagers"
                | "workers"
                | "passengers"
                | "journalists"
                | "police"
                | "policemen"
                | "migrants"
                | "refugees"
                | "prisoners"
                | "hostages"
                | "captives"
                | "detainees"
                | "victims"
                | "patients"
                | "students"
                | "protesters"
                | "demonstrators"
                | "citizens"
                | "nationals"
                | "members"
                | "individuals"
                | "others"
                | "adults"
                | "teenagers"
                | "boys"
                | "girls"
                | "babies"
                | "infants"
                | "doctors"
                | "medics"
                | "staff"
                | "employees"
                | "pilots"
                | "crew"
                | "family"
                | "families"
                | "pows"
                | "dead"
                | "wounded"
                | "injured"
                | "casualties"
                | "deaths"
                | "fatalities"
                | "bodies"
        )
}

/// Casualty words and the category they indicate.
pub(crate) fn casualty_word(w: &str) -> Option<CasualtyKind> {
    Some(match w {
        "killed" | "dead" | "died" | "die" | "deaths" | "death" | "fatalities" | "slain"
        | "perished" | "bodies" | "executed" | "kill" | "killing" | "lives" | "fatally" => {
            CasualtyKind::Killed
        }
        "injured" | "wounded" | "hurt" | "injuries" | "injuring" | "wounding" | "injure" => {
            CasualtyKind::Injured
        }
        "casualties" | "losses" => CasualtyKind::Both,
        "captured" | "capturing" | "detained" | "arrested" | "apprehended" | "abducted"
        | "prisoners" | "prisoner" | "pows" | "hostages" | "hostage" | "captive" | "captives"
        | "kidnapped" | "seized" | "capture" | "detainees" | "surrendered" => {
            CasualtyKind::Captured
        }
        "missing" | "disappeared" | "unaccounted" => CasualtyKind::Missing,
        _ => return None,
    })
}

/// What a casualty word says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CasualtyKind {
    Killed,
    Injured,
    Both,
    Captured,
    Missing,
}

/// The category for a set of casualty words seen.
pub(crate) fn casualty_category(
    killed: bool,
    injured: bool,
    other: Option<CasualtyKind>,
) -> Option<QuantityCategory> {
    match (killed, injured) {
        (true, true) => Some(QuantityCategory::KilledOrInjured),
        (true, false) => Some(QuantityCategory::Killed),
        (false, true) => Some(QuantityCategory::Injured),
        (false, false) => match other {
            Some(CasualtyKind::Captured) => Some(QuantityCategory::Captured),
            Some(CasualtyKind::Missing) => Some(QuantityCategory::Missing),
            Some(CasualtyKind::Both) => Some(QuantityCategory::KilledOrInjured),
            _ => None,
        },
    }
}

/// Month names and abbreviations (a number next to one is a date, not a quantity).
pub(crate) fn month_word(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "jan."
            | "feb"
            | "feb."
            | "mar."
            | "apr"
            | "apr."
            | "jun."
            | "jul."
            | "aug"
            | "aug."
            | "sep"
            | "sep."
            | "sept"
            | "sept."
            | "oct"
            | "oct."
            | "nov"
            | "nov."
            | "dec"
            | "dec."
    )
}

/// Words after which a four-digit number is a year.
pub(crate) fn year_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "since"
            | "of"
            | "by"
            | "until"
            | "till"
            | "from"
            | "before"
            | "after"
            | "during"
            | "early"
            | "late"
            | "mid"
            | "fiscal"
            | "year"
            | "the"
            | "to"
            | "through"
            | "between"
            | "and"
            | "summer"
            | "winter"
            | "spring"
            | "autumn"
            | "fall"
            | "'s"
            | "’s"
    )
}

/// Time-unit nouns: a figure counting them is a duration (read by the dates layer).
pub(crate) fn time_unit(w: &str) -> bool {
    matches!(
        w,
        "a.m." | "p.m." | "am" | "pm" | "gmt" | "utc" | "o'clock" | "hrs" | "h"
    )
}
