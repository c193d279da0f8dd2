use super::*;

/// The text of the kept runs, joined by `|` (a rough view for the tests; the real text comes
/// from `sitrep_ingest`'s converter).
fn kept(html: &str) -> String {
    let a = extract(html.as_bytes());
    assert!(a.found, "no article found in {html}");
    let tree = Tree::parse(html.as_bytes());
    tree.runs
        .iter()
        .filter(|r| a.keeps(r.start))
        .map(|r| html[r.start as usize..r.end as usize].trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("|")
}

const PARA: &str = "The ministry said on Tuesday that the talks, which began in March, would \
                    continue next week in Geneva, with both delegations expected to attend.";

fn page(body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><title>Talks resume | Example News</title></head>\
         <body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li>\
         </ul></nav><div id=\"cookie-banner\">We use cookies to improve your experience. \
         Accept all cookies to continue, or manage your settings.</div>{body}\
         <footer><p>Copyright 2024 Example News. All rights reserved, and more text here.</p>\
         </footer></body></html>"
    )
}

#[test]
fn menu_article_related_cookie_share() {
    let body = format!(
        "<main><article><h1>Talks resume</h1><div class=\"share-buttons\"><a href=\"#\">Share on \
         Facebook</a> <a href=\"#\">Tweet</a></div><div class=\"article-body\"><p>{PARA}</p>\
         <p>Second paragraph, with a comma, and <a href=\"/x\">a link</a> inside it, which \
         stays.</p><p>{PARA}</p></div><section class=\"related-stories\"><h3>Related</h3><ul>\
         <li><a href=\"/a\">Another story about something else entirely</a></li><li><a href=\
         \"/b\">Yet another story</a></li></ul></section></article></main>"
    );
    let text = kept(&page(&body));
    assert!(text.contains("The ministry said"), "{text}");
    assert!(text.contains("a link"), "{text}");
    for bad in [
        "Home",
        "cookies",
        "Share on",
        "Tweet",
        "Related",
        "Another story",
        "Copyright",
    ] {
        assert!(!text.contains(bad), "{bad} kept: {text}");
    }
}

#[test]
fn no_article_is_not_found() {
    let html = page("<div class=\"grid\"><a href=\"/a\">One</a> <a href=\"/b\">Two</a></div>");
    let a = extract(html.as_bytes());
    assert!(!a.found);
    assert!(a.ranges.is_empty());
}

#[test]
fn truncated_html_keeps_what_was_read() {
    let html = format!("<html><body><article><p>{PARA}</p><p>{PARA}</p><p>More <a href=\"x");
    let a = extract(html.as_bytes());
    assert!(a.truncated);
    assert!(a.found);
    assert!(a.keeps(html.find("The ministry").unwrap() as u32));
}

#[test]
fn json_ld_graph_dates_and_authors() {
    let html = format!(
        "<html lang=\"en-US\"><head><script type=\"application/ld+json\">{{\"@context\":\
         \"https://schema.org\",\"@graph\":[{{\"@type\":\"WebSite\",\"name\":\"Ex\"}},\
         {{\"@type\":\"NewsArticle\",\"headline\":\"Talks resume\",\"datePublished\":\
         \"2024-05-12T08:00:00+02:00\",\"dateModified\":\"2024-05-14T08:00:00Z\",\"author\":\
         [{{\"@type\":\"Person\",\"name\":\"Jane Doe\"}},{{\"name\":\"John Roe\"}}],\
         \"publisher\":{{\"name\":\"Example News\"}}}}]}}</script>\
         <meta property=\"article:modified_time\" content=\"2024-05-15\">\
         <link rel=\"canonical\" href=\"https://ex.test/talks\"></head>\
         <body><article><p>{PARA}</p></article></body></html>"
    );
    let m = extract(html.as_bytes()).meta;
    assert_eq!(m.title.as_deref(), Some("Talks resume"));
    assert_eq!(m.published, NaiveDateOpt::ymd(2024, 5, 12));
    assert_eq!(m.modified, NaiveDateOpt::ymd(2024, 5, 14));
    assert_eq!(m.authors, vec!["Jane Doe", "John Roe"]);
    assert_eq!(m.site_name.as_deref(), Some("Example News"));
    assert_eq!(m.url.as_deref(), Some("https://ex.test/talks"));
    assert_eq!(m.language.as_deref(), Some("en"));
}

struct NaiveDateOpt;
impl NaiveDateOpt {
    fn ymd(y: i32, m: u32, d: u32) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(y, m, d)
    }
}

#[test]
fn modified_is_not_published_and_visible_byline() {
    let html = format!(
        "<html><head><meta property=\"article:modified_time\" content=\"2024-05-15\"></head>\
         <body><article><div class=\"byline\">By Ann Lee | <span class=\"date\">May 3, 2024\
         </span></div><p>{PARA}</p><p>{PARA}</p></article></body></html>"
    );
    let a = extract(html.as_bytes());
    assert_eq!(a.meta.published, NaiveDateOpt::ymd(2024, 5, 3));
    assert_eq!(a.meta.modified, NaiveDateOpt::ymd(2024, 5, 15));
    assert_eq!(a.meta.authors, vec!["Ann Lee"]);
    let text = kept(&html);
    assert!(!text.contains("Ann Lee"), "{text}");
}

#[test]
fn url_date_and_meta_date() {
    let html = format!(
        "<html><head><meta property=\"og:url\" content=\"https://ex.test/2023/11/02/story/\">\
         </head><body><div class=\"content\"><p>{PARA}</p><p>{PARA}</p></div></body></html>"
    );
    assert_eq!(
        extract(html.as_bytes()).meta.published,
        NaiveDateOpt::ymd(2023, 11, 2)
    );
    let html2 = html.replace(
        "<head>",
        "<head><meta name=\"parsely-pub-date\" content=\"2023-10-30T10:00:00Z\">",
    );
    assert_eq!(
        extract(html2.as_bytes()).meta.published,
        NaiveDateOpt::ymd(2023, 10, 30)
    );
}

#[test]
fn amp_page() {
    let html = format!(
        "<!doctype html><html amp lang=\"en\"><head><meta charset=\"utf-8\"><script async \
         src=\"https://cdn.ampproject.org/v0.js\"></script><style amp-custom>p{{color:red}}</style>\
         <link rel=\"canonical\" href=\"https://ex.test/story\"></head><body><amp-sidebar \
         id=\"sidebar\" layout=\"nodisplay\"><ul><li><a href=\"/\">Home</a></li></ul>\
         </amp-sidebar><header class=\"site-header\"><a href=\"/\">Example</a></header><article>\
         <h1>Title</h1><amp-img src=\"a.jpg\" width=\"1\" height=\"1\"></amp-img><p>{PARA}</p>\
         <amp-ad type=\"doubleclick\" class=\"amp-ad\"><div>Advertisement</div></amp-ad>\
         <p>{PARA}</p></article></body></html>"
    );
    let text = kept(&html);
    assert!(text.contains("The ministry"), "{text}");
    assert!(
        !text.contains("Home") && !text.contains("Advertisement"),
        "{text}"
    );
    assert_eq!(
        extract(html.as_bytes()).meta.url.as_deref(),
        Some("https://ex.test/story")
    );
}

#[test]
fn json_ld_author_references_and_raw_newlines() {
    // Yoast-style @graph: the article names its author by @id; a raw newline inside a string
    // (invalid JSON, common in pages) does not lose the script.
    let html = format!(
        "<html><head><script type=\"application/ld+json\">{{\"@graph\":[{{\"@type\":\
         \"Article\",\"headline\":\"Talks resume\",\"description\":\"line one\nline two\",\
         \"datePublished\":\"2020-08-14\",\"author\":{{\"@id\":\"https://ex.test/#/p/1\"}}}},\
         {{\"@type\":\"Person\",\"@id\":\"https://ex.test/#/p/1\",\"name\":\"Evan Symon\"}}]}}\
         </script></head><body><article><p>{PARA}</p><p>{PARA}</p></article></body></html>"
    );
    let m = extract(html.as_bytes()).meta;
    assert_eq!(m.authors, vec!["Evan Symon"]);
    assert_eq!(m.published, NaiveDateOpt::ymd(2020, 8, 14));
}

#[test]
fn visible_bylines() {
    // "By" in plain text before a linked name; a menu link "By Invitation" is no byline.
    let html = format!(
        "<html><head><title>Talks resume</title></head><body><nav><ul><li><a href=\"/by\">\
         By Invitation</a></li></ul></nav><article><h1>Talks resume</h1><address>By <a \
         href=\"/author/tanderson/\">Tim Anderson</a></address><p>{PARA}</p><p>{PARA}</p>\
         </article></body></html>"
    );
    assert_eq!(extract(html.as_bytes()).meta.authors, vec!["Tim Anderson"]);
    // A byline component of a script-built page, with the date after the name.
    let html = format!(
        "<html><body><div data-testid=\"prism-byline\"><span>By</span> <a href=\"/team/jr\">\
         J.R. Stone</a> <span>Thursday, November 9, 2023 7:35AM</span></div><article><p>{PARA}\
         </p><p>{PARA}</p></article></body></html>"
    );
    assert_eq!(extract(html.as_bytes()).meta.authors, vec!["J.R. Stone"]);
    // The site's own name is no author.
    let html = format!(
        "<html><head><meta property=\"og:site_name\" content=\"The Planetary Press\">\
         <meta name=\"author\" content=\"The Planetary Press\"></head><body><article>\
         <p><em>Written by: <a href=\"https://elsewhere.test/x\">Julie Mollins</a></em></p>\
         <p>{PARA}</p><p>{PARA}</p></article></body></html>"
    );
    assert_eq!(extract(html.as_bytes()).meta.authors, vec!["Julie Mollins"]);
}

#[test]
fn headline_from_h1_and_site_from_url() {
    // No canonical URL: the fetch URL names the site in the <title>.
    let html = format!(
        "<html><head><title>Europas Topathleten fit - European Championships Munich 2022\
         </title></head><body><article><p>{PARA}</p><p>{PARA}</p></article></body></html>"
    );
    assert_eq!(
        extract_at(html.as_bytes(), Some("https://www.munich2022.com/de/x"))
            .meta
            .title
            .as_deref(),
        Some("Europas Topathleten fit")
    );
    // og:title is a shorter social variant of the visible headline.
    let html = format!(
        "<html><head><meta property=\"og:title\" content=\"How to Care for Hydrangeas\">\
         </head><body><header><h1 class=\"logo\">Real Simple</h1></header><article><h1>How to \
         Care for Hydrangeas to Get the Most Beautiful Blooms</h1><p>{PARA}</p><p>{PARA}</p>\
         </article></body></html>"
    );
    assert_eq!(
        extract_at(html.as_bytes(), Some("https://www.realsimple.com/x"))
            .meta
            .title
            .as_deref(),
        Some("How to Care for Hydrangeas to Get the Most Beautiful Blooms")
    );
}

#[test]
fn dates_from_url_and_edit_notes() {
    // A UTC timestamp one day after the URL's date: the URL's (local) date stands.
    let html = format!(
        "<html><head><meta property=\"article:published_time\" content=\
         \"2020-02-25T02:25:54+00:00\"><link rel=\"canonical\" href=\
         \"https://pagesix.test/2020/02/24/story/\"></head><body><article><p>{PARA}</p>\
         <p>{PARA}</p></article></body></html>"
    );
    assert_eq!(
        extract(html.as_bytes()).meta.published,
        NaiveDateOpt::ymd(2020, 2, 24)
    );
    // Farther apart, the page's own timestamp stands.
    let far = html.replace("2020-02-25T02", "2020-02-27T02");
    assert_eq!(
        extract(far.as_bytes()).meta.published,
        NaiveDateOpt::ymd(2020, 2, 27)
    );
    // A wiki page dated only by its "last edited" note.
    let html = format!(
        "<html><body><div id=\"content\"><p>{PARA}</p><p>{PARA}</p></div><p id=\"pageinfo\">\
         BeginnersGuide/Download (last edited 2019-11-10 13:28:18 by <a href=\"/u\">Mats</a>)\
         </p></body></html>"
    );
    assert_eq!(
        extract(html.as_bytes()).meta.published,
        NaiveDateOpt::ymd(2019, 11, 10)
    );
    // Dates in running text are not the page's date.
    let html = format!(
        "<html><body><article><p>{PARA}</p><p>Born 24 November 1994.</p></article></body></html>"
    );
    assert_eq!(extract(html.as_bytes()).meta.published, None);
}

/// Debug output of the scorer (printed by the ignored `explain` test).
pub(super) fn debug(line: String) {
    if std::env::var_os("ARTICLE_DEBUG").is_some() {
        eprintln!("{line}");
    }
}

/// `ARTICLE_DEBUG=1 ARTICLE_FILE=page.html cargo test -p sitrep_clean explain -- --ignored`
#[test]
#[ignore]
fn explain() {
    let Some(path) = std::env::var_os("ARTICLE_FILE") else {
        return;
    };
    let raw = std::fs::read(path).unwrap();
    let a = extract(&raw);
    eprintln!(
        "found {} ranges {} meta {:?}",
        a.found,
        a.ranges.len(),
        a.meta
    );
}

#[test]
fn byline_update_date_wins_over_metadata() {
    // The byline under the headline shows only the update: the page dates itself by it.
    let html = format!(
        "<html><head><script type=\"application/ld+json\">{{\"@type\":\"Article\",\
         \"datePublished\":\"2019-10-15T16:59:59.000Z\",\"dateModified\":\
         \"2020-03-12T14:42:17.000Z\"}}</script></head><body><article><h1>Dead skin cells\
         </h1><div class=\"byline\"><span>By Jane Doe</span></div><div class=\"published-date\
         \">Updated Mar 12, 2020 @ 10:42 am</div><p>{PARA}</p><p>{PARA}</p></article></body>\
         </html>"
    );
    let m = extract(html.as_bytes()).meta;
    assert_eq!(m.published, NaiveDateOpt::ymd(2020, 3, 12));
    // "Last updated ..., originally created ...": the first label shown.
    let html = format!(
        "<html><head><meta property=\"article:published_time\" content=\"2019-06-17\"></head>\
         <body><h1>Faster Docker builds</h1><p class=\"meta\">Last updated 04 Jun 2020, \
         originally created 17 Jun 2019</p><article><p>{PARA}</p><p>{PARA}</p></article>\
         </body></html>"
    );
    assert_eq!(
        extract(html.as_bytes()).meta.published,
        NaiveDateOpt::ymd(2020, 6, 4)
    );
    // "Published ... Updated ...": the publication.
    let html = format!(
        "<html><head><meta property=\"article:modified_time\" content=\"2020-09-28\"></head>\
         <body><h1>Food</h1><p>Published: 22:00 GMT, 26 September 2020 | Updated: 08:39 GMT, \
         28 September 2020</p><article><p>{PARA}</p><p>{PARA}</p></article></body></html>"
    );
    assert_eq!(
        extract(html.as_bytes()).meta.published,
        NaiveDateOpt::ymd(2020, 9, 26)
    );
    // A label without a date near it, and dates in comments, are not bylines.
    let html = format!(
        "<html><head><meta property=\"article:published_time\" content=\"2021-01-05\"></head>\
         <body><h1>Story</h1><p>This page is updated daily with new figures from the ministry of \
         health, as of March 3, 2021</p><article><p>{PARA}</p><p>{PARA}</p></article>\
         <div class=\"comments\"><p>Posted on March 9, 2021 by reader</p></div></body></html>"
    );
    assert_eq!(
        extract(html.as_bytes()).meta.published,
        NaiveDateOpt::ymd(2021, 1, 5)
    );
    // Dates of other stories listed between the headline and the article are not its byline.
    let html = format!(
        "<html><head><meta property=\"article:published_time\" content=\"2021-01-05\"></head>\
         <body><div class=\"with-sidebar-right\"><h1>Story</h1><div class=\"related-posts\">\
         <ul><li><div><a href=\"/a\">Another story</a><span>Posted on March 9, 2021</span>\
         </div></li></ul></div><article><p>{PARA}</p><p>{PARA}</p></article></div></body></html>"
    );
    assert_eq!(
        extract(html.as_bytes()).meta.published,
        NaiveDateOpt::ymd(2021, 1, 5)
    );
}

#[test]
fn signed_ending_gives_author_and_date() {
    let html = format!(
        "<html><body><main><article><div class=\"post\"><p>{PARA}</p><p>{PARA}</p>\
         <p>In dem Sinne: So Long, and Thanks for All the Fish!</p>\n<p>Benni<br />\n10. \
         September 2017</p>\n\n        </div>\n    </article>\n</main>\n<footer><a href=\"/\
         datenschutz\">Datenschutz</a></footer></body></html>"
    );
    let a = extract(html.as_bytes());
    assert_eq!(a.meta.authors, vec!["Benni"]);
    assert_eq!(a.meta.published, NaiveDateOpt::ymd(2017, 9, 10));
    // A closing sentence with a date is not a signature.
    let html = html.replace("Benni<br />", "The shop closed for good on");
    let a = extract(html.as_bytes());
    assert!(a.meta.authors.is_empty(), "{:?}", a.meta.authors);
    assert_eq!(a.meta.published, None);
}

#[test]
fn authors_from_edit_notes_creators_and_full_names() {
    // A wiki page: its last editor.
    let html = format!(
        "<html><body><div id=\"content\"><p>{PARA}</p><p>{PARA}</p></div><p id=\"pageinfo\">\
         BeginnersGuide/Download (last edited 2019-11-10 13:28:18 by <span title=\"MatsWichmann \
         @ example\"><a href=\"/moin/MatsWichmann\">MatsWichmann</a></span>)</p></body></html>"
    );
    assert_eq!(extract(html.as_bytes()).meta.authors, vec!["MatsWichmann"]);
    // A plain-name twitter:creator, not a @handle.
    let page = |creator: &str| {
        format!(
            "<html><head><meta name=\"twitter:creator\" content=\"{creator}\"></head><body>\
             <article><p>{PARA}</p><p>{PARA}</p></article></body></html>"
        )
    };
    assert_eq!(
        extract(page("delta201").as_bytes()).meta.authors,
        vec!["delta201"]
    );
    assert!(
        extract(page("@newsdesk").as_bytes())
            .meta
            .authors
            .is_empty()
    );
    // A first name in JSON-LD, the full name shown on the page.
    let html = format!(
        "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
         \"author\":{{\"@type\":\"Person\",\"name\":\"Todd\"}}}}</script></head><body>\
         <article><div class=\"contact\"><p class='full-name'>Todd Bates</p></div><p>{PARA}\
         </p><p>Todd Brown said the robot works.</p><p>{PARA}</p></article></body></html>"
    );
    assert_eq!(extract(html.as_bytes()).meta.authors, vec!["Todd Bates"]);
}

#[test]
fn captions_credits_datelines_and_calls_to_action() {
    let body = format!(
        "<article><div class=\"metaline\"><time datetime=\"2019-01-11\" class=\"dateline\">\
         11 Jan 2019</time></div><p>{PARA}</p><figure><img src=\"a.jpg\" alt=\"\"><figcaption>\
         <em>Jill Binder, speaking at a WordCamp</em></figcaption></figure><p>{PARA}</p>\
         <p><img src=\"g.png\" alt=\"graph\"><br><em>(Credit: Clayton Aldern / Grist)</em></p>\
         <figure><img src=\"b.jpg\"><figcaption>With a bowler hat, a set of false lashes and a \
         painted moustache, this costume takes ten minutes, costs next to nothing and works for \
         any party you are invited to this year, whether it is at home, at the office or in \
         the pub down the road.</figcaption></figure>\
         <p>Born on 12 May 2001, she moved to Geneva.</p><p>{PARA}</p>\
         <section class=\"c-letters-cta\"><p class=\"c-letters-cta__text\">We want to hear \
         what you think about this article. <a href=\"/letters/\">Submit a letter</a> to the \
         editor.</p></section><div class=\"recipePartCopyRight\"><p>\u{a9} 2020 \
         General Mills</p></div><p>\u{a9} Thomson Reuters 2020</p></article>"
    );
    let text = kept(&page(&body));
    for bad in [
        "11 Jan 2019",
        "Jill Binder",
        "Credit:",
        "Clayton",
        "We want to hear",
        "General Mills",
        "Thomson Reuters",
    ] {
        assert!(!text.contains(bad), "{bad} kept: {text}");
    }
    for good in [
        "The ministry said",
        "With a bowler hat",
        "Born on 12 May 2001",
    ] {
        assert!(text.contains(good), "{good} dropped: {text}");
    }
}

#[test]
fn standfirst_repeating_the_description() {
    let html = |desc: &str, title: &str| {
        format!(
            "<html><head><title>{title}</title><meta property=\"og:description\" content=\
             \"{desc}\"></head><body><header class=\"article-header\"><h1>{title}</h1>\
             <p class=\"font-brand\">We&#039;re about to get 20 terabyte hard drives, but the \
             path looks clear to scale up to 80TB.</p><p class=\"promo\">Sign up for our daily \
             newsletter and never miss a story again.</p></header><div class=\"article-body\">\
             <p>{PARA}</p><p>{PARA}</p></div></body></html>"
        )
    };
    let page = html(
        "We&#039;re about to get 20 terabyte hard drives, but the path looks clear to scale up \
         to 80TB.",
        "Next-Gen HAMR Platters Promise 80TB Hard Drives",
    );
    let text = kept(&page);
    assert!(
        text.starts_with("We&#039;re about to get 20 terabyte"),
        "{text}"
    );
    assert!(!text.contains("Sign up"), "{text}");
    // A description cut short matches the start of the standfirst.
    let cut = html(
        "We're about to get 20 terabyte hard drives, but the path looks clear\u{2026}",
        "Next-Gen HAMR Platters",
    );
    assert!(kept(&cut).contains("20 terabyte"), "{}", kept(&cut));
    // Another description: nothing added.
    let other = html(
        "Seagate and Western Digital both plan bigger drives for the data centres of 2026.",
        "Next-Gen HAMR Platters",
    );
    assert!(!kept(&other).contains("20 terabyte"), "{}", kept(&other));
}

#[test]
fn misleading_class_around_the_whole_post() {
    // "sidebar_content" is the column next to the sidebar, not the sidebar.
    let body = format!(
        "<section id=\"contents\"><div class=\"sidebar_content\"><div class=\"post hentry\">\
         <h2 class=\"entry-title\">Hunter found dead</h2><p>{PARA}</p><p>{PARA}</p><p>Two \
         loggers have since claimed that they had heard when the hunter was shot.</p></div>\
         </div><div class=\"sidebar\"><h3>Latest</h3><ul><li><a href=\"/a\">Coalition Govt \
         short-changed judiciary in 2018</a></li><li><a href=\"/b\">Club 40overs cricket...</a>\
         </li></ul></div></section>"
    );
    let text = kept(&page(&body));
    assert!(text.contains("they had heard when"), "{text}");
    assert!(!text.contains("Coalition"), "{text}");
    assert!(!text.contains("cookies"), "{text}");
}

#[test]
fn class_words_are_judged_by_substrings() {
    assert!(hint_lists("td-post-content").body);
    assert!(hint_lists("jp-relatedposts").negative);
    assert!(hint_lists("recipecopyright").negative);
    assert!(!hint_lists("headline").negative);
    let none = hint_lists("");
    assert!(!none.body && !none.negative && !none.positive);
    assert!(hint_lists("main").positive);
    // Overlapping patterns of different lists are all found: "article-body" holds the body
    // mark itself and the content word "article".
    let both = hint_lists("article-body");
    assert!(both.body && both.positive && !both.negative);
    // Every pattern is found in itself and reported under its own list.
    for p in BODY_MARKS {
        assert!(hint_lists(p).body, "{p}");
    }
    for p in NEG_STRONG {
        assert!(hint_lists(p).negative, "{p}");
    }
    for p in POS {
        assert!(hint_lists(p).positive, "{p}");
    }
    let h = judge("c-letters-cta article-body", "");
    assert!(h.body && !h.negative);
    let h = judge("c-letters-cta", "");
    assert!(h.negative && !h.body);
}

#[test]
fn subscription_prompts_in_the_body() {
    let body = format!(
        "<article><div class=\"entry-content\"><p>{PARA}</p><p>To view the full story, please \
         subscribe to&nbsp;<a href=\"/product/yearly/\">The Haitian Times</a>. You can choose \
         a&nbsp;<a href=\"/y\">$60 Annual Subscription&nbsp;</a>or a <a href=\"/w\">$5 Weekly \
         Pass</a>.</p><p>Readers who subscribe to the newsletter in the spring often read the \
         blog in the evening, the survey found, and stay subscribers for years.</p><p>If \
         you&#8217;re seeing this message but you&#8217;re already a subscriber, you can log in \
         for immediate access to this story.</p><p>{PARA}</p></div></article>"
    );
    let text = kept(&page(&body));
    assert!(!text.contains("To view the full story"), "{text}");
    assert!(!text.contains("already a subscriber"), "{text}");
    assert!(text.contains("blog in the evening"), "{text}");
}

#[test]
fn siblings_of_the_chosen_container_join() {
    // The story's last paragraph sits next to its container, not in it (a common template
    // bug); a list of links next to it stays out.
    let body = format!(
        "<div id=\"wrap\"><div class=\"story\"><p>{PARA}</p><p>{PARA}</p><p>{PARA}</p></div>\
         <p>Officials from both sides declined to comment on the schedule of the talks on \
         Tuesday evening.</p><div><a href=\"/a\">Another story about something else</a> \
         <a href=\"/b\">And one more story about other things</a></div></div>"
    );
    let text = kept(&page(&body));
    assert!(text.contains("declined to comment"), "{text}");
    assert!(!text.contains("Another story"), "{text}");
}

#[test]
fn paragraphs_spread_over_the_page_fall_back_to_all_paragraphs() {
    // Each paragraph deep in its own wrapper: no container holds the story, so the page's
    // paragraphs outside furniture are kept (trafilatura's baseline).
    let one = |t: &str| format!("<section><div><div><div><p>{t}</p></div></div></div></section>");
    let body = format!(
        "{}{}{}{}",
        one(PARA),
        one("A second paragraph, with more detail, about the talks and the two delegations."),
        one("A third paragraph, on the history of the dispute, which goes back many years."),
        one("The fourth paragraph says, in short, that nobody expects a quick result now.")
    );
    let text = kept(&page(&body));
    for want in ["The ministry said", "A second", "A third", "The fourth"] {
        assert!(text.contains(want), "{want} missing: {text}");
    }
    assert!(!text.contains("cookies"), "{text}");
}

#[test]
fn weak_class_parts_do_not_drop_long_linkless_blocks() {
    // `header-content-align-left` styles a recipe card: the `header` part alone does not make
    // furniture of 400+ characters without links; a short `header` bar and a long `hidden`
    // copy stay out.
    let steps: String = (1..=6)
        .map(|i| {
            format!(
                "<li>Step {i}: stir the noodles with the sauce in the wok over a high flame \
                 until they are glossy.</li>"
            )
        })
        .collect();
    let body = format!(
        "<article><div class=\"entry-content\"><p>{PARA}</p><p>{PARA}</p>\
         <div class=\"recipe-card header-content-align-left\"><ul>{steps}</ul></div>\
         <div class=\"entry-header-bar\"><a href=\"/p\">Print</a> <a href=\"/s\">Save</a> \
         Jump to recipe</div><div class=\"hidden-copy\"><p>{PARA} Copy kept for printing, \
         {PARA} {PARA}</p></div></div></article>"
    );
    let text = kept(&page(&body));
    assert!(text.contains("Step 3: stir"), "{text}");
    assert!(!text.contains("Jump to recipe"), "{text}");
    assert!(!text.contains("Copy kept"), "{text}");
}

#[test]
fn scraps_do_not_widen_the_choice() {
    // A blog template: the post next to a calendar and an archive list of short labels.
    // Many scraps add up to more text than a quarter of the post, but they are no article.
    let days: String = (1..=31).map(|d| format!("<td>{d}</td>")).collect();
    let months: String = [
        "October 2019",
        "June 2018",
        "July 2017",
        "May 2017",
        "July 2016",
    ]
    .iter()
    .map(|m| format!("<li>{m} (1)</li>"))
    .collect();
    let body = format!(
        "<div id=\"main\"><div class=\"entry\"><p>{PARA}</p><p>{PARA}</p></div>\
         <p>Posted by Konstantin @ 12:00 am</p><table><tr>{days}</tr></table><ul>{months}</ul>\
         </div>"
    );
    let text = kept(&page(&body));
    assert!(text.contains("The ministry said"), "{text}");
    assert!(!text.contains("October 2019"), "{text}");
    assert!(!text.contains("Posted by"), "{text}");
}

#[test]
fn captions_by_class_are_captions() {
    let body = format!(
        "<article><div class=\"entry-content\"><p>{PARA}</p><div id=\"attachment_1\" \
         class=\"wp-caption alignnone\"><img src=\"a.jpg\" alt=\"\"><div \
         class=\"wp-caption-text\">Prince William and Harry in 2014</div></div><p>{PARA}</p>\
         </div></article>"
    );
    let text = kept(&page(&body));
    assert!(text.contains("The ministry said"), "{text}");
    assert!(!text.contains("Prince William"), "{text}");
}

#[test]
fn headings_that_end_the_text_are_dropped() {
    // The related list under the heading is dropped as links; its heading heads nothing.
    let body = format!(
        "<article><div class=\"entry-content\"><h2>The talks</h2><p>{PARA}</p><p>{PARA}</p>\
         <h3>Further Reading</h3><h4>Storage Reviews</h4><ul><li><a href=\"/a\">The best hard \
         drives of the year</a></li><li><a href=\"/b\">The best SSDs</a></li></ul></div>\
         </article>"
    );
    let text = kept(&page(&body));
    assert!(text.contains("The talks"), "{text}");
    assert!(text.ends_with("delegations expected to attend."), "{text}");
}
