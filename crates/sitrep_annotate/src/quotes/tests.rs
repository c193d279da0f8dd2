use super::*;
use sitrep_segment::SegmentConfig;

struct Q {
    kind: QuoteKind,
    content: String,
    cue: String,
    speaker: String,
    speaker_mention: String,
    hedge: String,
    channel: String,
}

fn find(text: &str) -> Vec<Q> {
    let seg = SegmentConfig::default().build().segment(text);
    let paragraphs: Vec<Span> = seg.paragraphs.iter().map(|p| p.span).collect();
    let sentences: Vec<Span> = seg.sentences.iter().map(|s| s.span).collect();
    let input = QuoteInput {
        paragraphs: &paragraphs,
        sentences: &sentences,
        tokens: &seg.tokens,
        ..QuoteInput::default()
    };
    let t = |s: Option<Span>| s.map_or(String::new(), |s| text[s.range()].to_owned());
    QuotesConfig::default()
        .build()
        .find(text, &input)
        .into_iter()
        .map(|q| Q {
            kind: q.kind,
            content: text[q.content.range()].to_owned(),
            cue: t(q.cue),
            speaker: q.speaker.as_ref().map_or(String::new(), |s| s.text.clone()),
            speaker_mention: t(q.speaker.as_ref().map(|s| s.span)),
            hedge: t(q.hedge),
            channel: t(q.channel),
        })
        .collect()
}

fn one(text: &str) -> Q {
    let mut v = find(text);
    assert_eq!(
        v.len(),
        1,
        "{text}: {:?}",
        v.iter()
            .map(|q| (&q.content, &q.cue, &q.speaker))
            .collect::<Vec<_>>()
    );
    v.remove(0)
}

#[test]
fn direct_styles() {
    for text in [
        "Zelensky said, “Our soldiers have apprehended two men.”",
        "Zelensky said, \"Our soldiers have apprehended two men.\"",
        "Zelensky said, «Our soldiers have apprehended two men.»",
        "Zelensky said, ‘Our soldiers have apprehended two men.’",
        "“Our soldiers have apprehended two men,” Zelensky said.",
        "“Our soldiers have apprehended two men,” said Zelensky.",
    ] {
        let q = one(text);
        assert_eq!(q.kind, QuoteKind::Direct, "{text}");
        assert!(
            q.content.starts_with("Our soldiers"),
            "{text}: {}",
            q.content
        );
        assert_eq!(q.speaker, "Zelensky", "{text}");
        assert_eq!(q.cue, "said", "{text}");
    }
}

#[test]
fn interrupted_and_multi_paragraph() {
    let q = one("“We will hold,” he said, “whatever it takes.”");
    assert!(
        q.content.starts_with("We will hold") && q.content.ends_with("takes."),
        "{}",
        q.content
    );
    assert_eq!(q.cue, "said");
    let text = "The commander said:\n“We held the line for three days.\n“Then the order came to withdraw from the village.”\nOthers disagreed.";
    let v = find(text);
    let q = v.iter().find(|q| q.kind == QuoteKind::Direct).unwrap();
    assert!(
        q.content.starts_with("We held") && q.content.ends_with("village."),
        "{}",
        q.content
    );
    assert_eq!(q.speaker, "The commander");
}

#[test]
fn reported_speech() {
    let q = one(
        "US Secretary of State Antony Blinken recently revealed that over 1,000 soldiers were killed.",
    );
    assert_eq!(q.kind, QuoteKind::Reported);
    assert_eq!(q.speaker, "US Secretary of State Antony Blinken");
    assert_eq!(q.cue, "revealed");
    assert_eq!(q.content, "that over 1,000 soldiers were killed");
    let q = one(
        "According to the SBU, both soldiers are being held under conditions that align with international law.",
    );
    assert_eq!(q.speaker, "the SBU");
    assert_eq!(q.cue, "According to");
    assert!(q.content.starts_with("both soldiers"));
    let q = one("The strike destroyed a command post, the ministry said.");
    assert_eq!(q.speaker, "the ministry");
    assert_eq!(q.content, "The strike destroyed a command post");
    let q = one("The officials told reporters the attack had failed.");
    assert_eq!(q.content, "the attack had failed");
    let q = one("Kyiv's assessment is that the offensive has stalled.");
    assert_eq!(q.speaker, "Kyiv");
    assert_eq!(q.content, "that the offensive has stalled");
}

#[test]
fn described_sources_and_hedges() {
    let q = one(
        "Assessments by Ukrainian and Western intelligence estimate that around 11,000 troops are stationed there.",
    );
    assert_eq!(q.speaker, "Ukrainian and Western intelligence");
    assert_eq!(q.hedge, "estimate");
    let q = one(
        "A spokesperson for the Ukrainian Security Service (SBU) shared that one soldier was taken.",
    );
    assert_eq!(
        q.speaker,
        "A spokesperson for the Ukrainian Security Service (SBU)"
    );
    let q =
        one("An unidentified doctor notes that the second soldier suffers from a fractured leg.");
    assert_eq!(q.speaker, "An unidentified doctor");
    let v = find(
        "Footage shows what Ukraine claims is a Russian military ID card, though CNN has obscured details.",
    );
    let q = v.iter().find(|q| q.speaker == "Ukraine").unwrap();
    assert_eq!(q.content, "a Russian military ID card");
    assert_eq!(q.hedge, "claims");
    let q = one("On Tuesday, Ukrainian forces reportedly launched a precision strike.");
    assert_eq!(q.hedge, "reportedly");
    assert_eq!(q.speaker, "");
}

#[test]
fn pronouns_and_channels() {
    let v = find("Zelensky spoke on Friday. He said that the army would hold.");
    let q = v.iter().find(|q| q.cue == "said").unwrap();
    assert_eq!(q.speaker, "Zelensky");
    assert_eq!(q.speaker_mention, "He");
    let q = one("The ministry said in a statement that the strike hit a depot.");
    assert_eq!(q.channel, "in a statement");
    assert_eq!(q.content, "that the strike hit a depot");
}

#[test]
fn scare_quotes_are_not_quotes() {
    assert!(find("The so-called “special operation” went on.").is_empty());
}

#[test]
fn double_apostrophe_quotes() {
    // Newswire (NYT) style: two apostrophes open and close.
    let q = one("''Both of our campaigns will be represented,'' Mr. Miranda said.");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.content, "Both of our campaigns will be represented,");
    assert_eq!(q.speaker, "Mr. Miranda");
}

#[test]
fn mixed_marks_close_a_quote() {
    let q = one("“We will win this state in November,\" the senator said.");
    assert_eq!(q.content, "We will win this state in November,");
    assert_eq!(q.speaker, "the senator");
}

#[test]
fn short_mid_clause_quote_is_part_of_reported_content() {
    let v = find("Obama condemned the test as a \"grave threat\" to the region, he said.");
    assert!(
        v.iter().all(|q| q.kind == QuoteKind::Reported),
        "{:?}",
        v.len()
    );
}

#[test]
fn reported_content_keeps_an_inner_quote_closed_by_a_comma() {
    let q = one(
        "Perry said his fellow Texan is ready to \"take on the cartel,\" secure the border and improve health care.",
    );
    assert_eq!(
        q.content,
        "his fellow Texan is ready to \"take on the cartel,\" secure the border and improve health care"
    );
}

#[test]
fn content_stops_before_a_second_statement() {
    let v = find("Smith praised the plan and said that the vote would be close.");
    let said = v
        .iter()
        .find(|q| q.cue == "said")
        .map(|q| q.content.as_str());
    assert_eq!(said, Some("that the vote would be close"));
    assert_eq!(
        v.iter()
            .find(|q| q.cue == "said")
            .map(|q| q.speaker.as_str()),
        Some("Smith")
    );
}

#[test]
fn postposed_attribution_with_appositive() {
    let q = one("The race will be tight, said Dan Gerstein, director of a consulting firm.");
    assert_eq!(q.content, "The race will be tight");
    assert_eq!(q.speaker, "Dan Gerstein");
}

#[test]
fn according_to_takes_the_whole_sentence() {
    let q = one("While it is not unusual, not all campaigns require it, according to John Weaver.");
    assert_eq!(
        q.content,
        "While it is not unusual, not all campaigns require it"
    );
    let q = one("Since November, according to the group, police have killed 400 protesters.");
    assert_eq!(
        q.content,
        "Since November, according to the group, police have killed 400 protesters"
    );
}

#[test]
fn asked_whether_and_labels() {
    let v = find("When asked by a reporter whether he would run, Trump said he would.");
    assert!(
        v.iter()
            .any(|q| q.cue == "asked" && q.content == "whether he would run"),
        "{:?}",
        v.iter().map(|q| &q.content).collect::<Vec<_>>()
    );
    let q = one("Q: Did the immigration service take care of you?");
    assert_eq!(q.content, "Did the immigration service take care of you?");
    assert_eq!(q.cue, ":");
    assert!(find("Note: the figures are rounded.").is_empty());
}

#[test]
fn participle_cue_takes_the_sentence_subject() {
    let v = find("Trump defended New York values on Monday, saying the city embodied bravery.");
    let q = v
        .iter()
        .find(|q| q.cue == "saying")
        .map(|q| (q.content.as_str(), q.speaker.as_str()));
    assert_eq!(q, Some(("the city embodied bravery", "Trump")));
}

#[test]
fn capitalised_ly_name_is_a_speaker() {
    let q = one("Kelly said the debate was over.");
    assert_eq!(q.speaker, "Kelly");
    assert_eq!(q.content, "the debate was over");
}

#[test]
fn byline_dash_attributes_a_quote() {
    let v = find(
        "“Mr. Trump is clueless about the struggles of minorities.” ― Edwin G. Monroy\n\n“Donald Trump scares me and my family.” ― Carla Sanchez",
    );
    let got: Vec<(&str, &str)> = v
        .iter()
        .map(|q| (q.content.as_str(), q.speaker.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "Mr. Trump is clueless about the struggles of minorities.",
                "Edwin G. Monroy"
            ),
            ("Donald Trump scares me and my family.", "Carla Sanchez"),
        ]
    );
}

#[test]
fn postposed_attribution_after_a_closing_quote() {
    let q =
        one("Trump's remarks were \"the textbook definition of a racist comment,\" Mr. Ryan said.");
    assert_eq!(q.kind, QuoteKind::Reported);
    assert_eq!(
        q.content,
        "Trump's remarks were \"the textbook definition of a racist comment,\""
    );
    assert_eq!(q.speaker, "Mr. Ryan");
}

#[test]
fn continuation_over_noun_cue_tail() {
    // `point` after a determiner is a noun, not a new attribution: the second quotation goes
    // on with the first one.
    let q = one(
        "“I would be very firm with families,” Trump said at one point during the campaign. \
         “Frankly, that will make people think about their lives.”",
    );
    assert!(
        q.content.starts_with("I would be very firm"),
        "{}",
        q.content
    );
    assert!(q.content.ends_with("about their lives."), "{}", q.content);
    assert_eq!(q.cue, "said");
    // A verb cue in the tail still separates two attributions.
    let v = find(
        "“I would be very firm with families,” Trump said, as aides pointed out the risk. \
         “Frankly, that will make people think about their lives.”",
    );
    assert!(v.len() != 1 || !v[0].content.ends_with("their lives."));
}

fn pieces(text: &str) -> Vec<Vec<String>> {
    let seg = SegmentConfig::default().build().segment(text);
    let paragraphs: Vec<Span> = seg.paragraphs.iter().map(|p| p.span).collect();
    let sentences: Vec<Span> = seg.sentences.iter().map(|s| s.span).collect();
    let input = QuoteInput {
        paragraphs: &paragraphs,
        sentences: &sentences,
        tokens: &seg.tokens,
        ..QuoteInput::default()
    };
    QuotesConfig::default()
        .build()
        .find(text, &input)
        .into_iter()
        .map(|q| {
            q.pieces
                .iter()
                .map(|p| text[p.range()].to_owned())
                .collect()
        })
        .collect()
}

#[test]
fn continuation_over_a_long_aside_is_one_quote_with_its_pieces() {
    let text = "“You're down to the number of people you can count,” Buchanan said, noting that \
                Manafort did not lose a single delegate fight when he ran the floor operation \
                for the campaign in the spring of 1976 and told rivals so. “If you're not tough, \
                you will lose.”";
    let v = find(text);
    let direct: Vec<&Q> = v.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    assert_eq!(direct.len(), 1);
    let q = direct[0];
    assert!(q.content.starts_with("You're down"), "{}", q.content);
    assert!(q.content.ends_with("you will lose."), "{}", q.content);
    assert_eq!(q.speaker, "Buchanan");
    assert!(
        pieces(text).contains(&vec![
            "You're down to the number of people you can count,".to_owned(),
            "If you're not tough, you will lose.".to_owned()
        ]),
        "{:?}",
        pieces(text)
    );
    // The participial aside between the pieces is a claim of its own.
    assert!(
        v.iter()
            .any(|q| q.kind == QuoteKind::Reported && q.content.starts_with("that Manafort"))
    );
}

#[test]
fn quoted_paragraph_after_an_attributed_one_continues_it() {
    let text = "“I am the son of an immigrant who came legally from Cuba,” he said.\n\n\
                “And I would note, try going illegally to another country.”\n\n\
                The debate went on.";
    let q = one(text);
    assert!(q.content.starts_with("I am the son"), "{}", q.content);
    assert!(q.content.ends_with("another country."), "{}", q.content);
    assert_eq!(pieces(text).first().map(Vec::len), Some(2));
    // Two paragraphs further on it is not a continuation.
    let text = "“I am the son of an immigrant who came legally from Cuba,” he said.\n\n\
                The crowd cheered for a long time.\n\n\
                “And I would note, try going illegally to another country.”";
    let v = find(text);
    assert_eq!(
        v.len(),
        2,
        "{:?}",
        v.iter().map(|q| &q.content).collect::<Vec<_>>()
    );
    assert!(v[0].content.ends_with("from Cuba,"), "{}", v[0].content);
}

#[test]
fn a_quote_followed_by_an_unknown_attribution_is_not_a_continuation() {
    // `,” he continued.`: the piece ends with a comma and a lower-case word follows it, so it
    // has an attribution of its own even without a known cue word.
    let text = "“We held the line for three days and nights,” the commander said.\n\n\
                “Well, let me put it this way,” he continued. “Nobody slept at all.”";
    let v = find(text);
    assert!(
        v[0].content.ends_with("days and nights,"),
        "{}",
        v[0].content
    );
    // A quotation inside a reported content stays there.
    let text = "“Excess capacity has a distorting effect on markets,” Mr. Lew said. He added \
                that defusing the problem was “critical to the stability of markets.”";
    let v = find(text);
    assert!(
        v[0].content.ends_with("effect on markets,"),
        "{:?}",
        v.iter().map(|q| &q.content).collect::<Vec<_>>()
    );
    assert!(
        v.iter()
            .any(|q| q.kind == QuoteKind::Reported && q.content.contains("critical to")),
        "{:?}",
        v.iter().map(|q| &q.content).collect::<Vec<_>>()
    );
}

#[test]
fn a_relative_clause_on_the_speaker_does_not_stop_a_continuation() {
    let text = "“Almost everybody was opposed to the thing,” said former Sen. Evan Bayh, a \
                moderate who declined to run for reelection after voting for it. “On Capitol \
                Hill, that’s a pretty hard thing to withstand.”";
    let v = find(text);
    let direct: Vec<&Q> = v.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    assert_eq!(
        direct.len(),
        1,
        "{:?}",
        v.iter().map(|q| &q.content).collect::<Vec<_>>()
    );
    assert!(direct[0].content.ends_with("hard thing to withstand."));
    // A claim in a sentence of its own between them does stop it.
    let text = "“Almost everybody was opposed to the thing,” said former Sen. Evan Bayh. The \
                senator declined to run for reelection. “On Capitol Hill, that’s a pretty hard \
                thing to withstand.”";
    let v = find(text);
    assert!(
        v.iter()
            .any(|q| q.kind == QuoteKind::Direct && q.content.ends_with("to the thing,")),
        "{:?}",
        v.iter().map(|q| &q.content).collect::<Vec<_>>()
    );
}

#[test]
fn a_quotation_closing_a_reported_content_is_part_of_it() {
    let v = find(
        "Durbin said on Thursday he “hand-delivered a letter to the attorney general asking \
         for an investigation of the incident.”",
    );
    assert_eq!(
        v.len(),
        1,
        "{:?}",
        v.iter().map(|q| &q.content).collect::<Vec<_>>()
    );
    assert_eq!(v[0].kind, QuoteKind::Reported);
    assert!(
        v[0].content.starts_with("he “hand-delivered"),
        "{}",
        v[0].content
    );
}

#[test]
fn reported_content_stops_at_a_contrast_after_a_comma() {
    let v = find("The minister said the talks were useful, but critics dismissed them as theatre.");
    let q = v
        .iter()
        .find(|q| q.speaker == "The minister")
        .expect("the minister's claim");
    assert_eq!(q.content, "the talks were useful");
}

#[test]
fn a_view_with_see_as_is_a_claim() {
    let v = find("Many experts see the vote as a test of the generals.");
    let q = v.iter().find(|q| q.cue == "see").unwrap_or_else(|| {
        panic!(
            "{:?}",
            v.iter()
                .map(|q| (&q.content, &q.cue, &q.speaker))
                .collect::<Vec<_>>()
        )
    });
    assert_eq!(q.content, "the vote as a test of the generals");
    assert!(q.speaker.ends_with("experts"), "{}", q.speaker);
    // Without `as` it is not.
    assert!(find("Many experts see the vote in the capital.").is_empty());
}

#[test]
fn according_to_at_the_sentence_end_without_a_comma() {
    let q = one("Clinton is now well ahead 46 percent to 39 percent according to a CBS poll.");
    assert_eq!(
        q.content,
        "Clinton is now well ahead 46 percent to 39 percent"
    );
    assert_eq!(q.cue, "according to");
    assert_eq!(q.speaker_mention, "a CBS poll");
}

fn by_cue<'a>(v: &'a [Q], cue: &str) -> &'a Q {
    v.iter()
        .find(|q| q.cue == cue)
        .unwrap_or_else(|| panic!("no quote with cue {cue:?}"))
}

#[test]
fn impressions_without_a_source() {
    let v = find("At the rally his voice seemed weaker than in past campaigns.");
    let q = by_cue(&v, "seemed");
    assert_eq!(q.content, "his voice seemed weaker than in past campaigns");
    assert_eq!(q.speaker, "");
    assert_eq!(q.hedge, "seemed");
    let v = find("It appears he has little chance of winning the nomination.");
    let q = by_cue(&v, "It appears");
    assert_eq!(q.content, "he has little chance of winning the nomination");
    // A physical appearance is not an impression.
    assert!(find("Mr. Trump appeared on Fox News on Sunday.").is_empty());
}

#[test]
fn passive_views_and_names() {
    let v = find("Mr. Sanders is widely seen as the stronger candidate.");
    let q = by_cue(&v, "is widely seen as");
    assert_eq!(
        q.content,
        "Mr. Sanders is widely seen as the stronger candidate"
    );
    assert_eq!(q.speaker, "");
    let v = find("Trump won most of the contests known as Super Tuesday.");
    let q = by_cue(&v, "known as");
    assert_eq!(q.content, "the contests known as Super Tuesday");
    let v = find("The meeting was first reported by Politico.");
    let q = by_cue(&v, "was first reported");
    assert_eq!(q.content, "The meeting");
    assert_eq!(q.speaker, "Politico");
}

#[test]
fn findings_of_polls_and_records() {
    let v = find("The poll found Clinton ahead by nine points among likely voters.");
    let q = by_cue(&v, "found");
    assert_eq!(q.speaker, "The poll");
    assert_eq!(
        q.content,
        "Clinton ahead by nine points among likely voters"
    );
    let v = find("Senate races in Ohio and Florida are close, a Quinnipiac University poll shows.");
    let q = by_cue(&v, "shows");
    assert_eq!(q.speaker, "a Quinnipiac University poll");
    assert_eq!(q.content, "Senate races in Ohio and Florida are close");
    let v = find("In the latest CBS poll, Trump's lead over Cruz narrowed to 13 points.");
    let q = by_cue(&v, "In");
    assert_eq!(q.speaker, "the latest CBS poll");
    assert_eq!(q.content, "Trump's lead over Cruz narrowed to 13 points");
    // Not a finding: the subject is not a poll, a study or a record.
    assert!(find("The police found the car near the river.").is_empty());
}

#[test]
fn stance_nouns_and_verbs() {
    let v = find("Voters noticed his support for Mr. Trump during the primaries.");
    let q = by_cue(&v, "support for");
    assert_eq!(q.speaker_mention, "his");
    assert_eq!(q.content, "Mr. Trump");
    let v = find("About three-quarters of Republicans support a temporary ban on new arrivals.");
    let q = by_cue(&v, "support");
    assert_eq!(q.content, "a temporary ban on new arrivals");
    // A noun after a determiner is not a cue.
    assert!(
        find("The support was welcome.")
            .iter()
            .all(|q| q.cue != "support")
    );
    let v = find("Ten Democrats voted against the measure.");
    let q = by_cue(&v, "voted against");
    assert_eq!(q.speaker, "Ten Democrats");
    assert_eq!(q.content, "the measure");
    let v = find("Some said they had lost their patience with him.");
    assert_eq!(by_cue(&v, "said").speaker, "Some");
}

#[test]
fn that_clause_after_an_addressee_or_adverbial() {
    let v = find(
        "Wilson told The Post and Courier newspaper of Charleston on Saturday that he voted for Rubio.",
    );
    let q = by_cue(&v, "told");
    assert_eq!(q.speaker, "Wilson");
    assert_eq!(q.content, "that he voted for Rubio");
    let v = find("As The Washington Post reported, even a split would leave Sanders far behind.");
    let q = by_cue(&v, "reported");
    assert_eq!(q.speaker, "The Washington Post");
    assert_eq!(q.content, "even a split would leave Sanders far behind");
}

#[test]
fn content_ends_before_a_closing_relative_clause() {
    let v = find("Analysts said the race would turn on Texas, which votes on March 1.");
    let q = by_cue(&v, "said");
    assert_eq!(q.content, "the race would turn on Texas");
    // A relative clause inside the content stays.
    let v = find("Analysts said the plan, which passed on Monday, will fail.");
    let q = by_cue(&v, "said");
    assert_eq!(q.content, "the plan, which passed on Monday, will fail");
}

#[test]
fn participle_quote_cue_leaves_the_earlier_claim() {
    let v = find(
        "Starr said Clinton's situation reminds him of an old book, explaining, “because what could have been.”",
    );
    let q = by_cue(&v, "said");
    assert_eq!(q.speaker, "Starr");
    assert_eq!(q.content, "Clinton's situation reminds him of an old book");
    assert_eq!(by_cue(&v, "explaining").kind, QuoteKind::Direct);
}

#[test]
fn learned_cues_read_forward_with_a_source() {
    // A cue verb the hand-written lexicon lacks, learned from PolNeAR train.
    let q = one("Senator Warren eviscerated the new tax plan.");
    assert_eq!(q.kind, QuoteKind::Reported);
    assert_eq!(q.cue, "eviscerated");
    assert_eq!(q.speaker, "Senator Warren");
    assert_eq!(q.content, "the new tax plan");
    // A learned phrasal cue, also after a form of `be`.
    let q = one("Trump was critical of the trade deal.");
    assert_eq!(q.cue, "critical of");
    assert_eq!(q.content, "the trade deal");
    // Without the learned table, nothing; and a learned cue with no source is no claim.
    let text = "Senator Warren eviscerated the new tax plan.";
    let seg = SegmentConfig::default().build().segment(text);
    let sentences: Vec<Span> = seg.sentences.iter().map(|s| s.span).collect();
    let input = QuoteInput {
        sentences: &sentences,
        tokens: &seg.tokens,
        ..QuoteInput::default()
    };
    let off = QuotesConfig {
        learned_cues: false,
        ..QuotesConfig::default()
    };
    assert!(off.build().find(text, &input).is_empty());
    assert!(find("Eviscerated the new tax plan.").is_empty());
}

#[test]
fn object_content_ends_before_the_authors_participle_clause() {
    let q =
        one("Clinton has backed a no-fly zone in Syria, putting her at odds with the president.");
    assert_eq!(q.cue, "backed");
    assert_eq!(q.content, "a no-fly zone in Syria");
    let q = one("Republican voters backed Trump, 57 percent to 22 percent.");
    assert_eq!(q.content, "Trump");
}
