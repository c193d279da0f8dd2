use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const PUB: &str = "2025-01-11"; // a Saturday

type Row = (String, String, String, Option<String>, Option<String>);

fn tag(text: &str) -> Vec<Row> {
    DatesConfig::default()
        .build()
        .tag(text, Some(d(PUB)))
        .into_iter()
        .map(|t| {
            (
                text[t.span.range()].to_owned(),
                format!("{:?}", t.timex_type).to_uppercase(),
                t.value,
                t.start.map(|x| x.to_string()),
                t.end.map(|x| x.to_string()),
            )
        })
        .collect()
}

/// The single mention of `text`: (span text, type, value).
fn one(text: &str) -> (String, String, String) {
    let v = tag(text);
    assert_eq!(v.len(), 1, "{text:?} -> {v:?}");
    let (a, b, c, _, _) = v.into_iter().next().unwrap();
    (a, b, c)
}

fn check(text: &str, span: &str, ty: &str, value: &str) {
    let got = one(text);
    assert_eq!(
        got,
        (span.to_owned(), ty.to_owned(), value.to_owned()),
        "in {text:?}"
    );
}

fn interval(text: &str) -> (String, String) {
    let v = tag(text);
    assert_eq!(v.len(), 1, "{text:?} -> {v:?}");
    let (_, _, _, s, e) = v.into_iter().next().unwrap();
    (s.unwrap(), e.unwrap())
}

#[test]
fn kursk_five() {
    check(
        "one soldier was taken on January 9 by special forces",
        "January 9",
        "DATE",
        "2025-01-09",
    );
    check(
        "following a cross-border incursion last August.",
        "last August",
        "DATE",
        "2024-08",
    );
    check(
        "were killed during the last week of December.",
        "the last week of December",
        "DATE",
        "2024-W52",
    );
    assert_eq!(
        interval("during the last week of December."),
        ("2024-12-23".into(), "2024-12-31".into())
    );
    check(
        "On Tuesday, Ukrainian forces reportedly launched a strike",
        "Tuesday",
        "DATE",
        "2025-01-07",
    );
    check(
        "its bold incursion last summer.",
        "last summer",
        "DATE",
        "2024-SU",
    );
    assert_eq!(
        interval("its bold incursion last summer."),
        ("2024-06-01".into(), "2024-08-31".into())
    );
}

#[test]
fn absolute_dates_in_all_orders() {
    for text in [
        "9 January 2025",
        "January 9, 2025",
        "Jan. 9, 2025",
        "9th of January 2025",
        "09.01.2025",
        "2025-01-09",
        "Thursday, January 9, 2025",
    ] {
        let (_, ty, v) = one(text);
        assert_eq!((ty.as_str(), v.as_str()), ("DATE", "2025-01-09"), "{text}");
    }
    check("Jan. 9", "Jan. 9", "DATE", "2025-01-09");
    check("on 1/9/2025", "1/9/2025", "DATE", "2025-01-09");
    check("in May 2024", "May 2024", "DATE", "2024-05");
    check("by 1998", "1998", "DATE", "1998");
}

#[test]
fn refuses_to_invent_a_day() {
    let v = tag("The offensive began in August and ended in September 2024.");
    assert_eq!(v[0].2, "2024-08");
    assert_eq!(v[0].3.as_deref(), Some("2024-08-01"));
    assert_eq!(v[0].4.as_deref(), Some("2024-08-31"));
    assert_eq!(v[1].2, "2024-09");
    assert_eq!(
        interval("in 2023"),
        ("2023-01-01".into(), "2023-12-31".into())
    );
}

#[test]
fn weekdays_resolve_before_publication_unless_future() {
    check("He said on Tuesday that", "Tuesday", "DATE", "2025-01-07");
    check(
        "The talks will resume on Tuesday.",
        "Tuesday",
        "DATE",
        "2025-01-14",
    );
    check("next Tuesday", "next Tuesday", "DATE", "2025-01-14");
    check("last Tuesday", "last Tuesday", "DATE", "2025-01-07");
    check(
        "On Monday, the army will withdraw.",
        "Monday",
        "DATE",
        "2025-01-13",
    );
    check(
        "On Monday, he said the army will withdraw.",
        "Monday",
        "DATE",
        "2025-01-06",
    );
    check("Friday night", "Friday night", "TIME", "2025-01-10TNI");
}

#[test]
fn months_and_seasons() {
    check("in December", "December", "DATE", "2024-12");
    check("in January", "January", "DATE", "2025-01");
    check(
        "The vote will take place in March.",
        "March",
        "DATE",
        "2025-03",
    );
    check("next August", "next August", "DATE", "2025-08");
    check("this summer", "this summer", "DATE", "2025-SU");
    check("last winter", "last winter", "DATE", "2023-WI");
    // Tense unknown: the nearest March; past tense: the last one; or always past by config.
    check("mid-March", "mid-March", "DATE", "2025-03");
    check(
        "The siege began in mid-March.",
        "mid-March",
        "DATE",
        "2024-03",
    );
    assert_eq!(
        interval("The siege began in mid-March."),
        ("2024-03-11".into(), "2024-03-21".into())
    );
    let past = DatesConfig {
        unmarked_months: UnmarkedMonths::Past,
        ..DatesConfig::default()
    }
    .build();
    assert_eq!(past.tag("in March", Some(d(PUB)))[0].value, "2024-03");
    check(
        "Troops attacked in February.",
        "February",
        "DATE",
        "2024-02",
    );
    check("late 2023", "late 2023", "DATE", "2023");
    assert_eq!(
        interval("late 2023"),
        ("2023-09-02".into(), "2023-12-31".into())
    );
    check(
        "earlier this month",
        "earlier this month",
        "DATE",
        "2025-01",
    );
    assert_eq!(
        interval("earlier this month"),
        ("2025-01-01".into(), "2025-01-11".into())
    );
    check(
        "in the summer of 2022",
        "the summer of 2022",
        "DATE",
        "2022-SU",
    );
}

#[test]
fn relative_periods() {
    check("last week", "last week", "DATE", "2025-W01");
    check("this week", "this week", "DATE", "2025-W02");
    check("next month", "next month", "DATE", "2025-02");
    check("last year", "last year", "DATE", "2024");
    check("yesterday", "yesterday", "DATE", "2025-01-10");
    check("today", "today", "DATE", "2025-01-11");
    check("tomorrow", "tomorrow", "DATE", "2025-01-12");
    check("three days ago", "three days ago", "DATE", "2025-01-08");
    check("two years ago", "two years ago", "DATE", "2023");
    check("the weekend", "the weekend", "DATE", "2025-W02-WE");
    check("the third quarter", "the third quarter", "DATE", "2024-Q3");
    check(
        "the first half of 2024",
        "the first half of 2024",
        "DATE",
        "2024-H1",
    );
}

#[test]
fn anchored_on_last_mentioned_date() {
    let v = tag(
        "The strike came on 3 January 2025. The next day, troops advanced, and two days later they withdrew.",
    );
    let vals: Vec<&str> = v.iter().map(|x| x.2.as_str()).collect();
    assert_eq!(vals, ["2025-01-03", "2025-01-04", "2025-01-06"]);
    assert_eq!(v[1].0, "The next day");
    assert_eq!(v[2].0, "two days later");
}

#[test]
fn decades_centuries_ordinals() {
    check("in the 1990s", "the 1990s", "DATE", "199");
    check("in the '90s", "the '90s", "DATE", "199");
    check("the 20th century", "the 20th century", "DATE", "19");
    check(
        "the twenty-first century",
        "the twenty-first century",
        "DATE",
        "20",
    );
    check("on the 9th, troops", "the 9th", "DATE", "2025-01-09");
    check("on the 20th.", "the 20th", "DATE", "2024-12-20");
}

#[test]
fn times_of_day() {
    check("attacked at dawn", "dawn", "TIME", "2025-01-11TMO");
    check("shelled overnight", "overnight", "TIME", "2025-01-10TNI");
    check(
        "at 3 p.m. local time",
        "3 p.m. local time",
        "TIME",
        "2025-01-11T15:00",
    );
    check("last night", "last night", "TIME", "2025-01-10TNI");
    check("this morning", "this morning", "TIME", "2025-01-11TMO");
    let v = tag("On Tuesday at 3 p.m. the strike began.");
    assert_eq!(v[1].2, "2025-01-07T15:00");
    check("at 14:30 GMT", "14:30 GMT", "TIME", "2025-01-11T14:30");
}

#[test]
fn durations_and_sets() {
    check("for three days", "three days", "DURATION", "P3D");
    check(
        "over the past 24 hours",
        "the past 24 hours",
        "DURATION",
        "PT24H",
    );
    check("in recent weeks", "recent weeks", "DURATION", "PXW");
    check("in recent years", "recent years", "DATE", "PAST_REF");
    check("several years ago", "several years ago", "DATE", "PAST_REF");
    check("for several months", "several months", "DURATION", "PXM");
    check("a two-year deal", "two-year", "DURATION", "P2Y");
    check(
        "twenty-four hours",
        "twenty-four hours",
        "DURATION",
        "PT24H",
    );
    check("every day", "every day", "SET", "P1D");
    check("every Tuesday", "every Tuesday", "SET", "XXXX-WXX-2");
    check("twice a week", "twice a week", "SET", "P1W");
    check("rising 5% a year", "a year", "SET", "P1Y");
    check("early fall", "early fall", "DATE", "2024-FA");
    assert!(tag("a fall in prices during the fall of the regime").is_empty());
    assert!(tag("a five-year-old girl").is_empty());
}

#[test]
fn generic_references() {
    check("Blinken recently revealed", "recently", "DATE", "PAST_REF");
    check("They are currently in", "currently", "DATE", "PRESENT_REF");
    check("now", "now", "DATE", "PRESENT_REF");
    check("will come soon", "soon", "DATE", "FUTURE_REF");
}

#[test]
fn no_false_alarms_on_numbers_and_verbs() {
    for text in [
        "over 1,000 soldiers",
        "around 11,000 North Korean troops",
        "They may march on.",
        "prices fall in the market",
        "costs $2000 today",
        "2.5 million people",
        "3,000 years",
    ] {
        let v = tag(text);
        assert!(v.iter().all(|x| x.0 != "1998"), "{text}: {v:?}");
        if text.starts_with("costs") {
            assert_eq!(v.len(), 1, "{v:?}");
        } else if text == "3,000 years" {
            assert!(v.iter().all(|x| x.0 != "3,000 years"));
        } else {
            assert!(v.is_empty(), "{text}: {v:?}");
        }
    }
}

#[test]
fn without_anchor_values_are_underspecified() {
    let v = DatesConfig::default()
        .build()
        .tag("in August and on Tuesday, on 9 January 2025", None);
    let vals: Vec<&str> = v.iter().map(|x| x.value.as_str()).collect();
    assert_eq!(vals, ["XXXX-08", "XXXX-WXX-2", "2025-01-09"]);
    assert_eq!(v[0].start, None);
}

#[test]
fn config_rejects_unknown_fields() {
    let c: DatesConfig = serde_json::from_str(r#"{"slash_day_first": true}"#).unwrap();
    assert!(c.slash_day_first);
    assert!(serde_json::from_str::<DatesConfig>(r#"{"nope": 1}"#).is_err());
    let t = c.build();
    let v = t.tag("on 3/4/2025", None);
    assert_eq!(v[0].value, "2025-04-03");
}

#[test]
fn stage_skips_flagged_text_and_allocates_ids() {
    use sitrep_model::{DocMeta, FlagKind, LineFlag};
    let text = "Talks began on Tuesday.\nSubscribe today for news.\nThey ended yesterday.";
    let meta = DocMeta {
        published: Some(d(PUB)),
        ..DocMeta::default()
    };
    let mut doc = Document::from_text(meta, text).unwrap();
    let s = text.find("Subscribe").unwrap();
    let e = s + "Subscribe today for news.".len();
    doc.flags.push(LineFlag {
        span: Span::from_usize(s, e).unwrap(),
        kind: FlagKind::Promotional,
        reason: "x".into(),
    });
    let stage = DatesStage::new("dates", DatesConfig::default());
    assert_eq!(stage.name(), "dates");
    assert_eq!(stage.provides(), &[Layer::Dates]);
    stage.process(&mut doc).unwrap();
    let vals: Vec<(&str, &str)> = doc
        .dates
        .iter()
        .map(|m| (doc.span_text(m.span), m.value.as_str()))
        .collect();
    assert_eq!(
        vals,
        [("Tuesday", "2025-01-07"), ("yesterday", "2025-01-10")]
    );
    assert_ne!(doc.dates[0].id, doc.dates[1].id);
    doc.validate().unwrap();
}

#[test]
fn year_ago_in_a_text_about_a_quarter() {
    let v = tag(
        "Profit rose 5% in the third quarter. Sales fell.\n\nA year ago, the company lost money.",
    );
    let vals: Vec<(&str, &str)> = v.iter().map(|r| (r.0.as_str(), r.2.as_str())).collect();
    assert_eq!(
        vals,
        [("the third quarter", "2024-Q3"), ("A year ago", "2023-Q3")]
    );
    // the derived quarter does not become "the quarter"
    let v = tag("In the third quarter, net rose from a year earlier. In the quarter, sales fell.");
    let vals: Vec<&str> = v.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(vals, ["2024-Q3", "2023-Q3", "2024-Q3"]);
    // without a quarter, the year
    check(
        "A year ago, the company lost money.",
        "A year ago",
        "DATE",
        "2024",
    );
    check(
        "the latest quarter",
        "the latest quarter",
        "DATE",
        "2024-Q4",
    );
    check(
        "up from year-earlier levels",
        "year-earlier",
        "DATE",
        "2024",
    );
}

#[test]
fn the_year_and_year_end() {
    let v = tag("For the year ended June 30, it earned");
    assert_eq!((v[0].0.as_str(), v[0].2.as_str()), ("the year", "P1Y"));
    check(
        "sales for the full year rose",
        "the full year",
        "DATE",
        "2025",
    );
    check("complete the deal by year-end.", "year-end", "DATE", "2025");
    check("by year's end", "year's end", "DATE", "2025");
    check(
        "in the year two thousand",
        "the year two thousand",
        "DATE",
        "2000",
    );
    check("before its 1990 invasion of Kuwait", "1990", "DATE", "1990");
    check(
        "in January nineteen ninety-seven",
        "January nineteen ninety-seven",
        "DATE",
        "1997-01",
    );
    check("the past year was hard", "the past year", "DATE", "2024");
    check("over the last decade", "the last decade", "DATE", "201");
    check("for two decades", "two decades", "DURATION", "P20Y");
}

#[test]
fn tense_of_the_clause() {
    check(
        "The dividend will be paid Dec. 15 to holders",
        "Dec. 15",
        "DATE",
        "2025-12-15",
    );
    check(
        "the sale is to be completed by Dec. 15.",
        "Dec. 15",
        "DATE",
        "2025-12-15",
    );
    check(
        "The offer had been scheduled to expire Friday.",
        "Friday",
        "DATE",
        "2025-01-10",
    );
    check(
        "The offer is scheduled to expire Friday.",
        "Friday",
        "DATE",
        "2025-01-17",
    );
    check(
        "talks set to resume Monday in Belfast",
        "Monday",
        "DATE",
        "2025-01-13",
    );
    check(
        "would be paid on a still unspecified date in December",
        "December",
        "DATE",
        "2025-12",
    );
    check(
        "it extended the loans through December.",
        "December",
        "DATE",
        "2024-12",
    );
}

#[test]
fn generic_phrases_that_are_not_times() {
    assert!(tag("as soon as trading opened").is_empty());
    assert!(tag("important to the future of our peoples").is_empty());
    assert!(tag("three-quarters of the vote").is_empty());
    check(
        "seek to sell it as soon as possible",
        "soon",
        "DATE",
        "FUTURE_REF",
    );
    check(
        "in the near future",
        "the near future",
        "DATE",
        "FUTURE_REF",
    );
    check("at a later date", "a later date", "DATE", "FUTURE_REF");
    check(
        "mid-afternoon yesterday",
        "mid-afternoon yesterday",
        "TIME",
        "2025-01-10TAF",
    );
}

#[test]
fn bare_units_amounts_and_references() {
    check(
        "Ukraine was ruled from Moscow for centuries.",
        "centuries",
        "DURATION",
        "PXCE",
    );
    check(
        "troops will arrive within weeks",
        "weeks",
        "DURATION",
        "PXW",
    );
    // the article stays outside, as in TimeBank and AQUAINT ("in the [weeks] before")
    check("over the years, many died", "years", "DURATION", "PXY");
    assert!(tag("after months of talks").is_empty());
    assert!(tag("room rates of $55 a night").is_empty());
    assert!(tag("it will save $2 million a year").is_empty());
    check(
        "for an additional year",
        "an additional year",
        "DURATION",
        "P1Y",
    );
    check(
        "at least 20 more years",
        "at least 20 more years",
        "DURATION",
        "P20Y",
    );
    check(
        "for eight trading days",
        "eight trading days",
        "DURATION",
        "P8D",
    );
    assert!(tag("he said on ABC's This Week program").is_empty());
    let v = tag("Imports rose in 1988. Sales were $1.5 billion that year.");
    let vals: Vec<(&str, &str)> = v.iter().map(|r| (r.0.as_str(), r.2.as_str())).collect();
    assert_eq!(vals, [("1988", "1988"), ("that year", "1988")]);
    // an end point after a past verb is not pushed into the past
    check(
        "The offer was extended to March 16.",
        "March 16",
        "DATE",
        "2025-03-16",
    );
    check(
        "The offer expired on March 16.",
        "March 16",
        "DATE",
        "2024-03-16",
    );
}

#[test]
fn year_ago_next_to_months_is_a_year() {
    let v = tag(
        "Profit rose in the third quarter. In the first nine months, sales were 40% \
         higher than a year earlier.",
    );
    let vals: Vec<&str> = v.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(vals, ["2024-Q3", "P9M", "2023"]);
}

#[test]
fn intentions_modals_and_earliest_times_look_ahead() {
    // PUB is Saturday 2025-01-11.
    check(
        "The group could come as soon as Tuesday.",
        "Tuesday",
        "DATE",
        "2025-01-14",
    );
    check(
        "Officials did not plan to remove him on Monday.",
        "Monday",
        "DATE",
        "2025-01-13",
    );
    check(
        "Protesters were planning to march on Monday.",
        "Monday",
        "DATE",
        "2025-01-13",
    );
    check(
        "The vote would take place Monday.",
        "Monday",
        "DATE",
        "2025-01-13",
    );
    // "would have" is a past counterfactual; "had planned to" a past plan.
    check(
        "The vote would have taken place Monday.",
        "Monday",
        "DATE",
        "2025-01-06",
    );
    // "decided to admit in March": the admission follows the decision.
    check(
        "NATO has decided to admit them in March.",
        "March",
        "DATE",
        "2025-03",
    );
    check(
        "The accession was planned for March.",
        "March",
        "DATE",
        "2025-03",
    );
    check(
        "The accession was completed in March.",
        "March",
        "DATE",
        "2024-03",
    );
}

#[test]
fn holidays() {
    // PUB is Saturday 2025-01-11: the nearest Christmas is the past one.
    check("They met at Christmas.", "Christmas", "DATE", "2024-12-25");
    check("on Christmas Eve", "Christmas Eve", "DATE", "2024-12-24");
    check(
        "since Thanksgiving Day",
        "Thanksgiving Day",
        "DATE",
        "2024-11-28",
    );
    check(
        "last Thanksgiving",
        "last Thanksgiving",
        "DATE",
        "2024-11-28",
    );
    check(
        "They will vote on Election Day.",
        "Election Day",
        "DATE",
        "2025-11-04",
    );
    check("by Easter 2024", "Easter 2024", "DATE", "2024-03-31");
    check("next Easter", "next Easter", "DATE", "2025-04-20");
    check(
        "on Valentine's Day",
        "Valentine's Day",
        "DATE",
        "2025-02-14",
    );
    check(
        "on Labor Day, 1998",
        "Labor Day, 1998",
        "DATE",
        "1998-09-07",
    );
    // the words alone, or lower case, are no dates
    assert!(tag("the election day was calm; an easter egg; Labor leaders").is_empty());
    check("the 1994 election", "1994", "DATE", "1994");
}

#[test]
fn halves_weeks_of_a_day_and_that_day() {
    check("for 5 1/2 hours", "5 1/2 hours", "DURATION", "PT5H30M");
    check(
        "for two and a half years",
        "two and a half years",
        "DURATION",
        "P2Y6M",
    );
    check(
        "a minute and a half later",
        "a minute and a half",
        "DURATION",
        "PT1M30S",
    );
    check("over an hour later", "an hour", "DURATION", "PT1H");
    check(
        "in the week of March 6",
        "the week of March 6",
        "DATE",
        "2025-W10",
    );
    check(
        "in the week of March 6, 2000",
        "the week of March 6, 2000",
        "DATE",
        "2000-W10",
    );
    check(
        "at 4 in the morning",
        "4 in the morning",
        "TIME",
        "2025-01-11T04:00",
    );
    check(
        "at 6 in the evening",
        "6 in the evening",
        "TIME",
        "2025-01-11T18:00",
    );
    // "that day" needs a day to refer to
    let v = tag("He was shot on Oct. 23. Earlier that day, he had called police.");
    assert_eq!(v[1].0, "Earlier that day");
    assert_eq!(v[1].2, "2024-10-23");
    assert!(tag("Market makers suffer losses on trades made that day.").is_empty());
    // the procession, not the month; but "in March for health reasons" is the month
    assert!(tag("at the annual March for Life on Capitol Hill").is_empty());
    check(
        "who stepped down in March for health reasons",
        "March",
        "DATE",
        "2024-03",
    );
}

#[test]
fn holiday_weeks_and_years_after_an_article() {
    check(
        "Protesters prayed as Easter week began",
        "Easter week",
        "DATE",
        "2024-W13",
    );
    check(
        "They will rest in Easter week",
        "Easter week",
        "DATE",
        "2025-W16",
    );
    check("A 1996 law named for him", "1996", "DATE", "1996");
}

#[test]
fn lists_of_days_and_clock_times_before_their_day() {
    let v = tag("The summit will be held on April 24 and 25.");
    let got: Vec<(&str, &str)> = v.iter().map(|r| (r.0.as_str(), r.2.as_str())).collect();
    assert_eq!(got, [("April 24", "2025-04-24"), ("25", "2025-04-25")]);
    let v = tag("talks on May 3-5, 1999 in Paris");
    let got: Vec<(&str, &str)> = v.iter().map(|r| (r.0.as_str(), r.2.as_str())).collect();
    assert_eq!(got, [("May 3", "1999-05-03"), ("5, 1999", "1999-05-05")]);
    // not a list: a count follows
    assert_eq!(tag("on April 24 and 25 people died").len(), 1);
    // a clock time takes the day named after a parenthetical second reading
    let v = tag("The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building.");
    let got: Vec<(&str, &str)> = v.iter().map(|r| (r.0.as_str(), r.2.as_str())).collect();
    assert_eq!(
        got,
        [
            ("10:35 a.m.", "2025-01-10T10:35"),
            ("0735 GMT", "2025-01-10T07:35"),
            ("Friday", "2025-01-10")
        ]
    );
}

#[test]
fn couples_and_long_adjectives() {
    check(
        "over the next couple of years",
        "the next couple of years",
        "DURATION",
        "P2Y",
    );
    check("a day-long strike", "day-long", "DURATION", "P1D");
    check("a 10-day-long strike", "10-day-long", "DURATION", "P10D");
    assert!(tag("a long day").is_empty());
}

#[test]
fn titles_with_units_are_not_durations() {
    assert!(tag("He told CBS's 60 Minutes that it was over.").is_empty());
    check("It lasted 60 minutes.", "60 minutes", "DURATION", "PT60M");
}

#[test]
fn recurring_adjectives() {
    check("a daily public rally", "daily", "SET", "P1D");
    check("in his weekly radio address", "weekly", "SET", "P1W");
    check("the rallies are held daily.", "daily", "SET", "P1D");
    assert!(tag("it pays a quarterly dividend; the annual report").is_empty());
}

#[test]
fn approximators_belong_to_the_quantity() {
    check(
        "nearly two weeks ago",
        "nearly two weeks ago",
        "DATE",
        "2024-W52",
    );
    check(
        "for more than a decade",
        "more than a decade",
        "DURATION",
        "P10Y",
    );
    check(
        "for at least three days",
        "at least three days",
        "DURATION",
        "P3D",
    );
    // "about" and "over" stay outside, as TimeBank has them
    check("for about three days", "three days", "DURATION", "P3D");
}

#[test]
fn possessive_weekdays_have_come() {
    // PUB is Saturday 2025-01-11; the future tense does not move a possessive weekday ahead
    check(
        "They will try to get around Wednesday's ruling.",
        "Wednesday",
        "DATE",
        "2025-01-08",
    );
    check(
        "They will try to meet on Wednesday.",
        "Wednesday",
        "DATE",
        "2025-01-15",
    );
}

#[test]
fn unmarked_months_look_ahead_four_months() {
    // PUB is 2025-01-11; no tense in these clauses
    check("the summit in May", "May", "DATE", "2025-05");
    check("the summit in June", "June", "DATE", "2024-06");
    check("the summit on May 10", "May 10", "DATE", "2025-05-10");
    check("the summit on June 10", "June 10", "DATE", "2024-06-10");
}

#[test]
fn plural_weekdays_are_sets() {
    check(
        "The market is closed on Sundays.",
        "Sundays",
        "SET",
        "XXXX-WXX-7",
    );
    assert!(tag("the mondays of the world").is_empty());
}

#[test]
fn last_month_day_and_the_day_before_a_named_day() {
    // PUB is Saturday 2025-01-11
    check(
        "he was shot last Oct. 23 at home",
        "last Oct. 23",
        "DATE",
        "2024-10-23",
    );
    check(
        "talks resume next March 3",
        "next March 3",
        "DATE",
        "2025-03-03",
    );
    let v = tag("The day before last Tuesday's hearing, he went home.");
    assert_eq!(v[0].0, "The day before");
    assert_eq!(v[0].2, "2025-01-06");
    assert_eq!(v[1].2, "2025-01-07");
    // counted from the last named day, never from the start of a longer period
    let v = tag("In the early 1990s, he moved. The day after, he left.");
    assert_eq!(v[1].0, "The day after");
    assert_eq!(v[1].2, "2025-01-12");
}

#[test]
fn next_morning_clauses_and_plans() {
    // PUB is Saturday 2025-01-11
    let v = tag("He was arrested on Monday. He appeared in court the next morning.");
    assert_eq!(v[1].0, "the next morning");
    assert_eq!(
        (v[1].1.as_str(), v[1].2.as_str()),
        ("TIME", "2025-01-07TMO")
    );
    let v = tag("On Thursday he fled. The previous evening, he had packed.");
    assert_eq!(v[1].2, "2025-01-08TEV");
    // the tense of another clause does not reach across ", and"
    check(
        "The court ruled that he must be returned, and set Friday as the deadline.",
        "Friday",
        "DATE",
        "2025-01-10",
    );
    check(
        "He must be returned and set free Friday.",
        "Friday",
        "DATE",
        "2025-01-17",
    );
    // a planned event lies ahead; the planning itself, named first, does not
    check(
        "Protesters planned a large demonstration on Monday.",
        "Monday",
        "DATE",
        "2025-01-13",
    );
    check(
        "On Friday, the government planned to pay the first claims.",
        "Friday",
        "DATE",
        "2025-01-10",
    );
    check(
        "The government plans to pay the claims on Friday.",
        "Friday",
        "DATE",
        "2025-01-17",
    );
}

#[test]
fn month_day_with_a_relative_year() {
    check(
        "The rally was held on March 30 last year.",
        "March 30 last year",
        "DATE",
        "2024-03-30",
    );
    check(
        "It opens on June 2 next year.",
        "June 2 next year",
        "DATE",
        "2026-06-02",
    );
    check(
        "It closed on March 3 this year.",
        "March 3 this year",
        "DATE",
        "2025-03-03",
    );
}

#[test]
fn timetables_and_statements() {
    // PUB is Saturday 2025-01-11
    check(
        "The summit starts Tuesday.",
        "Tuesday",
        "DATE",
        "2025-01-14",
    );
    check("The ban expires on Monday.", "Monday", "DATE", "2025-01-13");
    // a statement's day has come, whatever an earlier clause says
    let v = tag("The firm, which will open a plant soon, said Tuesday it was pleased.");
    assert_eq!(v.last().map(|x| x.2.as_str()), Some("2025-01-07"));
    let v = tag("The firm, which will open a plant, announced on Tuesday a new chief.");
    assert_eq!(v.last().map(|x| x.2.as_str()), Some("2025-01-07"));
}

#[test]
fn reporting_periods_keep_their_article() {
    check(
        "Net rose 5% in the first nine months.",
        "the first nine months",
        "DURATION",
        "P9M",
    );
    check(
        "For the nine months, net rose.",
        "the nine months",
        "DURATION",
        "P9M",
    );
    check(
        "in the two days since the vote",
        "the two days",
        "DURATION",
        "P2D",
    );
    check(
        "That was the two years ago.",
        "two years ago",
        "DATE",
        "2023",
    );
    assert!(tag("in the first year").is_empty());
}

#[test]
fn quarter_adjectives_leave_the_article_out() {
    let v = tag("the third-quarter results and the fiscal second-quarter loss");
    let spans: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(spans, ["third-quarter", "fiscal second-quarter"]);
    check(
        "in the third quarter",
        "the third quarter",
        "DATE",
        "2024-Q3",
    );
}

#[test]
fn the_day_in_apposition_is_the_day_named() {
    let v = tag("He was last seen Nov. 3, the day before police issued a warrant.");
    assert_eq!(v[1].0, "the day");
    assert_eq!(v[1].2, "2024-11-03");
    // elsewhere "the day after" counts from the last named day
    let v = tag("He died on Jan. 4. Friends came the day after his death.");
    assert_eq!(v[1].0, "the day after");
    assert_eq!(v[1].2, "2025-01-05");
}

#[test]
fn one_day_to_come_and_the_verb_last() {
    check(
        "Islam will one day be the largest religion.",
        "one day",
        "DATE",
        "FUTURE_REF",
    );
    check(
        "He hopes to one day return.",
        "one day",
        "DATE",
        "FUTURE_REF",
    );
    check(
        "They cut the strike to one day.",
        "one day",
        "DURATION",
        "P1D",
    );
    check(
        "They cut it to one day of talks.",
        "one day",
        "DURATION",
        "P1D",
    );
    check(
        "The talks will last three days.",
        "three days",
        "DURATION",
        "P3D",
    );
    check(
        "Prices rose in the last three years.",
        "the last three years",
        "DURATION",
        "P3Y",
    );
}

#[test]
fn plans_deadlines_and_postponements_look_ahead() {
    // PUB is Saturday 2025-01-11
    for s in [
        "He is traveling to Paris on Monday.",
        "He is expected to arrive Monday.",
        "The meeting is on Monday.",
        "The hearing was postponed until Monday.",
        "The report, due out Monday, will show growth.",
    ] {
        check(s, "Monday", "DATE", "2025-01-13");
    }
    // what goes on, and what was expected, do not
    check(
        "He was expected to arrive Monday.",
        "Monday",
        "DATE",
        "2025-01-06",
    );
    check(
        "He is continuing talks begun Monday.",
        "Monday",
        "DATE",
        "2025-01-06",
    );
}

#[test]
fn deadlines_to_a_weekday_lie_ahead() {
    // PUB is Saturday 2025-01-11.
    check(
        "Immigration officials have given the relatives until 9 a.m. Tuesday to sign.",
        "9 a.m. Tuesday",
        "TIME",
        "2025-01-14T09:00",
    );
    check(
        "The agency extended its deadline until Friday.",
        "Friday",
        "DATE",
        "2025-01-17",
    );
    // an end point reached in the past, with no deadline verb, stays behind
    check(
        "Up until Thursday, they had described him as a witness.",
        "Thursday",
        "DATE",
        "2025-01-09",
    );
}

#[test]
fn the_clause_verb_is_found_past_a_named_subject() {
    // PUB is Saturday 2025-01-11.
    check(
        "On Tuesday, the National Abortion Rights Action League plans to hold a news conference.",
        "Tuesday",
        "DATE",
        "2025-01-14",
    );
    check(
        "On Tuesday, the National Abortion Rights Action League held a news conference.",
        "Tuesday",
        "DATE",
        "2025-01-07",
    );
}

#[test]
fn a_sentence_opening_now_comma_is_a_discourse_marker() {
    assert!(tag("It failed. Now, he says, it looks different.").is_empty());
    assert!(tag("\"Now, we wait,\" she said.").is_empty());
    check(
        "Now officials are investigating the case.",
        "Now",
        "DATE",
        "PRESENT_REF",
    );
    check(
        "He is now in charge, they said.",
        "now",
        "DATE",
        "PRESENT_REF",
    );
}

#[test]
fn a_plural_present_timetable_looks_ahead() {
    // PUB is Saturday 2025-01-11.
    check(
        "He and Arafat meet separately Monday with the envoy.",
        "Monday",
        "DATE",
        "2025-01-13",
    );
    check(
        "He and Arafat did not meet Monday.",
        "Monday",
        "DATE",
        "2025-01-06",
    );
}

#[test]
fn overnight_is_the_night_before_the_day_in_view() {
    // PUB is Saturday 2025-01-11; no day named: the night before publication.
    check(
        "Rebels shelled the city overnight.",
        "overnight",
        "TIME",
        "2025-01-10TNI",
    );
    // a day named in the sentence before: the night before that day, and "the previous
    // Friday" counts from there
    let v = tag(
        "Shares closed lower Thursday. They were hit by overnight losses in New York, \
                 down 4% from the previous Friday.",
    );
    let vals: Vec<&str> = v.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(vals, ["2025-01-09", "2025-01-08TNI", "2025-01-03"]);
}

#[test]
fn a_present_aim_looks_ahead() {
    // PUB is Saturday 2025-01-11.
    check(
        "The United States hopes to resolve the pause during talks Tuesday with officials.",
        "Tuesday",
        "DATE",
        "2025-01-14",
    );
    check(
        "The United States hoped to resolve the pause during talks Tuesday.",
        "Tuesday",
        "DATE",
        "2025-01-07",
    );
}

#[test]
fn a_capitalised_cycle_word_inside_a_name_is_a_title() {
    assert!(tag("He founded the Apple Daily newspaper.").is_empty());
    assert!(tag("It was reported by China Daily on its website.").is_empty());
    check("Daily rallies continued.", "Daily", "SET", "P1D");
    check("a daily public rally", "daily", "SET", "P1D");
}

#[test]
fn a_named_day_is_not_the_nearest_weekday() {
    assert!(tag("the gains of the Belfast/Good Friday Agreement").is_empty());
    assert!(tag("stocks crashed on Black Monday").is_empty());
    check("Talks resumed on Friday.", "Friday", "DATE", "2025-01-10");
}

#[test]
fn what_one_prepares_ahead_of_lies_ahead() {
    // PUB is Saturday 2025-01-11.
    check(
        "He traveled to Kyiv to see efforts to harden the sites ahead of the summer.",
        "the summer",
        "DATE",
        "2025-SU",
    );
    // a possessive weekday names a day that has come, "ahead of" or not
    check(
        "Speaking ahead of Wednesday's hearing, he said the arrest was unlawful.",
        "Wednesday",
        "DATE",
        "2025-01-08",
    );
}

#[test]
fn a_hearing_set_for_a_weekday_lies_ahead() {
    // PUB is Saturday 2025-01-11.
    check(
        "Hearings in the suits are set for a court in Washington on Monday.",
        "Monday",
        "DATE",
        "2025-01-13",
    );
    check(
        "The hearing had been set for Monday.",
        "Monday",
        "DATE",
        "2025-01-06",
    );
    check(
        "The term expired while elections set for December were delayed.",
        "December",
        "DATE",
        "2024-12",
    );
}

#[test]
fn a_hundreds_year_before_2000_is_a_century() {
    check("Kaabu lasted until the 1800s.", "the 1800s", "DATE", "18");
    check("in the 1990s", "the 1990s", "DATE", "199");
    check("since the 2000s", "the 2000s", "DATE", "200");
}

#[test]
fn ahead_of_in_the_past_perfect_points_back() {
    // PUB is Saturday 2025-01-11.
    check(
        "Growth topped the rate economists had forecast ahead of Friday's announcement.",
        "Friday",
        "DATE",
        "2025-01-10",
    );
}

#[test]
fn todays_world_is_the_present_age_not_the_day() {
    assert!(tag("The case is for today's youth a lesson.").is_empty());
    assert!(tag("in today's world, paternity is easy to prove").is_empty());
    check(
        "The offer, advertised in today's editions, expires.",
        "today",
        "DATE",
        "2025-01-11",
    );
}

#[test]
fn a_programme_named_after_a_day_is_no_date() {
    assert!(tag("He said in an interview with Fox News' Sunday Morning Futures show.").is_empty());
    check(
        "Rebels attacked on Sunday morning.",
        "Sunday morning",
        "TIME",
        "2025-01-05TMO",
    );
}

#[test]
fn a_weekday_glossed_by_a_date_in_brackets_is_that_date() {
    // PUB is Saturday 2025-01-11; the report comes out the coming Friday.
    let v = tag("A new report set for release Friday (Jan. 17) finds that emissions rose.");
    let vals: Vec<&str> = v.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(vals, ["2025-01-17", "2025-01-17"]);
    // a gloss that names another weekday is left alone
    let v = tag("The talks ended Friday (Jan. 16) in Geneva.");
    let vals: Vec<&str> = v.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(vals, ["2025-01-10", "2025-01-16"]);
}

#[test]
fn fractions_ages_and_programmes_are_no_durations() {
    assert!(tag("Almost a quarter (21%) of those polled agreed.").is_empty());
    assert!(tag("Three-quarters said he was right.").is_empty());
    assert!(tag("just 17% of 18 to 24 year olds voted").is_empty());
    assert!(tag("During an interview on ITV1's This Morning she said so.").is_empty());
    check(
        "the last three quarters",
        "the last three quarters",
        "DURATION",
        "P3Q",
    );
    check(
        "She said this morning.",
        "this morning",
        "TIME",
        "2025-01-11TMO",
    );
}

#[test]
fn a_capitalised_season_inside_a_name_is_no_date() {
    assert!(tag("He brought the Winter Olympic Games to Nagano.").is_empty());
    check("He left in the winter.", "the winter", "DATE", "2024-WI");
}

#[test]
fn only_a_year_ago_becomes_the_year_ago_quarter() {
    // PUB 2025-01-11; a text about the third quarter
    let v =
        tag("Profit rose in the third quarter from a year ago. The firm was fined five years ago.");
    let vals: Vec<&str> = v.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(vals, ["2024-Q3", "2023-Q3", "2020"]);
}

#[test]
fn a_bare_half_is_a_matchs_not_a_years() {
    assert!(tag("He scored early in the second half.").is_empty());
    assert!(tag("a first-half goal").is_empty());
    check(
        "in the first half of 2024",
        "the first half of 2024",
        "DATE",
        "2024-H1",
    );
    check(
        "fiscal first-half profit",
        "fiscal first-half",
        "DATE",
        "2025-H1",
    );
}

#[test]
fn the_last_minute_is_an_idiom() {
    assert!(tag("The deal was saved at the last minute.").is_empty());
    assert!(tag("a last-minute deal").is_empty());
    check(
        "in the last 15 minutes",
        "the last 15 minutes",
        "DURATION",
        "PT15M",
    );
}

#[test]
fn title_case_names_and_fractions_are_no_times() {
    assert!(tag("The recall affects almost three quarters of all Xboxes sold.").is_empty());
    assert!(tag("He had chart-toppers with Jailhouse Rock and One Night.").is_empty());
    assert!(tag("It was voted Record Of The Year on the show.").is_empty());
    let v = tag("in the first three quarters of the year");
    assert_eq!(v[0].0, "the first three quarters");
    assert_eq!(v[0].2, "P3Q");
    check(
        "for several quarters of losses",
        "several quarters",
        "DURATION",
        "PXQ",
    );
    check(
        "Two days later, they left.",
        "Two days later",
        "DATE",
        "2025-01-13",
    );
    check("The Year ahead looks bleak.", "The Year", "DATE", "2025");
}
