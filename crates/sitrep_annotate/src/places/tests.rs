use super::*;

#[test]
fn precision_names_follow_the_schema() {
    assert_eq!(precision_name(Precision::Admin1), "admin1");
    assert_eq!(precision_name(Precision::Village), "village");
}
