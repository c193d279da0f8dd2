//! `Document::validate`: the invariants every stage must leave intact.

use crate::{DateSource, Document, EntityKind, Id, Layer, ModelError};
use sitrep_span::Span;
use std::collections::BTreeSet;

impl Document {
    /// Checks the document's invariants: every span lies in the text on char boundaries, layers
    /// are sorted by span, record ids are unique across layers and every reference resolves.
    pub fn validate(&self) -> Result<(), ModelError> {
        let text = self.text();
        let err = |layer: Layer, message: String| ModelError::Invalid {
            doc: self.meta.id.clone(),
            layer,
            message,
        };
        let check =
            |layer: Layer, span: Span| span.check(text).map_err(|e| err(layer, e.to_string()));
        let sorted = |layer: Layer, spans: &mut dyn Iterator<Item = Span>| {
            let mut prev: Option<Span> = None;
            for s in spans {
                check(layer, s)?;
                if let Some(p) = prev
                    && (p.start, p.end) > (s.start, s.end)
                {
                    return Err(err(layer, format!("records out of order: {p} before {s}")));
                }
                prev = Some(s);
            }
            Ok(())
        };
        sorted(Layer::Flags, &mut self.flags.iter().map(|r| r.span))?;
        sorted(
            Layer::Paragraphs,
            &mut self.paragraphs.iter().map(|r| r.span),
        )?;
        sorted(Layer::Sentences, &mut self.sentences.iter().map(|r| r.span))?;
        sorted(Layer::Tokens, &mut self.tokens.iter().map(|r| r.span))?;
        sorted(Layer::Entities, &mut self.entities.iter().map(|r| r.span))?;
        sorted(Layer::Dates, &mut self.dates.iter().map(|r| r.span))?;
        sorted(
            Layer::Quantities,
            &mut self.quantities.iter().map(|r| r.span),
        )?;
        sorted(Layer::Quotes, &mut self.quotes.iter().map(|r| r.span))?;
        sorted(Layer::Places, &mut self.places.iter().map(|r| r.span))?;
        sorted(Layer::Events, &mut self.events.iter().map(|r| r.span))?;
        for w in self.sentences.windows(2) {
            if let [a, b] = w
                && a.span.overlaps(b.span)
            {
                return Err(err(
                    Layer::Sentences,
                    format!("{} overlaps {}", a.span, b.span),
                ));
            }
        }

        // Ids: unique across layers; remember which layer owns each.
        let mut ids: BTreeSet<Id> = BTreeSet::new();
        let mut by_layer: [BTreeSet<Id>; 6] = Default::default();
        let layers = [
            (
                Layer::Entities,
                self.entities.iter().map(|r| r.id).collect::<Vec<_>>(),
            ),
            (Layer::Dates, self.dates.iter().map(|r| r.id).collect()),
            (
                Layer::Quantities,
                self.quantities.iter().map(|r| r.id).collect(),
            ),
            (Layer::Quotes, self.quotes.iter().map(|r| r.id).collect()),
            (Layer::Places, self.places.iter().map(|r| r.id).collect()),
            (Layer::Events, self.events.iter().map(|r| r.id).collect()),
        ];
        for (i, (layer, list)) in layers.iter().enumerate() {
            for &id in list {
                if !ids.insert(id) {
                    return Err(err(*layer, format!("duplicate id {id}")));
                }
                if let Some(set) = by_layer.get_mut(i) {
                    set.insert(id);
                }
            }
        }
        let [_, dates, quantities, quotes, places, _] = &by_layer;
        let entities = &by_layer[0];
        let refers = |layer: Layer, what: &str, id: Option<Id>, set: &BTreeSet<Id>| match id {
            Some(id) if !set.contains(&id) => {
                Err(err(layer, format!("{what} refers to missing record {id}")))
            }
            _ => Ok(()),
        };

        for e in &self.entities {
            if let Some(org) = e.organisation
                && !self
                    .entities
                    .iter()
                    .any(|o| o.id == org && o.kind == EntityKind::Org)
            {
                return Err(err(
                    Layer::Entities,
                    format!(
                        "entity {} names organisation {org}, not an ORG entity",
                        e.id
                    ),
                ));
            }
        }
        for d in &self.dates {
            if let (Some(s), Some(e)) = (d.start, d.end)
                && s > e
            {
                return Err(err(
                    Layer::Dates,
                    format!("date {} ends before it starts", d.id),
                ));
            }
        }
        for q in &self.quantities {
            if !q.value.is_finite() || q.max.is_some_and(|m| !m.is_finite() || m < q.value) {
                return Err(err(
                    Layer::Quantities,
                    format!("quantity {} has a bad value", q.id),
                ));
            }
        }
        for q in &self.quotes {
            check(Layer::Quotes, q.content)?;
            for span in [q.cue, q.hedge, q.channel].into_iter().flatten() {
                check(Layer::Quotes, span)?;
            }
            if let Some(sp) = &q.speaker {
                if let Some(s) = sp.span {
                    check(Layer::Quotes, s)?;
                }
                refers(Layer::Quotes, "speaker", sp.entity, entities)?;
            }
        }
        for p in &self.places {
            let lat_ok = p.lat.is_none_or(|v| (-90.0..=90.0).contains(&v));
            let lon_ok = p.lon.is_none_or(|v| (-180.0..=180.0).contains(&v));
            if !lat_ok || !lon_ok {
                return Err(err(
                    Layer::Places,
                    format!("place {} has bad coordinates", p.id),
                ));
            }
            refers(Layer::Places, "entity", p.entity, entities)?;
        }
        for e in &self.events {
            check(Layer::Events, e.trigger)?;
            for s in &e.evidence {
                check(Layer::Events, *s)?;
            }
            for part in [&e.actor, &e.target].into_iter().flatten() {
                if let Some(s) = part.span {
                    check(Layer::Events, s)?;
                }
                refers(Layer::Events, "participant", part.entity, entities)?;
            }
            refers(Layer::Events, "place", e.place, places)?;
            refers(Layer::Events, "count", e.count, quantities)?;
            refers(Layer::Events, "source", e.source, quotes)?;
            if let Some(date) = &e.date
                && let DateSource::Mention(id) = date.from
            {
                refers(Layer::Events, "date", Some(id), dates)?;
            }
            if !(0.0..=1.0).contains(&e.confidence) {
                return Err(err(
                    Layer::Events,
                    format!("event {} confidence out of 0..1", e.id),
                ));
            }
        }
        Ok(())
    }
}
