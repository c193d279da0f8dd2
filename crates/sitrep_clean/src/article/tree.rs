//! A light element tree built in one pass over raw HTML bytes.
//!
//! Only what the scorer needs is kept: each element's name, raw span, parent, class/id hints
//! and the text runs directly inside it. Text rules mirror `sitrep_ingest`'s converter: text is
//! what lies between markup, outside comments and the dropped elements (`script`, `style`, ...),
//! so a text run's raw start identifies the same text on both sides.

/// Index of a node in [`Tree::nodes`].
pub(crate) type NodeId = u32;

/// Elements dropped with their content (as in the converter), plus `title` and `textarea`.
const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"iframe",
    b"svg",
    b"math",
    b"title",
    b"textarea",
];

/// Elements that never have content.
const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr", b"keygen",
];

/// Elements that start a new block of text (as in the converter, without `br` and `hr`).
const BLOCKS: &[&[u8]] = &[
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"body",
    b"caption",
    b"center",
    b"dd",
    b"details",
    b"dialog",
    b"dir",
    b"div",
    b"dl",
    b"dt",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"form",
    b"frameset",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"header",
    b"hgroup",
    b"html",
    b"legend",
    b"li",
    b"listing",
    b"main",
    b"menu",
    b"nav",
    b"ol",
    b"optgroup",
    b"option",
    b"p",
    b"plaintext",
    b"pre",
    b"section",
    b"summary",
    b"table",
    b"tbody",
    b"tfoot",
    b"thead",
    b"tr",
    b"ul",
    b"xmp",
    b"td",
    b"th",
];

/// Elements a `<p>` start tag closes an open `<p>` for.
const CLOSES_P: &[&[u8]] = &[
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"div",
    b"dl",
    b"fieldset",
    b"figure",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"header",
    b"hr",
    b"main",
    b"nav",
    b"ol",
    b"p",
    b"pre",
    b"section",
    b"table",
    b"ul",
];

/// Deepest nesting tracked; deeper elements are folded into their ancestor.
const MAX_DEPTH: usize = 256;

/// Element kinds the scorer treats specially.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Other,
    Html,
    Body,
    Head,
    P,
    Heading,
    Li,
    A,
    Article,
    Main,
    Div,
    Section,
    Td,
    Pre,
    Blockquote,
    /// `nav`, `aside`, `footer`, `form`, `button`, `select`, `menu`, `dialog`, `figure`, ...
    Furniture,
    Header,
    Time,
}

/// One element.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub kind: Kind,
    pub block: bool,
    pub parent: Option<NodeId>,
    /// Raw offset of the start tag's `<`.
    pub start: u32,
    /// Raw offset after the end tag (or where the element was closed implicitly).
    pub end: u32,
    /// Lower-cased `class` and `id` joined by a space.
    pub hints: String,
    /// `itemprop`, lower-cased.
    pub itemprop: String,
    /// Hidden by `hidden`, `aria-hidden="true"` or an inline `display:none`.
    pub hidden: bool,
    /// `datetime` of a `<time>` element.
    pub datetime: Option<String>,
    /// The tag name, lower-cased.
    pub name: String,
}

/// A run of text between markup.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Run {
    pub start: u32,
    pub end: u32,
    /// The innermost block element around the run.
    pub block: NodeId,
    /// The innermost element around the run.
    pub node: NodeId,
    /// Inside an `<a href>`.
    pub in_link: bool,
}

/// A `<meta>` tag or other head data.
#[derive(Debug, Default, Clone)]
pub(crate) struct HeadData {
    /// `(name or property or itemprop lower-cased, content)`.
    pub metas: Vec<(String, String)>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<title>` content, raw span.
    pub title: Option<(u32, u32)>,
    /// JSON-LD script bodies, raw spans.
    pub json_ld: Vec<(u32, u32)>,
}

/// The parsed page.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
    pub runs: Vec<Run>,
    pub head: HeadData,
    /// The input ended inside markup.
    pub truncated: bool,
}

const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

fn find(hay: &[u8], from: usize, needle: u8) -> Option<usize> {
    hay.get(from..)?
        .iter()
        .position(|&b| b == needle)
        .map(|i| from + i)
}

fn kind_of(name: &[u8]) -> Kind {
    match name {
        b"html" => Kind::Html,
        b"body" => Kind::Body,
        b"head" => Kind::Head,
        b"p" => Kind::P,
        b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => Kind::Heading,
        b"li" | b"dd" | b"dt" => Kind::Li,
        b"a" => Kind::A,
        b"article" => Kind::Article,
        b"main" => Kind::Main,
        b"div" | b"center" => Kind::Div,
        b"section" => Kind::Section,
        b"td" | b"th" => Kind::Td,
        b"pre" => Kind::Pre,
        b"blockquote" => Kind::Blockquote,
        b"header" => Kind::Header,
        b"time" => Kind::Time,
        b"nav" | b"aside" | b"footer" | b"form" | b"button" | b"select" | b"option" | b"menu"
        | b"dialog" | b"label" | b"fieldset" | b"legend" | b"object" | b"video" | b"audio"
        | b"canvas" | b"picture" | b"address" => Kind::Furniture,
        _ => Kind::Other,
    }
}

/// Finds `</name` followed by a delimiter at or after `from`: the offset of `<` and after `>`.
fn find_end_tag(raw: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let mut i = from;
    loop {
        let lt = find(raw, i, b'<')?;
        if raw.get(lt + 1) == Some(&b'/') {
            let name_end = lt + 2 + name.len();
            if raw
                .get(lt + 2..name_end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
            {
                match raw.get(name_end) {
                    Some(&b) if is_space(b) || b == b'/' || b == b'>' => {
                        let gt = find(raw, name_end, b'>')?;
                        return Some((lt, gt + 1));
                    }
                    None => return None,
                    Some(_) => {}
                }
            }
        }
        i = lt + 1;
    }
}

fn is_heading(name: &[u8]) -> bool {
    matches!(name, b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6")
}

/// Attributes of one tag, as raw slices.
struct Attrs<'a> {
    list: Vec<(&'a [u8], &'a [u8])>,
}

impl<'a> Attrs<'a> {
    fn get(&self, name: &[u8]) -> Option<&'a [u8]> {
        self.list
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }
}

/// Decodes character references in text and attribute values used as metadata (the full HTML
/// table, as `sitrep_ingest` does); a no-break space becomes a plain space.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    html_escape::decode_html_entities(s).replace('\u{a0}', " ")
}

fn lossy_lower(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_ascii_lowercase()
}

fn attr_string(b: &[u8]) -> String {
    decode_entities(String::from_utf8_lossy(b).trim())
}

impl Tree {
    /// Parses `raw` (a leading BOM is skipped like any other text).
    pub(crate) fn parse(raw: &[u8]) -> Tree {
        let mut t = Tree {
            nodes: Vec::with_capacity(raw.len() / 200 + 16),
            runs: Vec::with_capacity(raw.len() / 150 + 16),
            ..Tree::default()
        };
        // A virtual root so every run has a block.
        t.nodes.push(Node {
            kind: Kind::Other,
            block: true,
            parent: None,
            start: 0,
            end: raw.len() as u32,
            hints: String::new(),
            itemprop: String::new(),
            hidden: false,
            datetime: None,
            name: String::new(),
        });
        let mut stack: Vec<NodeId> = vec![0];
        // Innermost block and link per stack level are recomputed on change.
        let mut pos = 0usize;
        let n = raw.len();
        while pos < n {
            let Some(lt) = find(raw, pos, b'<') else {
                t.text(&stack, pos, n);
                break;
            };
            if lt > pos {
                t.text(&stack, pos, lt);
            }
            pos = lt;
            match raw.get(lt + 1) {
                Some(b'!') if raw.get(lt..lt + 4) == Some(b"<!--") => {
                    let body = raw.get(lt + 4..).unwrap_or_default();
                    let end = if body.starts_with(b">") {
                        Some(lt + 5)
                    } else if body.starts_with(b"->") {
                        Some(lt + 6)
                    } else {
                        body.windows(3)
                            .position(|w| w == b"-->")
                            .map(|i| lt + 4 + i + 3)
                    };
                    match end {
                        Some(e) => pos = e,
                        None => {
                            t.truncated = true;
                            break;
                        }
                    }
                }
                Some(b'!' | b'?') => match find(raw, lt + 2, b'>') {
                    Some(gt) => pos = gt + 1,
                    None => {
                        t.truncated = true;
                        break;
                    }
                },
                Some(b'/') => match raw.get(lt + 2) {
                    Some(c) if c.is_ascii_alphabetic() => {
                        let name_end = raw
                            .get(lt + 2..)
                            .unwrap_or_default()
                            .iter()
                            .position(|&b| is_space(b) || b == b'/' || b == b'>')
                            .map_or(n, |i| lt + 2 + i);
                        let Some(gt) = find(raw, name_end, b'>') else {
                            t.truncated = true;
                            break;
                        };
                        pos = gt + 1;
                        let name = raw
                            .get(lt + 2..name_end)
                            .unwrap_or_default()
                            .to_ascii_lowercase();
                        t.close(&mut stack, &name, pos);
                    }
                    Some(b'>') => pos = lt + 3,
                    Some(_) => match find(raw, lt + 2, b'>') {
                        Some(gt) => pos = gt + 1,
                        None => {
                            t.truncated = true;
                            break;
                        }
                    },
                    None => {
                        t.truncated = true;
                        break;
                    }
                },
                Some(c) if c.is_ascii_alphabetic() => match t.start_tag(raw, lt, &mut stack) {
                    Some(next) => pos = next,
                    None => {
                        t.truncated = true;
                        break;
                    }
                },
                _ => {
                    // A `<` that starts no markup is text.
                    let next = find(raw, lt + 1, b'<').unwrap_or(n);
                    t.text(&stack, lt, next);
                    pos = next;
                }
            }
        }
        let end = if t.truncated { pos } else { n } as u32;
        for id in stack {
            if let Some(node) = t.nodes.get_mut(id as usize) {
                node.end = end.max(node.start);
            }
        }
        t
    }

    fn text(&mut self, stack: &[NodeId], start: usize, end: usize) {
        let node = stack.last().copied().unwrap_or(0);
        let mut block = 0;
        let mut in_link = false;
        for &id in stack.iter().rev() {
            let Some(n) = self.nodes.get(id as usize) else {
                continue;
            };
            if n.kind == Kind::A {
                in_link = true;
            }
            if n.block {
                block = id;
                break;
            }
        }
        // Links are inline: look further up for an `<a>` only until the block.
        // Merge with the previous run when contiguous in the same node (split by `<` text).
        if let Some(last) = self.runs.last_mut()
            && last.end as usize == start
            && last.node == node
        {
            last.end = end as u32;
            return;
        }
        self.runs.push(Run {
            start: start as u32,
            end: end as u32,
            block,
            node,
            in_link,
        });
    }

    fn close(&mut self, stack: &mut Vec<NodeId>, name: &[u8], at: usize) {
        // Find the innermost open element of that name (not past the root); any heading end
        // tag closes any open heading, as in browsers.
        let heading = is_heading(name);
        let found = stack.iter().rposition(|&id| {
            id != 0
                && self
                    .nodes
                    .get(id as usize)
                    .is_some_and(|n| self.name_is(n, name) || (heading && n.kind == Kind::Heading))
        });
        if let Some(i) = found {
            for &id in stack.get(i..).unwrap_or_default() {
                if let Some(n) = self.nodes.get_mut(id as usize) {
                    n.end = at as u32;
                }
            }
            stack.truncate(i.max(1));
        }
    }

    /// Whether node `n` has tag name `name`.
    fn name_is(&self, n: &Node, name: &[u8]) -> bool {
        n.name.as_bytes() == name
    }

    /// Parses a start tag at `lt`; returns the offset after it (and after the content of
    /// raw-text elements), or `None` when the input ends inside it.
    fn start_tag(&mut self, raw: &[u8], lt: usize, stack: &mut Vec<NodeId>) -> Option<usize> {
        let n = raw.len();
        let name_end = raw
            .get(lt + 1..)
            .unwrap_or_default()
            .iter()
            .position(|&b| is_space(b) || b == b'/' || b == b'>')
            .map_or(n, |i| lt + 1 + i);
        let name_raw = raw.get(lt + 1..name_end).unwrap_or_default();
        let mut name_buf = [0u8; 16];
        let name: &[u8] = if name_raw.len() <= 16 {
            let b = name_buf.get_mut(..name_raw.len()).unwrap_or_default();
            b.copy_from_slice(name_raw);
            b.make_ascii_lowercase();
            b
        } else {
            b"x-long"
        };
        let mut attrs = Attrs { list: Vec::new() };
        let mut i = name_end;
        let mut self_closing = false;
        loop {
            while raw.get(i).is_some_and(|&b| is_space(b)) {
                i += 1;
            }
            match raw.get(i)? {
                b'>' => {
                    i += 1;
                    break;
                }
                b'/' => {
                    i += 1;
                    if raw.get(i) == Some(&b'>') {
                        self_closing = true;
                        i += 1;
                        break;
                    }
                }
                _ => {
                    let ns = i;
                    i += 1;
                    while raw
                        .get(i)
                        .is_some_and(|&b| !is_space(b) && !matches!(b, b'/' | b'>' | b'='))
                    {
                        i += 1;
                    }
                    let an = raw.get(ns..i).unwrap_or_default();
                    while raw.get(i).is_some_and(|&b| is_space(b)) {
                        i += 1;
                    }
                    let mut value: &[u8] = b"";
                    if raw.get(i) == Some(&b'=') {
                        i += 1;
                        while raw.get(i).is_some_and(|&b| is_space(b)) {
                            i += 1;
                        }
                        match *raw.get(i)? {
                            q @ (b'"' | b'\'') => {
                                let close = find(raw, i + 1, q)?;
                                value = raw.get(i + 1..close).unwrap_or_default();
                                i = close + 1;
                            }
                            _ => {
                                let vs = i;
                                while raw.get(i).is_some_and(|&b| !is_space(b) && b != b'>') {
                                    i += 1;
                                }
                                value = raw.get(vs..i).unwrap_or_default();
                            }
                        }
                    }
                    attrs.list.push((an, value));
                }
            }
        }
        let end = i;
        match name {
            b"meta" => {
                if let Some(content) = attrs.get(b"content") {
                    for key in [&b"property"[..], b"name", b"itemprop", b"http-equiv"] {
                        if let Some(k) = attrs.get(key) {
                            self.head
                                .metas
                                .push((lossy_lower(k).trim().to_owned(), attr_string(content)));
                        }
                    }
                }
                return Some(end);
            }
            b"link" => {
                let canonical = attrs.get(b"rel").is_some_and(|r| {
                    r.split(|&b| is_space(b))
                        .any(|r| r.eq_ignore_ascii_case(b"canonical"))
                });
                if canonical
                    && self.head.canonical.is_none()
                    && let Some(h) = attrs.get(b"href")
                {
                    self.head.canonical = Some(attr_string(h));
                }
                return Some(end);
            }
            b"html" => {
                if self.head.lang.is_none()
                    && let Some(l) = attrs.get(b"lang").or_else(|| attrs.get(b"xml:lang"))
                {
                    self.head.lang = Some(attr_string(l));
                }
            }
            _ => {}
        }
        if RAW_TEXT.contains(&name) {
            if self_closing && matches!(name, b"svg" | b"math") {
                return Some(end);
            }
            let (close, after) = find_end_tag(raw, end, name)?;
            if name == b"title" && self.head.title.is_none() {
                self.head.title = Some((end as u32, close as u32));
            }
            if name == b"script"
                && attrs.get(b"type").is_some_and(|t| {
                    t.eq_ignore_ascii_case(b"application/ld+json")
                        || t.eq_ignore_ascii_case(b"application/json+ld")
                })
            {
                self.head.json_ld.push((end as u32, close as u32));
            }
            return Some(after);
        }
        if VOID.contains(&name) || self_closing {
            return Some(end);
        }
        // Implied end tags.
        if (name == b"p" || CLOSES_P.contains(&name))
            && let Some(&top) = stack.last()
            && self
                .nodes
                .get(top as usize)
                .is_some_and(|n| n.kind == Kind::P)
        {
            self.close(stack, b"p", lt);
        }
        if is_heading(name)
            && let Some(&top) = stack.last()
            && self
                .nodes
                .get(top as usize)
                .is_some_and(|n| n.kind == Kind::Heading)
        {
            self.close(stack, name, lt);
        }
        if matches!(
            name,
            b"li" | b"dd" | b"dt" | b"tr" | b"td" | b"th" | b"option"
        ) {
            let same = stack.iter().rposition(|&id| {
                self.nodes
                    .get(id as usize)
                    .is_some_and(|nd| nd.name.as_bytes() == name)
            });
            let barrier = stack.iter().rposition(|&id| {
                self.nodes.get(id as usize).is_some_and(|nd| {
                    matches!(
                        nd.name.as_bytes(),
                        b"ul" | b"ol" | b"dl" | b"table" | b"tbody" | b"thead" | b"select"
                    )
                })
            });
            if let Some(s) = same
                && barrier.is_none_or(|b| s > b)
            {
                self.close(stack, name, lt);
            }
        }
        if stack.len() >= MAX_DEPTH {
            return Some(end);
        }
        let kind = kind_of(name);
        let mut hints = String::new();
        for key in [&b"class"[..], b"id"] {
            if let Some(v) = attrs.get(key) {
                if !hints.is_empty() {
                    hints.push(' ');
                }
                hints.push_str(&lossy_lower(v));
            }
        }
        let hidden = attrs.get(b"hidden").is_some()
            || attrs
                .get(b"aria-hidden")
                .is_some_and(|v| v.eq_ignore_ascii_case(b"true"))
            || attrs.get(b"style").is_some_and(|s| {
                let s = lossy_lower(s).replace(' ', "");
                s.contains("display:none") || s.contains("visibility:hidden")
            });
        let itemprop = attrs.get(b"itemprop").map(lossy_lower).unwrap_or_default();
        let datetime = if kind == Kind::Time {
            attrs.get(b"datetime").map(attr_string)
        } else {
            None
        };
        // Component names of script-built pages (`data-testid="prism-byline"`): a byline
        // there is one as much as in a class.
        if [&b"data-testid"[..], b"data-component", b"data-qa"]
            .iter()
            .any(|k| {
                attrs
                    .get(k)
                    .is_some_and(|v| lossy_lower(v).contains("byline"))
            })
        {
            hints.push_str(" data-byline");
        }
        if kind == Kind::A
            && attrs
                .get(b"rel")
                .is_some_and(|r| lossy_lower(r).contains("author"))
        {
            hints.push_str(" rel-author");
        }
        let parent = stack.last().copied();
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            kind,
            block: BLOCKS.contains(&name),
            parent,
            start: lt as u32,
            end: end as u32,
            hints,
            itemprop,
            hidden,
            datetime,
            name: String::from_utf8_lossy(name).into_owned(),
        });
        stack.push(id);
        Some(end)
    }
}
