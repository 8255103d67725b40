//! The HTML view (`--format html`): one self-contained page per document —
//! the release text with organisations, people, dates and places highlighted
//! in distinct colours (hover for id, canonical name, acronym or ISO value),
//! and a side panel with the participants, their roles and the events. Inline
//! CSS, no scripts, no external assets; every piece of text is escaped.

use crate::record::{MentionOut, Record};
use std::fmt::Write as _;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One highlight: code-point range, layer class and hover text.
struct Mark {
    start: usize,
    end: usize,
    class: &'static str,
    title: String,
}

fn marks(record: &Record) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut add = |m: &MentionOut, class: &'static str, title: &str| {
        // With --explain the hover text also says what produced the mention.
        let title = match &m.explain {
            Some(why) => format!("{title}\n{why}"),
            None => title.to_string(),
        };
        out.push(Mark {
            start: m.start,
            end: m.end,
            class,
            title,
        });
    };
    for o in &record.organisations {
        let title = match &o.acronym {
            Some(a) => format!("organisation {} — {} ({a}), {}", o.id, o.name, o.kind),
            None => format!("organisation {} — {}, {}", o.id, o.name, o.kind),
        };
        o.mentions.iter().for_each(|m| add(m, "org", &title));
    }
    for p in &record.people {
        let mut title = format!("person — {}", p.name);
        if !p.titles.is_empty() {
            let _ = write!(title, ", {}", p.titles.join(", "));
        }
        if let Some(a) = &p.affiliation {
            let _ = write!(title, " ({a})");
        }
        p.mentions.iter().for_each(|m| add(m, "person", &title));
    }
    for l in &record.locations {
        let title = match &l.country {
            Some(c) => format!("place — {} ({c})", l.name),
            None => format!("place — {}", l.name),
        };
        l.mentions.iter().for_each(|m| add(m, "place", &title));
    }
    for d in &record.dates {
        let value = d.value.as_deref().unwrap_or("unresolved");
        out.push(Mark {
            start: d.start,
            end: d.end,
            class: "date",
            title: match &d.explain {
                Some(why) => format!("date — {value} ({})\n{why}", d.granularity),
                None => format!("date — {value} ({})", d.granularity),
            },
        });
    }
    // Leftmost first, longest first; an overlapping later mark is dropped.
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<Mark> = Vec::with_capacity(out.len());
    for m in out {
        if kept.last().is_none_or(|k| m.start >= k.end) {
            kept.push(m);
        }
    }
    kept
}

const STYLE: &str = "body{font:16px/1.55 system-ui,sans-serif;margin:0;display:flex;gap:2rem;color:#222}\
main{flex:3;padding:1.5rem 2rem;max-width:52rem}aside{flex:1;padding:1.5rem;background:#f6f6f4;min-width:16rem}\
.text{white-space:pre-wrap}mark{border-radius:3px;padding:0 1px;cursor:help}\
mark.org{background:#cfe3ff}mark.person{background:#ffd9b3}mark.date{background:#d4f5d0}mark.place{background:#f3d1f7}\
.legend mark{margin-right:.4rem}h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:1.5rem}\
table{border-collapse:collapse;font-size:.9rem}td,th{text-align:left;padding:2px 8px 2px 0;vertical-align:top}\
code{font-size:.85rem}";

/// The page for one document: `text` is the text the record's offsets refer to.
pub fn page(record: &Record, text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 + 4096);
    let title = record.title.as_deref().unwrap_or(&record.id);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} — pressx</title>\
         <style>{STYLE}</style></head><body><main><h1>{}</h1>\
         <p class=\"legend\"><mark class=\"org\">organisation</mark><mark class=\"person\">person</mark>\
         <mark class=\"date\">date</mark><mark class=\"place\">place</mark></p><div class=\"text\">",
        escape(title),
        escape(&record.id)
    );
    // Code-point offsets → byte offsets, walking the text once.
    let bytes_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let at = |cp: usize| bytes_at.get(cp).copied().unwrap_or(text.len());
    let mut pos = 0;
    for m in marks(record) {
        let (s, e) = (at(m.start), at(m.end));
        if s < pos || e < s {
            continue;
        }
        out.push_str(&escape(&text[pos..s]));
        let _ = write!(
            out,
            "<mark class=\"{}\" title=\"{}\">{}</mark>",
            m.class,
            escape(&m.title),
            escape(&text[s..e])
        );
        pos = e;
    }
    out.push_str(&escape(&text[pos..]));
    out.push_str("</div></main><aside>");
    side_panel(&mut out, record);
    out.push_str("</aside></body></html>\n");
    out
}

fn side_panel(out: &mut String, record: &Record) {
    let name_of = |id: &str| {
        record
            .organisations
            .iter()
            .find(|o| o.id == id)
            .map_or(id.to_string(), |o| {
                o.acronym.clone().unwrap_or(o.name.clone())
            })
    };
    let _ = write!(out, "<h2>Participants</h2>");
    if record.participants.is_empty() {
        out.push_str("<p>none found</p>");
    } else {
        out.push_str(
            "<table id=\"participants\"><tr><th>who</th><th>role</th><th>sentence</th></tr>",
        );
        for p in &record.participants {
            let who = match (&p.organisation, &p.country) {
                (Some(id), _) => name_of(id),
                (None, Some(c)) => c.clone(),
                _ => String::new(),
            };
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&who),
                escape(&p.role),
                p.sentence
            );
        }
        out.push_str("</table>");
    }
    for e in &record.events {
        let _ = write!(
            out,
            "<h2>Event</h2><p><strong>{}</strong></p><table>",
            escape(&e.name)
        );
        let mut row = |k: &str, v: Option<String>| {
            if let Some(v) = v {
                let _ = write!(out, "<tr><th>{k}</th><td>{}</td></tr>", escape(&v));
            }
        };
        row(
            "aliases",
            (!e.aliases.is_empty()).then(|| e.aliases.join(", ")),
        );
        row("date", e.date.clone());
        row("mode", e.mode.clone());
        row("organiser", e.organiser.as_deref().map(name_of));
        row("location", e.location.clone());
        row(
            "next",
            e.next.as_ref().map(|n| {
                [n.date.as_deref(), n.location.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        );
        out.push_str("</table>");
    }
    let _ = write!(
        out,
        "<h2>Found</h2><p>{} organisations, {} people, {} dates, {} places, {} sentences</p>\
         <p><code>{}</code></p>",
        record.organisations.len(),
        record.people.len(),
        record.dates.len(),
        record.locations.len(),
        record.sentences.len(),
        escape(&record.schema)
    );
}

/// The index page of a batch: one link per document page (`<id>.html`).
pub fn index(entries: &[(String, Option<String>)]) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>pressx — {} documents</title>\
         <style>{STYLE}</style></head><body><main><h1>{} documents</h1><ul>",
        entries.len(),
        entries.len()
    );
    for (id, title) in entries {
        let href: String = id
            .split('/')
            .map(percent_encode)
            .collect::<Vec<_>>()
            .join("/");
        let _ = write!(
            out,
            "<li><a href=\"{}.html\">{}</a>",
            escape(&href),
            escape(id)
        );
        if let Some(t) = title {
            let _ = write!(out, " — {}", escape(t));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></main></body></html>\n");
    out
}

fn percent_encode(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, Resources, extract, record::to_record};

    #[test]
    fn text_is_escaped() {
        let text = "Alert <script>alert('x')</script> & \"quotes\"\n\nThe SCO met in Tunisia.";
        let doc = extract("x<y", text, &Resources::builtin(), &Options::default());
        let page = page(&to_record(&doc, false), &doc.text);
        assert!(!page.contains("<script>"), "{page}");
        assert!(
            page.contains(
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"
            )
        );
        assert!(page.contains("<h1>x&lt;y</h1>"));
        assert!(
            page.contains("<mark class=\"place\" title=\"place — Tunisia (TN)\">Tunisia</mark>")
        );
    }

    #[test]
    fn every_mention_is_highlighted_once() {
        let text = "Héads meet\n\nThe Arab Interior Ministers’ Council (AIMC) met in Tunisia. AIMC agreed.";
        let doc = extract("d", text, &Resources::builtin(), &Options::default());
        let record = to_record(&doc, false);
        let page = page(&record, &doc.text);
        let mentions: usize = record
            .organisations
            .iter()
            .map(|o| o.mentions.len())
            .sum::<usize>()
            + record
                .locations
                .iter()
                .map(|l| l.mentions.len())
                .sum::<usize>()
            + record
                .people
                .iter()
                .map(|p| p.mentions.len())
                .sum::<usize>()
            + record.dates.len();
        assert!(mentions >= 4);
        assert_eq!(
            page.matches("<mark class=\"org\"").count()
                + page.matches("<mark class=\"place\"").count()
                + page.matches("<mark class=\"person\"").count()
                + page.matches("<mark class=\"date\"").count()
                - 4,
            mentions,
            "the legend has four marks"
        );
        assert!(page.contains(">Arab Interior Ministers’ Council</mark>"));
    }

    #[test]
    fn explain_shows_in_the_hover_text() {
        let text = "Talks\n\nThe SCO met in Tunisia on 20 May 2020.";
        let options = Options {
            explain: true,
            ..Options::default()
        };
        let doc = extract("d", text, &Resources::builtin(), &options);
        let page = page(&to_record(&doc, false), &doc.text);
        assert!(
            page.contains("title=\"place — Tunisia (TN)\ngazetteer countries.tsv:"),
            "{page}"
        );
        assert!(page.contains("(day)\nrule day month year\">20 May 2020</mark>"));
    }

    #[test]
    fn index_links_are_encoded() {
        let page = index(&[("a b/<c>".to_string(), Some("T & U".to_string()))]);
        assert!(page.contains("href=\"a%20b/%3Cc%3E.html\""));
        assert!(page.contains("a b/&lt;c&gt;</a> — T &amp; U"));
    }
}
