//! Guards on the embedded page: text reaches the DOM only as text, nothing loads from elsewhere.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

fn asset(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(name),
    )
    .unwrap()
}

#[test]
fn script_never_builds_html_from_strings() {
    let js = asset("app.js");
    for banned in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        "setAttribute(\"style\"",
        "srcdoc",
        "createContextualFragment",
        "DOMParser",
    ] {
        assert!(!js.contains(banned), "app.js uses {banned}");
    }
}

#[test]
fn page_loads_nothing_from_other_origins() {
    for name in ["index.html", "app.js", "app.css"] {
        let text = asset(name);
        for line in text.lines() {
            let l = line.to_ascii_lowercase();
            let external = l.contains("src=\"http")
                || l.contains("href=\"http")
                || l.contains("url(http")
                || l.contains("@import")
                || l.contains("fetch(\"http");
            assert!(!external, "{name} loads from elsewhere: {line}");
        }
        assert!(!text.contains("<script>"), "{name} has an inline script");
    }
}

#[test]
fn basemap_is_embedded_with_attribution() {
    let world: serde_json::Value = serde_json::from_str(&asset("world.json")).unwrap();
    assert!(world["countries"].as_array().unwrap().len() > 200);
    assert!(
        world["attribution"]
            .as_str()
            .unwrap()
            .contains("Natural Earth")
    );
    assert!(asset("NOTICE.md").contains("Natural Earth"));
}
