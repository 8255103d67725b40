//! The main text of a saved release page (`--input html`): the headline (the
//! first `<h1>`, else `<title>`) and the body's blocks — paragraphs, list
//! items, sub-headings, quotations — in document order, one paragraph each,
//! list items as "- " lines. The body is taken from `<article>`, `<main>` or
//! `[role=main]` when the page has one, else from the element whose
//! paragraphs hold the most text. Menus, headers, footers, asides, forms,
//! scripts and styles are left out. Parsing is html5ever's (via `scraper`),
//! so broken markup is handled the way browsers handle it.

use scraper::{ElementRef, Html, Selector};

/// Tags whose content is never release text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg",
    "template", "iframe", "select",
];

/// Tags that make one block of text each.
const BLOCKS: &[&str] = &[
    "p",
    "li",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "address",
];

fn selector(s: &str) -> Selector {
    // The selectors are constants of this module; parsing them cannot fail.
    Selector::parse(s).expect("a valid constant selector")
}

/// Text of an element, white space collapsed, skipping unwanted subtrees.
fn text_of(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    collect(el, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        if let Some(e) = ElementRef::wrap(child) {
            let name = e.value().name();
            if SKIP.contains(&name) {
                continue;
            }
            if name == "br" {
                out.push(' ');
            }
            collect(e, out);
        } else if let Some(t) = child.value().as_text() {
            out.push_str(t);
        }
    }
}

fn skipped(el: ElementRef<'_>) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| SKIP.contains(&a.value().name()))
}

/// The element holding the release body.
fn body_container(doc: &Html) -> Option<ElementRef<'_>> {
    for s in ["article", "main", "[role=main]"] {
        if let Some(el) = doc.select(&selector(s)).find(|e| !skipped(*e)) {
            return Some(el);
        }
    }
    // The parent of paragraphs with the most text.
    let mut best: Option<(usize, ElementRef<'_>)> = None;
    let mut totals = Vec::new();
    for p in doc.select(&selector("p")).filter(|p| !skipped(*p)) {
        let Some(parent) = p.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        let len = text_of(p).len();
        let id = parent.id();
        let total = match totals.iter_mut().find(|(i, _)| *i == id) {
            Some((_, t)) => {
                *t += len;
                *t
            }
            None => {
                totals.push((id, len));
                len
            }
        };
        if best.is_none_or(|(b, _)| total > b) {
            best = Some((total, parent));
        }
    }
    best.map(|(_, el)| el)
        .or_else(|| doc.select(&selector("body")).next())
}

/// The headline and body text of a saved page, as pressx reads a text file.
pub fn main_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let headline = doc
        .select(&selector("h1"))
        .find(|h| !skipped(*h))
        .map(text_of)
        .filter(|t| !t.is_empty())
        .or_else(|| doc.select(&selector("title")).next().map(text_of))
        .unwrap_or_default();
    let mut blocks: Vec<String> = Vec::new();
    if !headline.is_empty() {
        blocks.push(headline.clone());
    }
    if let Some(container) = body_container(&doc) {
        let block_selector = selector(&BLOCKS.join(","));
        for el in container.select(&block_selector) {
            if skipped(el) {
                continue;
            }
            // A block inside another block (a <p> in an <li>) is part of the outer one.
            let nested = el
                .ancestors()
                .filter_map(ElementRef::wrap)
                .take_while(|a| a.id() != container.id())
                .any(|a| BLOCKS.contains(&a.value().name()));
            if nested {
                continue;
            }
            let text = text_of(el);
            if text.is_empty() || text == headline {
                continue;
            }
            blocks.push(if el.value().name() == "li" {
                format!("- {text}")
            } else {
                text
            });
        }
        if blocks.len() <= usize::from(!headline.is_empty()) {
            // No block elements: the container's text as one paragraph.
            let text = text_of(container);
            if !text.is_empty() {
                blocks.push(text);
            }
        }
    }
    blocks.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_of_a_release_page() {
        let html = r#"<!DOCTYPE html><html><head><title>Site | News</title>
            <style>p{color:red}</style><script>var x = "<p>not text</p>";</script></head>
            <body><header><nav><ul><li>Home</li><li>News</li></ul></nav></header>
            <article><h1>SCO RATS Council meets in Tashkent</h1>
            <p>On 15 June 2022, the Council met.</p>
            <p>The agenda:</p><ul><li>terrorism;</li><li>drug trafficking.</li></ul>
            <p>Mr Norov &amp; others <b>spoke</b>.<br>Then they left.</p></article>
            <aside><p>Related news</p></aside><footer><p>© 2022 SCO</p></footer></body></html>"#;
        assert_eq!(
            main_text(html),
            "SCO RATS Council meets in Tashkent\n\nOn 15 June 2022, the Council met.\n\nThe agenda:\n\n\
             - terrorism;\n\n- drug trafficking.\n\nMr Norov & others spoke. Then they left."
        );
    }

    #[test]
    fn densest_container_without_article() {
        let html = "<html><head><title>T</title></head><body><div class=menu><p>Home</p></div>\
            <div class=content><h1>Talks held</h1><p>First paragraph of the release.</p>\
            <p>Second paragraph of the release.</p></div></body></html>";
        assert_eq!(
            main_text(html),
            "Talks held\n\nFirst paragraph of the release.\n\nSecond paragraph of the release."
        );
    }

    #[test]
    fn broken_and_empty_markup() {
        assert_eq!(main_text(""), "");
        assert_eq!(main_text("<p>Unclosed <b>bold"), "Unclosed bold");
        assert_eq!(main_text("<title>Only a title</title>"), "Only a title");
    }
}
