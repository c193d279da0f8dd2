//! The HTTP API in process (`oneshot`) and over a real socket.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::Value;
use sitrep_model::{DocMeta, Document, Span};
use sitrep_server::{AppState, router};
use sitrep_store::Store;
use sitrep_store_sqlite::SqliteStore;
use std::sync::Arc;
use tower::ServiceExt as _;

const XSS_TEXT: &str = "Breaking: <script>window.__xss=1</script> and <img src=x onerror=\"window.__xss=2\"> \
     plus <a href=\"javascript:window.__xss=3\">click</a> in Kyiv – “quoted” 😀 text.";

const CLUSTER_ID: &str = "c1:7";

struct Fixture {
    store: Arc<SqliteStore>,
    docs: Vec<Document>,
    xss: Document,
}

fn fixture() -> Fixture {
    let store = Arc::new(SqliteStore::open_in_memory().unwrap());
    let docs = sitrep_store::conformance::event_documents().unwrap();
    store.put_documents(&docs).unwrap();
    let cluster = sitrep_store::conformance::sample_cluster(
        CLUSTER_ID,
        "2025-01-09",
        &[docs[0].id(), docs[1].id()],
    );
    store.put_event_clusters(&[cluster]).unwrap();
    let meta = DocMeta {
        title: Some("<img src=x onerror=alert(1)> title".into()),
        published: "2025-01-12".parse().ok(),
        media_type: "text/plain".into(),
        ..DocMeta::default()
    };
    let mut xss = Document::from_text(meta, XSS_TEXT).unwrap();
    let pos = XSS_TEXT.find("Kyiv").unwrap();
    let id = xss.alloc_id();
    xss.entities.push(sitrep_model::Entity {
        id,
        span: Span::from_usize(pos, pos + 4).unwrap(),
        kind: sitrep_model::EntityKind::Place,
        canonical: "Kyiv".into(),
        cluster: 1,
        role: None,
        country: Some("UKR".into()),
        organisation: None,
    });
    let pos = XSS_TEXT.find("text").unwrap();
    let id = xss.alloc_id();
    xss.dates.push(sitrep_model::DateMention {
        id,
        span: Span::from_usize(pos, pos + 4).unwrap(),
        timex_type: sitrep_model::TimexType::Date,
        value: "2025-01-12".into(),
        start: "2025-01-12".parse().ok(),
        end: "2025-01-12".parse().ok(),
    });
    xss.sort_layers();
    xss.validate().unwrap();
    store.put_documents(std::slice::from_ref(&xss)).unwrap();
    Fixture { store, docs, xss }
}

fn app(f: &Fixture) -> axum::Router {
    router(AppState::new(f.store.clone()))
}

struct Res {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Res {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }
    fn header(&self, name: header::HeaderName) -> String {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    }
}

async fn send(app: &axum::Router, req: Request<Body>) -> Res {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Res {
        status,
        headers,
        body,
    }
}

async fn get(app: &axum::Router, uri: &str) -> Res {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn ok_json(app: &axum::Router, uri: &str) -> Value {
    let r = get(app, uri).await;
    assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.text());
    r.json()
}

#[tokio::test]
async fn documents_list_search_and_page() {
    let f = fixture();
    let app = app(&f);
    let v = ok_json(&app, "/api/documents").await;
    assert_eq!(v["total"], 4);
    let dates: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["published"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        ["2025-01-12", "2025-01-11", "2024-12-31", "2024-08-06"]
    );
    let v = ok_json(&app, "/api/documents?offset=1&limit=2").await;
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
    assert_eq!(v["items"][0]["published"], "2025-01-11");
    let v = ok_json(&app, "/api/documents?q=kursk&limit=1").await;
    assert_eq!(v["total"], 2);
    assert_eq!(v["items"].as_array().unwrap().len(), 1);
    assert!(
        v["items"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("[Kursk]")
    );
}

#[tokio::test]
async fn one_document_with_byte_and_utf16_offsets() {
    let f = fixture();
    let app = app(&f);
    let id = f.xss.id();
    let v = ok_json(&app, &format!("/api/documents/{id}")).await;
    assert_eq!(v["schema"], "sitrep/1");
    assert_eq!(v["text"], XSS_TEXT);
    let e = &v["entities"][0]["span"];
    assert_eq!(e["text"], "Kyiv");
    assert!(e.get("start_utf16").is_none());
    let v = ok_json(&app, &format!("/api/documents/{id}?offsets=utf16")).await;
    assert_eq!(v["offsets"], "utf16");
    for layer in ["entities", "dates"] {
        let span = &v[layer][0]["span"];
        let (b, s16, e16) = (
            span["start"].as_u64().unwrap() as usize,
            span["start_utf16"].as_u64().unwrap() as usize,
            span["end_utf16"].as_u64().unwrap() as usize,
        );
        assert_eq!(s16, XSS_TEXT[..b].encode_utf16().count());
        let units: Vec<u16> = XSS_TEXT.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[s16..e16]).unwrap(),
            span["text"].as_str().unwrap()
        );
    }
    // The date after the emoji: UTF-16 offsets differ from byte offsets.
    let d = &v["dates"][0]["span"];
    assert_ne!(d["start"], d["start_utf16"]);

    let r = get(&app, "/api/documents/0000000000000000").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["error"], "not_found");
    let r = get(&app, &format!("/api/documents/{id}?offsets=chars")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["parameter"], "offsets");
    let r = get(&app, "/api/documents/..%2F..%2Fetc").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["parameter"], "id");
}

#[tokio::test]
async fn events_filter_sort_and_page() {
    let f = fixture();
    let app = app(&f);
    let v = ok_json(&app, "/api/events").await;
    assert_eq!(v["total"], 4);
    let first = &v["items"][0];
    assert_eq!(first["event"]["type"], "FIGHT");
    assert_eq!(first["event"]["trigger"]["text"], "fought");
    assert_eq!(first["doc"]["title"], "Shelling in Kursk");
    assert_eq!(first["place"]["name"], "Sudzha");
    let text = first["event"]["span"]["text"].as_str().unwrap();
    assert!(first.get("text").is_none());
    let [s, e] = [
        first["trigger"][0].as_u64().unwrap(),
        first["trigger"][1].as_u64().unwrap(),
    ];
    let units: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&units[s as usize..e as usize]).unwrap(),
        "fought"
    );

    let cases = [
        ("type=ASSAULT", 2),
        ("type=MOBILIZE&type=FIGHT", 2),
        ("type=MOBILIZE,FIGHT", 2),
        ("acled_type=Battles", 1),
        ("acled_type=Explosions%2FRemote%20violence", 2),
        ("actor_country=ukr", 2),
        ("target_country=RUS", 1),
        ("modality=negated,hedged", 2),
        ("bbox=35,51,37,52", 2),
        ("date_from=2025-01-01&date_to=2025-01-31", 2),
        ("text=Kharkiv", 1),
        ("text=", 4),
        (&format!("doc={}", f.docs[0].id()), 2),
        ("type=ASSAULT&actor_country=RUS", 1),
    ];
    for (q, want) in cases {
        let v = ok_json(&app, &format!("/api/events?{q}")).await;
        assert_eq!(v["total"], want, "{q}");
        assert_eq!(v["items"].as_array().unwrap().len(), want, "{q}");
    }
    let v = ok_json(&app, "/api/events?sort=confidence&offset=1&limit=2").await;
    let conf: Vec<f64> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["event"]["confidence"].as_f64().unwrap())
        .collect();
    assert_eq!(v["total"], 4);
    assert_eq!(conf.len(), 2);
    assert!(
        (conf[0] - 0.6).abs() < 1e-6 && (conf[1] - 0.7).abs() < 1e-6,
        "{conf:?}"
    );
}

#[tokio::test]
async fn bad_parameters_are_named() {
    let f = fixture();
    let app = app(&f);
    let cases = [
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=5000", "limit"),
        ("/api/events?limit=ten", "limit"),
        ("/api/events?offset=-1", "offset"),
        ("/api/events?bbox=1,2,3", "bbox"),
        ("/api/events?bbox=0,91,1,92", "bbox"),
        ("/api/events?date_from=2025-13-01", "date_from"),
        (
            "/api/events?date_from=2025-02-01&date_to=2025-01-01",
            "date_to",
        ),
        ("/api/events?modality=likely", "modality"),
        ("/api/events?sort=colour", "sort"),
        ("/api/events?actor_country=Ukraine", "actor_country"),
        ("/api/events?target_country=U1A", "target_country"),
        ("/api/events?typo=1", "typo"),
        ("/api/events?limit=1&limit=2", "limit"),
        ("/api/events?doc=%3Cscript%3E", "doc"),
        ("/api/events/timeline?sort=date", "sort"),
        ("/api/events.csv?limit=100001", "limit"),
        ("/api/places?country=Russia", "country"),
        ("/api/entities?kind=ALIEN", "kind"),
        ("/api/documents?limit=x", "limit"),
        ("/api/stats?x=1", "x"),
    ];
    for (uri, param) in cases {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}: {}", r.text());
        assert!(
            r.header(header::CONTENT_TYPE)
                .starts_with("application/json")
        );
        let v = r.json();
        assert_eq!(v["error"], "bad_parameter", "{uri}");
        assert_eq!(v["parameter"], param, "{uri}: {v}");
        assert!(!v["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn timeline_facets_places_entities() {
    let f = fixture();
    let app = app(&f);
    let v = ok_json(&app, "/api/events/timeline").await;
    assert_eq!(
        v["types"],
        serde_json::json!(["ASSAULT", "FIGHT", "MOBILIZE"])
    );
    assert_eq!(v["days"].as_array().unwrap().len(), 4);
    assert_eq!(v["days"][0]["day"], "2024-08-05");
    assert_eq!(v["days"][0]["counts"]["ASSAULT"], 1);
    assert_eq!(v["days"][0]["total"], 1);
    let v = ok_json(&app, "/api/events/timeline?type=FIGHT").await;
    assert_eq!(v["days"].as_array().unwrap().len(), 1);
    let v = ok_json(&app, "/api/events/facets").await;
    assert_eq!(v["types"][0]["value"], "ASSAULT");
    assert_eq!(v["types"][0]["count"], 2);
    assert_eq!(v["first_day"], "2024-08-05");
    let v = ok_json(&app, "/api/places").await;
    assert_eq!(v["total"], 4);
    assert_eq!(v["items"][0]["name"], "Kursk");
    assert_eq!(v["items"][0]["mentions"], 2);
    let v = ok_json(&app, "/api/places?bbox=20,49,30,50").await;
    assert_eq!(v["items"][0]["name"], "Lviv");
    let v = ok_json(&app, "/api/entities?kind=place&limit=2").await;
    assert_eq!(v["total"], 5);
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
    let v = ok_json(&app, "/api/entities?q=kyiv").await;
    assert_eq!(v["total"], 1);
}

/// Splits one CSV line (RFC 4180 quoting).
fn csv_fields(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    out.push(cur);
    out
}

#[tokio::test]
async fn csv_export_has_acled_columns_and_is_defused() {
    let f = fixture();
    let app = app(&f);
    let r = get(&app, "/api/events.csv?sort=date").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header(header::CONTENT_TYPE).starts_with("text/csv"));
    assert!(r.header(header::CONTENT_DISPOSITION).contains("attachment"));
    let text = r.text();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(lines[0].starts_with("event_id_cnty,event_date,year,time_precision,event_type"));
    let header: Vec<&str> = lines[0].split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    // The oldest event: Kharkiv, 2024-08-05, hedged.
    let row = csv_fields(lines[1]);
    let row: Vec<&str> = row.iter().map(String::as_str).collect();
    assert_eq!(row.len(), header.len());
    assert_eq!(row[col("event_date")], "2024-08-05");
    assert_eq!(row[col("year")], "2024");
    assert_eq!(row[col("event_type")], "Explosions/Remote violence");
    assert_eq!(row[col("location")], "Kharkiv");
    assert_eq!(row[col("latitude")], "49.99");
    assert_eq!(row[col("modality")], "hedged");
    // The sentence has a comma, so it is quoted.
    assert!(lines[1].contains("\"Drones struck Kharkiv overnight, officials said.\""));
    let v = ok_json(&app, "/api/events.geojson?type=ASSAULT").await;
    assert_eq!(v["type"], "FeatureCollection");
    assert_eq!(v["features"].as_array().unwrap().len(), 2);
    let coords = &v["features"][0]["geometry"]["coordinates"];
    assert!(coords[0].as_f64().unwrap() > 30.0 && coords[1].as_f64().unwrap() > 45.0);
    let v = ok_json(&app, "/api/places.geojson").await;
    assert_eq!(v["features"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn openapi_documents_every_route_and_its_examples_work() {
    let f = fixture();
    let app = app(&f);
    let doc = ok_json(&app, "/api/openapi.json").await;
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for route in sitrep_server::API_ROUTES {
        assert!(paths.contains_key(*route), "{route} is not documented");
    }
    assert_eq!(paths.len(), sitrep_server::API_ROUTES.len());
    let id = f.docs[0].id();
    for (path, item) in paths {
        let params = item["get"]["parameters"].as_array().unwrap();
        let query: Vec<String> = params
            .iter()
            .filter(|p| p["in"] == "query")
            .filter(|p| p["name"] != "doc")
            .map(|p| {
                let ex = match &p["example"] {
                    Value::String(s) => s.replace(' ', "%20"),
                    other => other.to_string(),
                };
                format!("{}={ex}", p["name"].as_str().unwrap())
            })
            .collect();
        let path_id = if path.starts_with("/api/clusters/") {
            CLUSTER_ID
        } else {
            id
        };
        let uri = format!("{}?{}", path.replace("{id}", path_id), query.join("&"));
        let r = get(&app, &uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.text());
    }
}

#[tokio::test]
async fn page_and_assets_are_served_with_a_strict_policy() {
    let f = fixture();
    let app = app(&f);
    let r = get(&app, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header(header::CONTENT_TYPE).starts_with("text/html"));
    let csp = r.header(header::CONTENT_SECURITY_POLICY);
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(r.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    for (path, ty) in [
        ("/assets/app.js", "text/javascript"),
        ("/assets/app.css", "text/css"),
        ("/assets/world.json", "application/json"),
    ] {
        let r = get(&app, path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(r.header(header::CONTENT_TYPE).starts_with(ty), "{path}");
        assert!(!r.body.is_empty(), "{path}");
    }
    let r = get(&app, "/api/nothing").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["error"], "not_found");
    // Read-only: nothing but GET.
    for method in ["POST", "PUT", "DELETE"] {
        let req = Request::builder()
            .method(method)
            .uri("/api/events")
            .body(Body::empty())
            .unwrap();
        let r = send(&app, req).await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
    }
}

const TRAVERSALS: &[&str] = &[
    "/assets/../Cargo.toml",
    "/assets/../../Cargo.toml",
    "/assets/..%2F..%2FCargo.toml",
    "/assets/%2e%2e/%2e%2e/Cargo.toml",
    "/assets/%2E%2E%2F%2E%2E%2Fsrc%2Flib.rs",
    "/assets/..\\..\\Cargo.toml",
    "/assets//etc/passwd",
    "/assets/%2Fetc%2Fpasswd",
    "/assets/index.html/../../../Cargo.toml",
    "/assets/./app.js/../../src/lib.rs",
    "/../Cargo.toml",
    "/%2e%2e/Cargo.toml",
    "/Cargo.toml",
    "/src/lib.rs",
    "/assets/",
];

fn assert_not_leaked(path: &str, status: u16, body: &str) {
    assert_eq!(status, 404, "{path} answered {status}");
    for secret in ["[package]", "root:", "sitrep_server", "pub fn"] {
        assert!(!body.contains(secret), "{path} leaked {secret}");
    }
}

#[tokio::test]
async fn static_routes_do_not_traverse() {
    let f = fixture();
    let app = app(&f);
    for path in TRAVERSALS {
        let r = get(&app, path).await;
        assert_not_leaked(path, r.status.as_u16(), &r.text());
    }
}

#[tokio::test]
async fn api_text_is_json_only() {
    // Article text and titles with markup come back as JSON strings, never as HTML.
    let f = fixture();
    let app = app(&f);
    let r = get(&app, &format!("/api/documents/{}", f.xss.id())).await;
    assert!(
        r.header(header::CONTENT_TYPE)
            .starts_with("application/json")
    );
    assert_eq!(r.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(
        r.json()["document"]["title"],
        "<img src=x onerror=alert(1)> title"
    );
    let r = get(&app, "/api/documents?q=script").await;
    assert!(
        r.header(header::CONTENT_TYPE)
            .starts_with("application/json")
    );
    assert_eq!(r.json()["total"], 1);
}

#[tokio::test]
async fn foreign_host_headers_are_refused_on_loopback() {
    let f = fixture();
    let app = router(AppState::new(f.store.clone()).loopback_only(true));
    let req = |host: &str| {
        Request::get("/api/health")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(
        send(&app, req("evil.test")).await.status,
        StatusCode::MISDIRECTED_REQUEST
    );
    assert_eq!(
        send(&app, req("localhost:8080")).await.status,
        StatusCode::OK
    );
    assert_eq!(send(&app, req("127.0.0.1:1")).await.status, StatusCode::OK);
}

/// A raw HTTP/1.1 GET over a socket: (status, body).
async fn raw_get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|x| x.1)
        .unwrap_or("")
        .to_owned();
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_over_a_real_socket() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    {
        let store = SqliteStore::open(&path).unwrap();
        store
            .put_documents(&sitrep_store::conformance::event_documents().unwrap())
            .unwrap();
    }
    let store = SqliteStore::open_with_readers(&path, 4).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let state = AppState::new(Arc::new(store)).loopback_only(true);
    let server = tokio::spawn(sitrep_server::serve(listener, state, async {
        let _ = rx.await;
    }));

    let (status, body) = raw_get(addr, "/api/events?type=ASSAULT").await;
    assert_eq!(status, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["total"], 2);
    let (status, body) = raw_get(addr, "/").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("<html") || body.contains("<!doctype"),
        "{body}"
    );
    for path in TRAVERSALS {
        let (status, body) = raw_get(addr, path).await;
        if status == 400 {
            continue; // hyper refuses some malformed request targets outright
        }
        assert_not_leaked(path, status, &body);
    }
    // Concurrent readers.
    let tasks: Vec<_> = (0..32)
        .map(|i| {
            tokio::spawn(raw_get(
                addr,
                if i % 2 == 0 {
                    "/api/events"
                } else {
                    "/api/places"
                },
            ))
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap().0, 200);
    }
    tx.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn clusters_list_filter_and_show_their_reports() {
    let f = fixture();
    let app = app(&f);
    let v = ok_json(&app, "/api/clusters").await;
    assert_eq!(v["total"], 1, "{v}");
    let c = &v["items"][0];
    assert_eq!(c["id"], CLUSTER_ID);
    assert_eq!(c["independent_sources"], 2);
    assert_eq!(c["members"].as_array().unwrap().len(), 2);
    assert_eq!(c["conflicts"][0]["field"], "count");
    let none = ok_json(&app, "/api/clusters?min_sources=3").await;
    assert_eq!(none["total"], 0, "{none}");
    let by_doc = ok_json(&app, &format!("/api/clusters?doc={}", f.docs[1].id())).await;
    assert_eq!(by_doc["total"], 1);
    let one = ok_json(&app, &format!("/api/clusters/{CLUSTER_ID}")).await;
    assert_eq!(one["id"], CLUSTER_ID);
    let missing = get(&app, "/api/clusters/nope:1").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let bad = get(&app, "/api/clusters?min_sources=many").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.json()["parameter"], "min_sources");
    let bad_id = get(&app, "/api/clusters/%3Cscript%3E").await;
    assert_eq!(bad_id.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn events_filter_by_independent_sources() {
    let f = fixture();
    let app = app(&f);
    let all = ok_json(&app, "/api/events?limit=1000").await;
    let first = &all["items"][0];
    let (doc, event) = (
        first["doc"]["id"].as_str().unwrap().to_owned(),
        first["event"]["id"].as_u64().unwrap() as u32,
    );
    // A cluster of three independent reports holding exactly that event.
    let mut cluster =
        sitrep_store::conformance::sample_cluster("c3:1", "2025-01-09", &[&doc, "aaaa", "bbbb"]);
    cluster.independent_sources = 3;
    for m in &mut cluster.members {
        m.event = event;
    }
    f.store.put_event_clusters(&[cluster]).unwrap();
    let three = ok_json(&app, "/api/events?min_sources=3").await;
    assert_eq!(three["total"], 1, "{three}");
    assert_eq!(three["items"][0]["doc"]["id"], doc.as_str());
    assert_eq!(three["items"][0]["event"]["id"], event);
    let four = ok_json(&app, "/api/events?min_sources=4").await;
    assert_eq!(four["total"], 0);
    let zero = ok_json(&app, "/api/events?min_sources=0&limit=1000").await;
    assert_eq!(zero["total"], all["total"]);
    let bad = get(&app, "/api/events?min_sources=-1").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.json()["parameter"], "min_sources");
}
