use super::*;

#[test]
fn precision_names_follow_the_schema() {
    assert_eq!(precision_name(Precision::Admin1), "admin1");
    assert_eq!(precision_name(Precision::Village), "village");
}

/// Resolves `names` (in order) in `text` with the embedded gazetteer.
fn resolve_in(text: &str, names: &[&str]) -> Vec<Option<Record>> {
    let g = Gazetteer::embedded().expect("embedded gazetteer");
    let mentions = super::resolve::mentions_of(text, names);
    resolve_mentions(g, text, &mentions, &[])
        .into_iter()
        .map(|r| r.record.and_then(|i| g.record(i)).copied())
        .collect()
}

#[test]
fn seas_and_world_regions_resolve_without_an_id() {
    let g = Gazetteer::embedded().expect("embedded gazetteer");
    let text = "Tension on the Korean Peninsula, in the Middle East and the Gulf; storms over \
                the Atlantic.";
    let r = resolve_in(
        text,
        &["Korean Peninsula", "Middle East", "Gulf", "Atlantic"],
    );
    let names: Vec<&str> = r.iter().flatten().map(|x| g.name(x)).collect();
    assert_eq!(
        names,
        [
            "Korean Peninsula",
            "Middle East",
            "Persian Gulf",
            "Atlantic Ocean"
        ]
    );
    for x in r.iter().flatten() {
        assert_eq!(x.kind, FeatureKind::Continent);
        assert_eq!(x.geonames_id, 0);
        assert_eq!(x.precision(), Precision::Country);
    }
    // A region inside one country carries it, with first-level precision.
    let r = resolve_in("Farmers across the Midwest.", &["Midwest"]);
    let midwest = r[0].expect("Midwest");
    assert_eq!(midwest.cc(), "US");
    assert_eq!(midwest.precision(), Precision::Admin1);
}

#[test]
fn us_counties_resolve_in_their_state() {
    let g = Gazetteer::embedded().expect("embedded gazetteer");
    let text = "Officials in Black Hawk County, Iowa, said on Monday.";
    let r = resolve_in(text, &["Black Hawk County", "Iowa"]);
    let county = r[0].expect("county");
    assert_eq!(county.kind, FeatureKind::Admin2);
    assert_eq!(g.admin_code(county.admin1), "US.IA");
    assert_eq!(county.precision(), Precision::Admin1);
    // "Orange County" lies at the town of Orange in California, not at the state's middle.
    let r = resolve_in(
        "Fires in Orange County, California.",
        &["Orange County", "California"],
    );
    let oc = r[0].expect("Orange County");
    assert_eq!(g.admin_code(oc.admin1), "US.CA");
    let d = haversine_km(f64::from(oc.lat), f64::from(oc.lon), 33.79, -117.85);
    assert!(d < 30.0, "{d:.0} km");
}

#[test]
fn a_division_named_with_a_division_word_is_looked_up_whole() {
    let g = Gazetteer::embedded().expect("embedded gazetteer");
    // "Territory" is a division word, but "Northern Territory" is the division's own name:
    // not one of the many divisions named "Northern".
    let r = resolve_in("Fires in the Northern Territory.", &["Northern Territory"]);
    let nt = r[0].expect("Northern Territory");
    assert_eq!(g.name(&nt), "Northern Territory");
    assert_eq!(nt.cc(), "AU");
    // The Kursk cues still read the bare name.
    let r = resolve_in("Fighting in Kursk Oblast.", &["Kursk Oblast"]);
    let k = r[0].expect("Kursk Oblast");
    assert_eq!((k.kind, k.cc()), (FeatureKind::Admin1, "RU"));
}

#[test]
fn landmarks_named_for_institutions_resolve_to_the_landmark() {
    let g = Gazetteer::embedded().expect("embedded gazetteer");
    // "White House" is also a town in Tennessee; "Oval Office" names the same landmark.
    let text = "The White House said, and the Kremlin denied; a meeting in the Oval Office.";
    let r = resolve_in(text, &["White House", "Kremlin", "Oval Office"]);
    let wh = r[0].expect("White House");
    assert_eq!((g.name(&wh), wh.cc()), ("White House", "US"));
    let d = haversine_km(f64::from(wh.lat), f64::from(wh.lon), 38.8977, -77.0365);
    assert!(d < 5.0, "{d:.0} km");
    let k = r[1].expect("Kremlin");
    assert_eq!(k.cc(), "RU");
    let d = haversine_km(f64::from(k.lat), f64::from(k.lon), 55.75, 37.62);
    assert!(d < 5.0, "{d:.0} km");
    let oval = r[2].expect("Oval Office");
    assert_eq!(g.name(&oval), "White House");
}
