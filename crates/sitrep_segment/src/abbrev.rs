//! Abbreviation lists and the word lists used to decide whether an abbreviation ends a sentence.

use std::collections::HashMap;

/// How an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// Comes before a name or a number and never ends a sentence ("Mr.", "Gen.", "vs.", "e.g.").
    Title,
    /// Takes its period only before a digit ("No. 5", "Vol. 2"); elsewhere "No" is a word.
    Numeric,
    /// Usually mid-sentence; ends a sentence only before a common sentence opener ("U.S. The",
    /// "Jan. He", "Inc. But"). Unknown acronyms and single-letter initials behave like this.
    Regular,
    /// Often ends a sentence ("etc.", "a.m.", "Jr.", "Inc.", "Calif."): ends it before any
    /// capitalised word except days, months, time zones, company suffixes and a few titles
    /// ("at 9 a.m. Tuesday", "Acme Co. Ltd.", "9 a.m. Moscow time").
    Final,
}

#[rustfmt::skip]
const TITLES: &[&str] = &[
    "Adm", "Ald", "Amb", "Atty", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Comdr", "Cpl", "Cpt",
    "Det", "Dr", "Drs", "Ens", "Fr", "Gen", "Gens", "Gov", "Govs", "Hon", "Insp", "Lieut", "Lt",
    "Maj", "Messrs", "Mlle", "Mme", "Mmes", "Mr", "Mrs", "Ms", "Msgr", "Pfc", "Pres", "Prof",
    "Profs", "Pvt", "Rep", "Reps", "Rev", "Revs", "Sen", "Sens", "Sgt", "Spc", "Supt", "Ft", "Fig",
    "Figs", "vs", "cf", "viz", "e.g", "i.e",
];

#[rustfmt::skip]
const NUMERIC: &[&str] = &[
    "No", "Nos", "no", "nos", "Nr", "Vol", "Vols", "vol", "pp", "ca", "Rs", "Art", "Arts", "Sec",
    "Ch", "para", "Para",
];

#[rustfmt::skip]
const REGULAR: &[&str] = &[
    // months (not May), weekdays
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon",
    "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat",
    // places and organisations that usually precede a name
    "St", "Ste", "Mt", "Assn", "Dept", "Univ",
    // lower-case
    "approx", "dept", "govt", "incl", "esp", "fig", "figs", "ref", "tel",
];

#[rustfmt::skip]
const FINAL: &[&str] = &[
    "etc", "al", "Jr", "Sr", "a.m", "p.m", "A.M", "P.M", "mln", "bln",
    // company suffixes, often the last word of a sentence in business news
    "Inc", "Corp", "Ltd", "Co", "Cos", "Bros", "Plc",
    // street suffixes
    "Ave", "Blvd", "Rd", "Hwy", "Sq", "Pl",
    // U.S. states (AP style), mostly after a city at the end of a clause
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nebr", "Nev", "Okla",
    "Ore", "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
];

/// Capitalised words that usually open a sentence (closed-class words and common sentence
/// adverbs). After a `Regular` abbreviation such a word means a new sentence: "in the U.S. The
/// next day" splits, "the U.S. Army" does not. Sorted, for binary search.
#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "A", "About", "Above", "According", "Across", "After", "Afterwards", "Again", "Against",
    "Ahead", "All", "Almost", "Along", "Already", "Also", "Although", "Always", "Among", "An", "And",
    "Another", "Any", "Anyone", "Anything", "Are", "Around", "As", "At", "Because", "Before",
    "Both", "But", "By", "Can", "Could", "Despite", "Did", "Do", "Does", "During", "Each",
    "Earlier", "Either", "Even", "Every", "Everyone", "Few", "Finally", "Following", "For", "From",
    "Further", "Furthermore", "Had", "Has", "Have", "He", "Her", "Here", "His", "How", "However",
    "I", "If", "In", "Indeed", "Instead", "Is", "It", "Its", "Just", "Last", "Later", "Like", "Many",
    "Meanwhile", "Moreover", "Most", "Much", "My", "Neither", "Nevertheless", "Next", "Nobody",
    "None", "Nor", "Not", "Nothing", "Now", "On", "Once", "Only", "Or", "Other", "Others", "Our",
    "Overall", "Rather", "Several", "She", "Should", "Since", "So", "Some", "Still", "Such", "That",
    "The", "Their", "Then", "There", "These", "They", "This", "Those", "Though", "Thus", "To",
    "Today", "Tomorrow", "Unlike", "Until", "Upon", "We", "Were", "What", "When", "Where",
    "Whether", "Which", "While", "Who", "Why", "Will", "With", "Within", "Without", "Would",
    "Yesterday", "Yet", "You", "Your",
];

/// Capitalised words that commonly follow a `Final` abbreviation inside a sentence: "9 a.m.
/// Tuesday", "5 p.m. EST", "Acme Co. Ltd.", "Acme Inc. Chief Executive", "Main Ave. NW".
#[rustfmt::skip]
const NOT_AFTER_FINAL: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC",
    "BST", "CET", "CEST", "EET", "EEST", "MSK", "ET", "CT", "MT", "PT", "Eastern", "Central",
    "Pacific", "Mountain", "Ltd", "Inc", "Corp", "Co", "LLC", "Plc", "PLC", "AG", "SA", "NV",
    "GmbH", "Chief", "Chairman", "CEO", "President", "NW", "NE", "SW", "SE",
];

/// True for a capitalised word that usually opens a sentence.
pub(crate) fn is_starter(word: &str) -> bool {
    STARTERS.binary_search(&word).is_ok()
}

/// True for a capitalised word that follows a `Final` abbreviation within a sentence.
pub(crate) fn is_not_after_final(word: &str) -> bool {
    NOT_AFTER_FINAL.contains(&word.strip_suffix('.').unwrap_or(word))
}

/// Abbreviations known to a segmenter: the built-in lists plus user additions.
#[derive(Debug, Clone, Default)]
pub(crate) struct Abbreviations {
    map: HashMap<Box<str>, AbbrevClass>,
}

impl Abbreviations {
    /// The built-in lists plus `regular` and `titles` from the user's configuration.
    pub(crate) fn new(regular: &[String], titles: &[String]) -> Self {
        let mut a = Abbreviations::default();
        for (list, class) in [
            (REGULAR, AbbrevClass::Regular),
            (FINAL, AbbrevClass::Final),
            (NUMERIC, AbbrevClass::Numeric),
            (TITLES, AbbrevClass::Title),
        ] {
            for w in list {
                a.insert(w, class, class != AbbrevClass::Numeric);
            }
        }
        // Two-letter capitals that are not also common acronyms ("FT", "CO", "MS"): datelines
        // ("ST. LOUIS") and headlines ("MR. BEAN").
        a.map.insert("MR".into(), AbbrevClass::Title);
        a.map.insert("MRS".into(), AbbrevClass::Title);
        a.map.insert("ST".into(), AbbrevClass::Regular);
        a.map.insert("MT".into(), AbbrevClass::Regular);
        for w in regular {
            a.insert(w, AbbrevClass::Regular, true);
        }
        for w in titles {
            a.insert(w, AbbrevClass::Title, true);
        }
        a
    }

    /// Adds `word` (a final period is dropped) as written and, with `variants`, capitalised and,
    /// from three letters on, in capitals ("GEN." in a headline; but "FT." is the Financial
    /// Times, not "Ft."). Later insertions win.
    fn insert(&mut self, word: &str, class: AbbrevClass, variants: bool) {
        let word = word.trim().trim_end_matches('.');
        if word.is_empty() || word.chars().any(char::is_whitespace) {
            return;
        }
        if variants {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                let cap: String = first.to_uppercase().chain(chars).collect();
                self.map.insert(cap.into(), class);
            }
            if word.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                self.map.insert(word.to_uppercase().into(), class);
            }
        }
        self.map.insert(word.into(), class);
    }

    /// The class of `word` (the token text without its final period), or of its part after
    /// the last hyphen ("ex-Gov", "then-U.S").
    pub(crate) fn get(&self, word: &str) -> Option<AbbrevClass> {
        self.map.get(word).copied().or_else(|| {
            let (_, last) = word.rsplit_once(['-', '‐', '‑'])?;
            self.map.get(last).copied()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starters_are_sorted_for_binary_search() {
        assert!(
            STARTERS.windows(2).all(|w| w[0] < w[1]),
            "STARTERS must be sorted and unique"
        );
        assert!(is_starter("The") && is_starter("He") && !is_starter("Army"));
    }

    #[test]
    fn variants_and_user_words() {
        let a = Abbreviations::new(&["Brig.".into(), "approx".into()], &["Insp".into()]);
        assert_eq!(a.get("Mr"), Some(AbbrevClass::Title));
        assert_eq!(a.get("MRS"), Some(AbbrevClass::Title));
        assert_eq!(a.get("FT"), None);
        assert_eq!(a.get("ST"), Some(AbbrevClass::Regular));
        assert_eq!(a.get("Etc"), Some(AbbrevClass::Final));
        assert_eq!(a.get("No"), Some(AbbrevClass::Numeric));
        assert_eq!(a.get("NO"), None);
        assert_eq!(a.get("Brig"), Some(AbbrevClass::Regular)); // user list wins over built-in
        assert_eq!(a.get("Approx"), Some(AbbrevClass::Regular));
        assert_eq!(a.get("Insp"), Some(AbbrevClass::Title));
        assert_eq!(a.get("mister"), None);
        assert_eq!(a.get("ex-Gov"), Some(AbbrevClass::Title));
        assert_eq!(a.get("ex-"), None);
    }
}
