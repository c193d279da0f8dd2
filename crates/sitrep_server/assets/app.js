// sitrep web page: reports, an article view with evidence highlighted by layer, an events
// table, an offline map and a timeline. Plain JavaScript, no dependencies.
//
// Safety rule: text from the store (article text, titles, names, snippets) only ever reaches
// the page through text nodes (`textContent`, `createTextNode`); this file never assigns
// HTML strings. Links are built from our own routes; a document's URL becomes a link only
// when it is http(s).
"use strict";

(() => {
  const main = document.getElementById("main");

  // ---------- DOM helpers ----------

  /** Creates an element. `attrs`: attributes (strings), `on*` handlers (functions),
   *  `class`, `dataset` (object). Children: nodes or strings (become text nodes). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
      else if (k === "dataset") Object.assign(el.dataset, v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    append(el, children);
    return el;
  }
  function append(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  const SVG_NS = "http://www.w3.org/2000/svg";
  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, String(v));
    }
    append(el, children);
    return el;
  }
  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }
  /** A link to a page of this app or this server. */
  function link(href, ...children) {
    return h("a", { href }, ...children);
  }
  /** A link to a document's source URL, only for http(s) URLs; else plain text. */
  function externalLink(url) {
    if (typeof url === "string" && /^https?:\/\//i.test(url)) {
      return h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, url);
    }
    return url ? h("span", {}, url) : null;
  }

  // ---------- data ----------

  async function api(path, params) {
    const q = params ? new URLSearchParams(params).toString() : "";
    const res = await fetch(path + (q ? "?" + q : ""), { headers: { Accept: "application/json" } });
    let body;
    try {
      body = await res.json();
    } catch (_) {
      throw new Error(`${res.status} ${res.statusText}`);
    }
    if (!res.ok) {
      const p = body && body.parameter ? ` (parameter ${body.parameter})` : "";
      throw new Error(`${(body && body.message) || res.statusText}${p}`);
    }
    return body;
  }

  let worldPromise = null;
  function world() {
    if (!worldPromise) worldPromise = fetch("/assets/world.json").then((r) => r.json());
    return worldPromise;
  }

  // ---------- routing ----------

  /** `#/view/arg?query` -> {view, arg, query: URLSearchParams}. */
  function route() {
    const raw = location.hash.replace(/^#\/?/, "");
    const [path, query] = raw.split("?", 2);
    const [view, ...rest] = path.split("/");
    return {
      view: view || "documents",
      arg: rest.length ? decodeURIComponent(rest.join("/")) : null,
      query: new URLSearchParams(query || ""),
    };
  }
  function go(view, params) {
    const q = params ? new URLSearchParams(params).toString() : "";
    location.hash = `#/${view}${q ? "?" + q : ""}`;
  }

  const EVENT_FILTERS = [
    "type", "acled_type", "actor_country", "target_country", "modality",
    "date_from", "date_to", "text", "bbox", "doc",
  ];
  /** The event filters of a query string. */
  function filtersOf(query) {
    const out = new URLSearchParams();
    for (const k of EVENT_FILTERS) {
      const v = query.get(k);
      if (v) out.set(k, v);
    }
    return out;
  }
  let currentFilters = new URLSearchParams();

  function setNav(view) {
    const q = currentFilters.toString();
    for (const a of document.querySelectorAll("#nav a")) {
      const v = a.dataset.view;
      const carry = q && (v === "events" || v === "map" || v === "timeline");
      a.setAttribute("href", `#/${v}${carry ? "?" + q : ""}`);
      if (v === view || (view === "doc" && v === "documents")) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    }
  }

  async function render() {
    const r = route();
    if (["events", "map", "timeline"].includes(r.view)) currentFilters = filtersOf(r.query);
    setNav(r.view);
    const views = { documents, doc: articleView, events, map: mapView, timeline };
    const view = views[r.view] || documents;
    clear(main);
    try {
      await view(r);
    } catch (e) {
      clear(main).append(h("div", { class: "error", role: "alert" }, "Could not load this view: ", String(e.message || e)));
    }
  }
  window.addEventListener("hashchange", render);
  document.getElementById("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = document.getElementById("search").value.trim();
    go("documents", q ? { q } : null);
  });

  // ---------- shared bits ----------

  const PALETTE = ["#d1495b", "#edae49", "#00798c", "#30638e", "#66a182", "#8d6a9f", "#e07a5f", "#3d405b", "#81b29a", "#b5838d"];
  const KNOWN_TYPES = ["ASSAULT", "FIGHT", "COERCE", "MOBILIZE", "AID", "PROTEST", "THREATEN", "CONSULT", "AGREE", "RETREAT"];
  function typeColor(t) {
    const i = KNOWN_TYPES.indexOf(t);
    if (i >= 0) return PALETTE[i];
    let hsh = 0;
    for (const c of String(t)) hsh = (hsh * 31 + c.codePointAt(0)) >>> 0;
    return PALETTE[hsh % PALETTE.length];
  }
  function swatch(color) {
    const el = h("span", { class: "swatch" });
    el.style.backgroundColor = color; // CSSOM, not a style attribute: allowed by the CSP
    return el;
  }
  function fmtDate(ev) {
    const d = ev && ev.date;
    if (!d) return "—";
    return d.start && d.end && d.start !== d.end ? `${d.start} – ${d.end}` : d.start || d.value || "—";
  }
  function participant(p) {
    if (!p) return "—";
    const bits = [p.country, p.sector].filter(Boolean).join(" ");
    return bits ? `${p.text} (${bits})` : p.text;
  }
  function pager(page, onPage) {
    const from = page.total ? page.offset + 1 : 0;
    const to = page.offset + page.items.length;
    return h("div", { class: "pager" },
      h("button", { type: "button", disabled: page.offset === 0, onclick: () => onPage(Math.max(0, page.offset - page.limit)) }, "← Previous"),
      h("span", { class: "muted" }, `${from}–${to} of ${page.total}`),
      h("button", { type: "button", disabled: to >= page.total, onclick: () => onPage(page.offset + page.limit) }, "Next →"));
  }
  function emptyEvents() {
    return h("div", { class: "empty" },
      h("p", {}, "No events match."),
      h("p", { class: "muted" }, "Events come from the event coder stage; until it runs on your reports, browse the reports and their annotations under ", link("#/documents", "Reports"), "."));
  }

  // ---------- reports ----------

  async function documents(r) {
    const q = r.query.get("q") || "";
    const offset = Number(r.query.get("offset") || 0);
    document.getElementById("search").value = q;
    const page = await api("/api/documents", q ? { q, offset, limit: 50 } : { offset, limit: 50 });
    const list = h("ol", { class: "doclist" });
    for (const d of page.items) {
      list.append(h("li", {},
        h("div", { class: "doc-title" }, link(`#/doc/${encodeURIComponent(d.id)}`, d.title || d.origin || "(untitled)")),
        h("div", { class: "muted small" }, [d.published || "undated", d.source, `${d.bytes.toLocaleString()} bytes`, d.failed ? "a stage failed" : null].filter(Boolean).join(" · ")),
        d.snippet ? snippet(d.snippet) : null));
    }
    append(main, [
      h("h1", {}, q ? `Reports matching “${q}”` : "Reports"),
      page.items.length ? list : h("p", { class: "empty" }, q ? "No report matches." : "No reports stored yet. Run `sitrep ingest PATH`."),
      pager(page, (o) => go("documents", q ? { q, offset: o } : { offset: o })),
    ]);
  }
  /** A search snippet with matches in [ ], as text with <mark>s. */
  function snippet(text) {
    const p = h("p", { class: "snippet" });
    const parts = text.split(/(\[[^\]]*\])/);
    for (const part of parts) {
      if (part.startsWith("[") && part.endsWith("]")) p.append(h("mark", {}, part.slice(1, -1)));
      else p.append(document.createTextNode(part));
    }
    return p;
  }

  // ---------- article ----------

  const LAYERS = [
    { key: "events", name: "Events" },
    { key: "entities", name: "Entities" },
    { key: "places", name: "Places" },
    { key: "dates", name: "Dates" },
    { key: "quantities", name: "Quantities" },
    { key: "quotes", name: "Quotes" },
    { key: "flags", name: "Flags" },
  ];
  // Which layer colours a piece of text covered by several (first wins).
  const PRIORITY = ["events", "entities", "places", "dates", "quantities", "flags", "quotes"];
  const hiddenLayers = new Set();

  function u16(span) {
    return span && Number.isInteger(span.start_utf16) ? [span.start_utf16, span.end_utf16] : null;
  }

  /** The records of a document, each with its spans (UTF-16) by role. */
  function recordsOf(doc) {
    const recs = [];
    const byId = new Map();
    const add = (layer, r, label, detail, spans, i) => {
      const rec = { layer, id: r.id, key: `${layer}:${r.id ?? i}`, label, detail, spans: spans.filter((x) => x.range), raw: r };
      recs.push(rec);
      if (r.id !== undefined) byId.set(r.id, rec);
    };
    (doc.flags || []).forEach((r, i) => add("flags", r, `${r.kind}`, r.reason, [{ role: "main", range: u16(r.span), text: r.span.text }], i));
    (doc.entities || []).forEach((r) => add("entities", r, r.canonical, [r.kind, r.role, r.country].filter(Boolean).join(" · "), [{ role: "main", range: u16(r.span), text: r.span.text }]));
    (doc.places || []).forEach((r) => add("places", r, r.name, [r.country, r.admin1, r.precision, r.lat != null ? `${r.lat}, ${r.lon}` : "unresolved"].filter(Boolean).join(" · "), [{ role: "main", range: u16(r.span), text: r.span.text }]));
    (doc.dates || []).forEach((r) => add("dates", r, r.value, [r.type, r.start && r.end ? (r.start === r.end ? r.start : `${r.start} – ${r.end}`) : null].filter(Boolean).join(" · "), [{ role: "main", range: u16(r.span), text: r.span.text }]));
    (doc.quantities || []).forEach((r) => add("quantities", r, `${r.value}${r.max != null ? "–" + r.max : ""} ${r.head || ""}`.trim(), [r.category, r.bound].join(" · "), [{ role: "main", range: u16(r.span), text: r.span.text }]));
    (doc.quotes || []).forEach((r) => add("quotes", r, r.speaker ? r.speaker.text : "(unattributed)", [r.kind, r.hedged ? "hedged" : null].filter(Boolean).join(" · "), [
      { role: "main", range: u16(r.span), text: r.span.text },
      { role: "content", range: u16(r.content), text: r.content && r.content.text },
      { role: "cue", range: u16(r.cue), text: r.cue && r.cue.text },
      { role: "linked", range: r.speaker && u16(r.speaker.span), text: r.speaker && r.speaker.text },
    ]));
    (doc.events || []).forEach((r) => add("events", r, r.type + (r.acled_event_type ? ` · ${r.acled_event_type}` : ""), [fmtDate(r), r.modality, `confidence ${Number(r.confidence).toFixed(2)}`].join(" · "), [
      { role: "sentence", range: u16(r.span), text: r.span.text },
      { role: "trigger", range: u16(r.trigger), text: r.trigger.text },
      ...(r.evidence || []).map((e) => ({ role: "evidence", range: u16(e), text: e.text })),
      { role: "linked", range: r.actor && u16(r.actor.span), text: r.actor && r.actor.text },
      { role: "linked", range: r.target && u16(r.target.span), text: r.target && r.target.text },
    ]));
    // Events point at places, dates, quantities and quotes by id: highlight those too.
    for (const rec of recs) {
      if (rec.layer !== "events") continue;
      const r = rec.raw;
      for (const id of [r.place, r.count, r.source, r.date && typeof r.date.from === "number" ? r.date.from : null]) {
        const other = id != null && byId.get(id);
        if (other) for (const sp of other.spans) if (sp.role === "main") rec.spans.push({ role: "linked", range: sp.range, text: sp.text });
      }
      rec.links = [r.place, r.count, r.source].map((id) => id != null && byId.get(id)).filter(Boolean);
    }
    return recs;
  }

  /** The span that marks a record in running text (events: their trigger). */
  function markSpan(rec) {
    const role = rec.layer === "events" ? "trigger" : "main";
    const sp = rec.spans.find((x) => x.role === role);
    return sp && sp.range;
  }

  async function articleView(r) {
    const id = r.arg;
    const doc = await api(`/api/documents/${encodeURIComponent(id)}`, { offsets: "utf16" });
    const text = doc.text;
    const recs = recordsOf(doc);
    const byKey = new Map(recs.map((x) => [x.key, x]));
    let selected = r.query.get("sel");

    const meta = doc.document;
    const articleEl = h("div", { class: "article", id: "article", lang: meta.language || "en" });
    const panel = h("aside", { class: "records", "aria-label": "Records" });
    const detail = h("div", { class: "detail", "aria-live": "polite" });
    const toggles = h("div", { class: "layers", role: "group", "aria-label": "Layers" });

    for (const L of LAYERS) {
      const n = recs.filter((x) => x.layer === L.key).length;
      const box = h("input", { type: "checkbox", checked: !hiddenLayers.has(L.key), onchange: (e) => {
        if (e.target.checked) hiddenLayers.delete(L.key); else hiddenLayers.add(L.key);
        paint(false);
      } });
      toggles.append(h("label", { class: `toggle l-${L.key}` }, box, h("span", { class: "chip" }), ` ${L.name} `, h("span", { class: "muted" }, `(${n})`)));
    }

    function select(key, scroll) {
      selected = key;
      const url = `#/doc/${encodeURIComponent(id)}${key ? "?sel=" + encodeURIComponent(key) : ""}`;
      history.replaceState(null, "", url);
      paint(scroll);
    }

    /** Appends text; after each line break an empty block adds paragraph space (no text). */
    function appendText(el, piece) {
      const lines = piece.split("\n");
      lines.forEach((line, i) => {
        if (i > 0) el.append(document.createTextNode("\n"), h("span", { class: "pgap", "aria-hidden": "true" }));
        if (line) el.append(document.createTextNode(line));
      });
    }

    /** Renders the text as segments between span boundaries. */
    function paint(scroll) {
      const sel = selected && byKey.get(selected);
      if (sel && hiddenLayers.has(sel.layer)) hiddenLayers.delete(sel.layer);
      for (const box of toggles.querySelectorAll("input")) {
        const layer = LAYERS[[...toggles.querySelectorAll("input")].indexOf(box)].key;
        box.checked = !hiddenLayers.has(layer);
      }
      const marks = [];
      for (const rec of recs) {
        if (hiddenLayers.has(rec.layer)) continue;
        const range = markSpan(rec);
        if (range && range[1] > range[0]) marks.push({ s: range[0], e: range[1], rec, role: "mark" });
      }
      if (sel) for (const sp of sel.spans) if (sp.range && sp.range[1] > sp.range[0]) marks.push({ s: sp.range[0], e: sp.range[1], rec: sel, role: sp.role, selected: true });
      const cuts = new Set([0, text.length]);
      for (const m of marks) { cuts.add(Math.min(m.s, text.length)); cuts.add(Math.min(m.e, text.length)); }
      const points = [...cuts].sort((a, b) => a - b);
      clear(articleEl);
      let firstSelected = null;
      for (let i = 0; i + 1 < points.length; i++) {
        const [a, b] = [points[i], points[i + 1]];
        if (a >= b) continue;
        const piece = text.slice(a, b);
        const cover = marks.filter((m) => m.s <= a && m.e >= b);
        if (!cover.length) { appendText(articleEl, piece); continue; }
        const layers = new Set(cover.filter((m) => !m.selected).map((m) => m.rec.layer));
        const top = PRIORITY.find((l) => layers.has(l));
        const cls = ["seg"];
        if (top) cls.push(`hl-${top}`);
        if (layers.has("quotes") && top !== "quotes") cls.push("in-quote");
        if (layers.has("flags") && top !== "flags") cls.push("in-flag");
        const roles = new Set(cover.filter((m) => m.selected).map((m) => m.role));
        for (const role of roles) cls.push(`sel-${role}`);
        if (roles.size) cls.push("sel");
        const clickable = cover.filter((m) => !m.selected);
        const el = h("span", { class: cls.join(" ") }, piece);
        if (clickable.length) {
          // The most specific record (shortest span) wins the click.
          clickable.sort((x, y) => (x.e - x.s) - (y.e - y.s));
          const key = clickable[0].rec.key;
          el.dataset.rec = key;
          el.title = clickable.map((m) => `${m.rec.layer}: ${m.rec.label}`).join("\n");
          el.addEventListener("click", () => select(key === selected ? null : key, false));
        }
        if (roles.size && !firstSelected && (roles.has("trigger") || roles.has("main") || roles.has("sentence"))) firstSelected = el;
        articleEl.append(el);
      }
      // Side panel state and the details of the selection.
      for (const b of panel.querySelectorAll("button.rec")) {
        const on = b.dataset.key === selected;
        b.setAttribute("aria-pressed", on ? "true" : "false");
        b.classList.toggle("active", on);
      }
      clear(detail);
      if (sel) {
        detail.append(h("div", { class: "detail-head" }, h("span", { class: `chip l-${sel.layer}` }), ` ${sel.layer.replace(/s$/, "")}: `, h("strong", {}, sel.label),
          h("button", { type: "button", class: "link", onclick: () => select(null, false) }, "clear")));
        const dl = h("dl", {});
        for (const sp of sel.spans) {
          if (!sp.text) continue;
          dl.append(h("dt", {}, sp.role === "main" ? "text" : sp.role), h("dd", { class: `role-${sp.role}` }, sp.text));
        }
        if (sel.detail) dl.append(h("dt", {}, "about"), h("dd", {}, sel.detail));
        if (sel.layer === "events") {
          const ev = sel.raw;
          dl.append(h("dt", {}, "actor"), h("dd", {}, participant(ev.actor)), h("dt", {}, "target"), h("dd", {}, participant(ev.target)));
          if (ev.fatalities != null) dl.append(h("dt", {}, "fatalities"), h("dd", {}, String(ev.fatalities)));
          if (ev.rule) dl.append(h("dt", {}, "rule"), h("dd", {}, ev.rule));
        }
        detail.append(dl);
        const btn = panel.querySelector(`button.rec[data-key="${CSS.escape(selected)}"]`);
        if (btn && scroll !== false) btn.scrollIntoView({ block: "nearest" });
      }
      if (firstSelected && scroll !== false) firstSelected.scrollIntoView({ block: "center", behavior: "smooth" });
    }

    // The side panel: records by layer.
    panel.append(toggles, detail);
    for (const L of LAYERS) {
      const mine = recs.filter((x) => x.layer === L.key);
      if (!mine.length) continue;
      const ul = h("ul", { class: "reclist" });
      for (const rec of mine) {
        const ev = rec.layer === "events" ? rec.raw : null;
        const sp = rec.spans.find((x) => x.role === (ev ? "trigger" : "main"));
        ul.append(h("li", {}, h("button", { type: "button", class: `rec l-${rec.layer}`, dataset: { key: rec.key }, "aria-pressed": "false", onclick: () => select(rec.key === selected ? null : rec.key, true) },
          h("span", { class: "chip" }), h("span", { class: "rec-label" }, rec.label),
          sp && sp.text && sp.text !== rec.label ? h("span", { class: "rec-text" }, `“${sp.text}”`) : null,
          ev ? h("span", { class: "rec-text" }, fmtDate(ev)) : null)));
      }
      panel.append(h("details", { open: true, class: `group l-${L.key}` }, h("summary", {}, `${L.name} (${mine.length})`), ul));
    }
    if (!recs.length) panel.append(h("p", { class: "muted" }, "No records in this report yet."));

    append(main, [
      h("div", { class: "doc-head" },
        h("p", { class: "crumbs" }, link("#/documents", "← Reports")),
        h("h1", {}, meta.title || "(untitled)"),
        h("p", { class: "muted small" }, [meta.published || "undated", meta.source, meta.author, meta.origin].filter(Boolean).join(" · "), " ", externalLink(meta.url)),
        doc.failures && doc.failures.length ? h("p", { class: "error" }, "Stage failures: ", doc.failures.map((f) => `${f.stage}: ${f.message}`).join("; ")) : null),
      h("div", { class: "reader" }, h("article", { class: "article-wrap" }, articleEl), panel),
    ]);
    paint(Boolean(selected));
  }

  // ---------- events ----------

  const SORTS = [
    ["date", "Date"], ["type", "Type"], ["acled_type", "ACLED type"], ["actor_country", "Actor"],
    ["target_country", "Target"], [null, "Place"], ["modality", "Modality"], ["confidence", "Conf."],
    [null, "Evidence"], ["published", "Report"],
  ];

  async function filterForm(query, view) {
    const facets = await api("/api/events/facets").catch(() => null);
    const opts = (name, items) => {
      const sel = h("select", { name, id: `f-${name}` }, h("option", { value: "" }, "any"));
      for (const it of items || []) sel.append(h("option", { value: it.value, selected: query.get(name) === it.value }, `${it.value} (${it.count})`));
      const cur = query.get(name);
      if (cur && ![...sel.options].some((o) => o.value === cur)) sel.append(h("option", { value: cur, selected: true }, cur));
      return sel;
    };
    const field = (label, input) => h("label", { class: "field" }, h("span", {}, label), input);
    const form = h("form", { class: "filters", "aria-label": "Event filters" },
      field("Type", opts("type", facets && facets.types)),
      field("ACLED type", opts("acled_type", facets && facets.acled_types)),
      field("Actor country", opts("actor_country", facets && facets.actor_countries)),
      field("Target country", opts("target_country", facets && facets.target_countries)),
      field("Modality", opts("modality", facets && facets.modalities)),
      field("From", h("input", { type: "date", name: "date_from", value: query.get("date_from") || "" })),
      field("To", h("input", { type: "date", name: "date_to", value: query.get("date_to") || "" })),
      field("Text", h("input", { type: "search", name: "text", value: query.get("text") || "", placeholder: "words in the sentence" })),
      field("Box", h("input", { type: "text", name: "bbox", value: query.get("bbox") || "", placeholder: "lon,lat,lon,lat" })),
      h("div", { class: "filter-actions" },
        h("button", { type: "submit" }, "Apply"),
        h("button", { type: "button", class: "secondary", onclick: () => go(view, query.get("doc") ? { doc: query.get("doc") } : null) }, "Reset")));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const p = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (String(v).trim()) p.set(k, String(v).trim());
      if (query.get("doc")) p.set("doc", query.get("doc"));
      if (query.get("sort")) p.set("sort", query.get("sort"));
      go(view, p);
    });
    return form;
  }

  async function events(r) {
    const query = r.query;
    const params = filtersOf(query);
    const sort = query.get("sort") || "-date";
    params.set("sort", sort);
    params.set("offset", query.get("offset") || "0");
    params.set("limit", "50");
    const [form, page] = await Promise.all([filterForm(query, "events"), api("/api/events", params)]);
    const exportQ = filtersOf(query);
    exportQ.set("sort", sort);
    const head = h("tr", {});
    for (const [key, label] of SORTS) {
      if (!key) { head.append(h("th", { scope: "col" }, label)); continue; }
      const active = sort.replace(/^-/, "") === key;
      const desc = sort.startsWith("-");
      const next = active ? (desc ? key : "-" + key) : (key === "date" || key === "confidence" || key === "published" ? "-" + key : key);
      const q = new URLSearchParams(query);
      q.set("sort", next);
      q.delete("offset");
      head.append(h("th", { scope: "col", "aria-sort": active ? (desc ? "descending" : "ascending") : "none" },
        h("button", { type: "button", class: "sort", onclick: () => go("events", q) }, label, active ? (desc ? " ▼" : " ▲") : "")));
    }
    const body = h("tbody", {});
    for (const it of page.items) body.append(eventRow(it));
    append(main, [
      h("h1", {}, "Events"),
      h("p", { class: "muted small" }, "Who did what to whom, where and when, each with the sentence it was read from. Clusters of reports of the same event and “minimum independent sources” will come with the corpus stage."),
      form,
      h("div", { class: "table-tools" },
        h("span", {}, `${page.total} event${page.total === 1 ? "" : "s"}`),
        h("span", { class: "exports" }, "Export: ", h("a", { href: `/api/events.csv?${exportQ}`, download: "sitrep-events.csv" }, "CSV"), " · ", h("a", { href: `/api/events.geojson?${exportQ}`, download: "sitrep-events.geojson" }, "GeoJSON"),
          " · ", link(`#/map?${filtersOf(query)}`, "Map"), " · ", link(`#/timeline?${filtersOf(query)}`, "Timeline"))),
      page.items.length
        ? h("div", { class: "table-wrap" }, h("table", { class: "events" }, h("thead", {}, head), body))
        : emptyEvents(),
      pager(page, (o) => { const q = new URLSearchParams(query); q.set("offset", String(o)); go("events", q); }),
    ]);
  }

  function eventRow(it) {
    const ev = it.event;
    const sentence = h("span", { class: "sentence" });
    const text = (ev.span && ev.span.text) || "";
    if (it.trigger) {
      const [a, b] = it.trigger;
      sentence.append(document.createTextNode(text.slice(0, a)), h("mark", { class: "trigger" }, text.slice(a, b)), document.createTextNode(text.slice(b)));
    } else sentence.append(document.createTextNode(text));
    const evidence = `#/doc/${encodeURIComponent(it.doc.id)}?sel=${encodeURIComponent("events:" + ev.id)}`;
    const cell = (label, ...c) => h("td", { "data-label": label }, h("div", { class: "cell" }, ...c));
    return h("tr", {},
      cell("Date", fmtDate(ev)),
      cell("Type", swatch(typeColor(ev.type)), ev.type),
      cell("ACLED type", ev.acled_event_type || "—", ev.acled_sub_event_type ? h("div", { class: "muted small" }, ev.acled_sub_event_type) : null),
      cell("Actor", participant(ev.actor)),
      cell("Target", participant(ev.target)),
      cell("Place", it.place ? `${it.place.name}${it.place.country ? " (" + it.place.country + ")" : ""}` : "—"),
      cell("Modality", h("span", { class: `modality m-${ev.modality}` }, ev.modality)),
      cell("Conf.", Number(ev.confidence).toFixed(2)),
      cell("Evidence", sentence, " ", h("a", { href: evidence, class: "evidence-link", "aria-label": "Show the evidence in the report" }, "evidence →")),
      cell("Report", link(`#/doc/${encodeURIComponent(it.doc.id)}`, it.doc.title || it.doc.id), h("div", { class: "muted small" }, it.doc.published || "")));
  }

  // ---------- map ----------

  async function mapView(r) {
    const filters = filtersOf(r.query);
    const [w, evs, pls] = await Promise.all([
      world(),
      api("/api/events.geojson", new URLSearchParams([...filters, ["limit", "20000"]])),
      api("/api/places.geojson", { limit: "5000" }),
    ]);
    const points = (evs.features.length ? evs.features : pls.features).map((f) => f.geometry.coordinates);
    // Fit the data (or the world) with a margin; scale x by cos(latitude) around the middle.
    let [x0, y0, x1, y1] = [-180, -75, 180, 85];
    if (points.length) {
      const lons = points.map((p) => p[0]), lats = points.map((p) => p[1]);
      [x0, x1] = [Math.min(...lons), Math.max(...lons)];
      [y0, y1] = [Math.min(...lats), Math.max(...lats)];
      const pad = Math.max(4, (x1 - x0) * 0.4, (y1 - y0) * 0.4);
      [x0, x1, y0, y1] = [x0 - pad, x1 + pad, y0 - pad, y1 + pad];
    }
    const k = Math.max(0.35, Math.cos(((y0 + y1) / 2) * Math.PI / 180));
    const X = (lon) => lon * k, Y = (lat) => -lat;
    let view = { x: X(x0), y: Y(y1), w: (x1 - x0) * k, h: y1 - y0 };

    const svg = s("svg", { class: "map", role: "img", "aria-label": "Map of events and places", preserveAspectRatio: "xMidYMid meet" });
    const land = s("g", { class: "land", transform: `scale(${k},1)` });
    for (const c of w.countries) land.append(s("path", { d: c.d }, s("title", {}, c.name)));
    const grat = s("g", { class: "graticule" });
    for (let lon = -180; lon <= 180; lon += 10) grat.append(s("line", { x1: X(lon), x2: X(lon), y1: -85, y2: 85 }));
    for (let lat = -80; lat <= 80; lat += 10) grat.append(s("line", { x1: X(-180), x2: X(180), y1: Y(lat), y2: Y(lat) }));
    const placeLayer = s("g", { class: "places" });
    const labelLayer = s("g", { class: "labels", "aria-hidden": "true" });
    const eventLayer = s("g", { class: "events" });
    svg.append(s("rect", { class: "sea", x: X(-180), y: -90, width: 360 * k, height: 180 }), grat, land, placeLayer, eventLayer, labelLayer);

    const info = h("div", { class: "map-info", "aria-live": "polite" }, h("p", { class: "muted" }, "Select a marker."));
    const maxMentions = Math.max(1, ...pls.features.map((f) => f.properties.mentions));
    const markers = [];
    const labels = [];
    const labelled = new Set();
    for (const f of pls.features) {
      const [lon, lat] = f.geometry.coordinates, p = f.properties;
      const c = s("circle", { cx: X(lon), cy: Y(lat), class: "place-dot", tabindex: 0 }, s("title", {}, `${p.name}: ${p.mentions} mention(s)`));
      c.addEventListener("click", () => showPlace(p, lon, lat));
      const px = 4 + 8 * Math.sqrt(p.mentions / maxMentions);
      markers.push({ el: c, px });
      placeLayer.append(c);
      const spot = `${lon.toFixed(1)},${lat.toFixed(1)}`;
      if (labels.length < 40 && !labelled.has(spot)) {
        labelled.add(spot);
        const t = s("text", { class: "place-label" }, p.name);
        labels.push({ el: t, x: X(lon), y: Y(lat), px });
        labelLayer.append(t);
      }
    }
    // Events at the same spot are spread on a small circle so each can be clicked.
    const seen = new Map();
    for (const f of evs.features) {
      const [lon, lat] = f.geometry.coordinates, p = f.properties;
      const key = `${lon},${lat}`;
      const n = seen.get(key) || 0;
      seen.set(key, n + 1);
      const c = s("circle", { class: "event-dot", fill: typeColor(p.type), tabindex: 0 }, s("title", {}, `${p.type} · ${p.date || "undated"} · ${p.place}`));
      c.addEventListener("click", () => showEvent(p));
      markers.push({ el: c, px: 5, lon, lat, n });
      eventLayer.append(c);
    }

    function showEvent(p) {
      clear(info).append(
        h("h2", {}, swatch(typeColor(p.type)), ` ${p.type}`, p.acled_event_type ? ` · ${p.acled_event_type}` : ""),
        h("p", { class: "small muted" }, [p.date, p.place, p.modality].filter(Boolean).join(" · ")),
        h("p", { class: "sentence" }, p.text),
        h("p", {}, link(`#/doc/${encodeURIComponent(p.doc_id)}?sel=${encodeURIComponent("events:" + p.record_id)}`, "evidence →"), " ", h("span", { class: "muted small" }, p.title || "")));
    }
    function showPlace(p, lon, lat) {
      const d = 0.5;
      const bbox = [lon - d, lat - d, lon + d, lat + d].map((v) => v.toFixed(2)).join(",");
      clear(info).append(
        h("h2", {}, p.name),
        h("p", { class: "small muted" }, [p.country, p.admin1, p.precision, `${lat}, ${lon}`].filter(Boolean).join(" · ")),
        h("p", {}, `${p.mentions} mention(s) in ${p.documents} report(s)`),
        h("p", {}, link(`#/events?bbox=${bbox}`, "events near here →")));
    }

    function apply() {
      svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
      const px = svg.clientWidth ? Math.max(view.w / svg.clientWidth, view.h / svg.clientHeight) : view.w / 800;
      for (const m of markers) {
        m.el.setAttribute("r", String(m.px * px));
        if (m.lon !== undefined) {
          const a = m.n * 2.4, rr = m.n ? 4 * px * Math.sqrt(m.n) : 0;
          m.el.setAttribute("cx", String(X(m.lon) + rr * Math.cos(a)));
          m.el.setAttribute("cy", String(Y(m.lat) + rr * Math.sin(a)));
        }
      }
      for (const l of labels) {
        l.el.setAttribute("x", String(l.x + (l.px + 3) * px));
        l.el.setAttribute("y", String(l.y + 4 * px));
        l.el.setAttribute("font-size", String(12 * px));
      }
    }
    function zoom(f, cx, cy) {
      const nx = cx - (cx - view.x) * f, ny = cy - (cy - view.y) * f;
      view = { x: nx, y: ny, w: view.w * f, h: view.h * f };
      apply();
    }
    function toSvg(ev) {
      const rect = svg.getBoundingClientRect();
      const sc = Math.max(view.w / rect.width, view.h / rect.height);
      const ox = (rect.width - view.w / sc) / 2, oy = (rect.height - view.h / sc) / 2;
      return [view.x + (ev.clientX - rect.left - ox) * sc, view.y + (ev.clientY - rect.top - oy) * sc, sc];
    }
    svg.addEventListener("wheel", (e) => { e.preventDefault(); const [cx, cy] = toSvg(e); zoom(e.deltaY > 0 ? 1.25 : 0.8, cx, cy); }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (e) => { if (e.target.tagName === "circle") return; drag = { x: e.clientX, y: e.clientY, v: { ...view } }; svg.setPointerCapture(e.pointerId); });
    svg.addEventListener("pointermove", (e) => {
      if (!drag) return;
      const [, , sc] = toSvg(e);
      view = { ...drag.v, x: drag.v.x - (e.clientX - drag.x) * sc, y: drag.v.y - (e.clientY - drag.y) * sc };
      apply();
    });
    svg.addEventListener("pointerup", () => { drag = null; });
    const home = { ...view };
    const centre = () => [view.x + view.w / 2, view.y + view.h / 2];
    const showEvents = h("input", { type: "checkbox", checked: true, onchange: (e) => eventLayer.classList.toggle("hidden", !e.target.checked) });
    const showPlaces = h("input", { type: "checkbox", checked: true, onchange: (e) => placeLayer.classList.toggle("hidden", !e.target.checked) });
    const types = [...new Set(evs.features.map((f) => f.properties.type))].sort();
    const toView = () => {
      const b = [view.x / k, -(view.y + view.h), (view.x + view.w) / k, -view.y].map((v, i) => Math.max(i % 2 ? -90 : -180, Math.min(i % 2 ? 90 : 180, v)).toFixed(2));
      const q = new URLSearchParams(filters);
      q.set("bbox", b.join(","));
      go("events", q);
    };
    append(main, [
      h("h1", {}, "Map"),
      h("p", { class: "muted small" }, `${evs.sitrep.located} of ${evs.sitrep.matching} matching events have a located place; ${pls.features.length} places. Drag to pan, wheel or buttons to zoom.`),
      h("div", { class: "map-tools" },
        h("button", { type: "button", "aria-label": "Zoom in", onclick: () => zoom(0.6, ...centre()) }, "+"),
        h("button", { type: "button", "aria-label": "Zoom out", onclick: () => zoom(1 / 0.6, ...centre()) }, "−"),
        h("button", { type: "button", onclick: () => { view = { ...home }; apply(); } }, "Fit"),
        h("label", {}, showEvents, " events"), h("label", {}, showPlaces, " places"),
        h("button", { type: "button", class: "secondary", onclick: toView }, "Events in this view →")),
      h("div", { class: "map-layout" }, h("div", { class: "map-box" }, svg), h("div", { class: "map-side" }, info,
        types.length ? h("ul", { class: "legend" }, types.map((t) => h("li", {}, swatch(typeColor(t)), " ", t))) : emptyEvents())),
      h("p", { class: "muted small" }, w.attribution),
    ]);
    apply();
    new ResizeObserver(apply).observe(svg);
  }

  // ---------- timeline ----------

  async function timeline(r) {
    const filters = filtersOf(r.query);
    const data = await api("/api/events/timeline", filters);
    append(main, [h("h1", {}, "Timeline"), h("p", { class: "muted small" }, "Events per day by type (by the first day of each event's date). Click a bar to list its events.")]);
    if (!data.days.length) { main.append(emptyEvents()); return; }
    const dayMs = 86400000;
    let first = Date.parse(data.days[0].day);
    const last = Date.parse(data.days[data.days.length - 1].day);
    let n = Math.round((last - first) / dayMs) + 1;
    if (n < 14) { first -= Math.floor((14 - n) / 2) * dayMs; n = 14; }
    const byDay = new Map(data.days.map((d) => [d.day, d]));
    const maxTotal = Math.max(...data.days.map((d) => d.total));
    const width = Math.max(main.clientWidth - 40, 300);
    const bw = Math.max(3, Math.min(80, Math.floor((width - 60) / n)));
    const W = 50 + bw * n + 10, H = 260, top = 10, base = H - 40, scale = (base - top) / maxTotal;
    const svg = s("svg", { class: "timeline", width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Events per day" });
    const ticks = Math.min(5, maxTotal);
    for (let i = 0; i <= ticks; i++) {
      const v = Math.round((maxTotal * i) / ticks), y = base - v * scale;
      svg.append(s("line", { x1: 45, x2: W - 5, y1: y, y2: y, class: "gridline" }), s("text", { x: 40, y: y + 4, class: "axis", "text-anchor": "end" }, String(v)));
    }
    const labelEvery = Math.max(1, Math.ceil(80 / bw));
    for (let i = 0; i < n; i++) {
      const day = new Date(first + i * dayMs).toISOString().slice(0, 10);
      const x = 50 + i * bw;
      const d = byDay.get(day);
      if (i % labelEvery === 0) svg.append(s("text", { x: x + bw / 2, y: base + 16, class: "axis", "text-anchor": "middle" }, day));
      if (!d) continue;
      let y = base;
      for (const t of data.types) {
        const c = d.counts[t];
        if (!c) continue;
        const hgt = c * scale;
        y -= hgt;
        const q = new URLSearchParams(filters);
        q.set("date_from", day); q.set("date_to", day); q.set("type", t);
        svg.append(s("rect", { x: x + 0.5, y, width: Math.max(1, bw - 1), height: hgt, fill: typeColor(t), class: "bar", tabindex: 0, onclick: () => go("events", q) }, s("title", {}, `${day} · ${t}: ${c}`)));
      }
    }
    svg.append(s("line", { x1: 45, x2: W - 5, y1: base, y2: base, class: "baseline" }));
    append(main, [
      h("div", { class: "timeline-wrap" }, svg),
      h("ul", { class: "legend inline" }, data.types.map((t) => h("li", {}, swatch(typeColor(t)), " ", t))),
    ]);
  }

  render();
})();
