//! `--explain`, layer by layer: small texts, and for a mention (or a date, or
//! a participant) the provenance its record gives. Runs the library with
//! `Options::explain`; `tests/cli.rs` checks the binary on the seed and
//! `fixtures/explain/` holds golden records written with it.

use pressx::record::{Record, to_record};
use pressx::{Options, Resources};

/// The record of `text` with `--explain`.
fn explained(text: &str) -> Record {
    static RESOURCES: std::sync::OnceLock<Resources> = std::sync::OnceLock::new();
    let resources = RESOURCES.get_or_init(Resources::builtin);
    let options = Options {
        explain: true,
        ..Options::default()
    };
    to_record(&pressx::extract("t", text, resources, &options), false)
}

/// Every (layer, mention text, explain) of a record, in record order.
fn provenance(r: &Record) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    let mut add = |layer, text: &str, why: &Option<String>| {
        out.push((layer, text.to_string(), why.clone().unwrap_or_default()));
    };
    for o in &r.organisations {
        o.mentions
            .iter()
            .for_each(|m| add("organisation", &m.text, &m.explain));
    }
    for p in &r.people {
        p.mentions
            .iter()
            .for_each(|m| add("person", &m.text, &m.explain));
    }
    for l in &r.locations {
        l.mentions
            .iter()
            .for_each(|m| add("location", &m.text, &m.explain));
    }
    for d in &r.dates {
        add("date", &d.text, &d.explain);
    }
    for p in &r.participants {
        let party = p
            .organisation
            .as_deref()
            .or(p.country.as_deref())
            .unwrap_or("");
        add("participant", party, &p.explain);
    }
    out
}

/// (case, text, layer, mention text or participant id, expected explain or its prefix with `…`).
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const HEAD: &str = "Talks held\n\n";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Organisations.
    ("gazetteer acronym", "The SCO met.", "organisation", "SCO", "gazetteer organisations.tsv:…"),
    ("gazetteer name", "The Shanghai Cooperation Organisation met.", "organisation", "Shanghai Cooperation Organisation", "gazetteer organisations.tsv:…"),
    ("definition: long form", "The Arab Interior Ministers' Council (AIMC) met.", "organisation", "Arab Interior Ministers' Council", "definition \"Arab Interior Ministers' Council (AIMC)\" 4-43"),
    ("definition: the acronym", "The Arab Interior Ministers' Council (AIMC) met.", "organisation", "AIMC", "definition \"Arab Interior Ministers' Council (AIMC)\" 4-43"),
    ("definition: a later use", "The Arab Interior Ministers' Council (AIMC) met. The AIMC agreed.", "organisation", "AIMC#2", "definition \"Arab Interior Ministers' Council (AIMC)\" 4-43"),
    ("alias", "The Collective Security Treaty Organization (hereinafter – the Organization) met. The Organization agreed.", "organisation", "Organization", "alias \"(hereinafter – the Organization)\" …"),
    // Places.
    ("country", "They met in Tunisia.", "location", "Tunisia", "gazetteer countries.tsv:…"),
    ("city", "They met in Astana.", "location", "Astana", "gazetteer cities.tsv:…"),
    // People.
    ("title", "Deputy Director Akhat Mukashev spoke.", "person", "Akhat Mukashev", "title \"Deputy Director\" …"),
    ("honorific", "Mr Akhat Mukashev spoke.", "person", "Akhat Mukashev", "honorific \"Mr\" …"),
    ("apposition after", "Akhat Mukashev, Deputy Director of the SCO, spoke.", "person", "Akhat Mukashev", "apposition \"Deputy Director\" …"),
    ("led by", "The delegation was led by Akhat Mukashev.", "person", "Akhat Mukashev", "led by \"led by\" …"),
    ("said", "Akhat Mukashev said the talks went well.", "person", "Akhat Mukashev", "said \"said\" …"),
    ("given name", "Sergey Lavrov spoke.", "person", "Sergey Lavrov", "gazetteer given_names.tsv:…"),
    ("later mention", "Deputy Director Akhat Mukashev spoke. Mukashev left.", "person", "Mukashev", "later mention of \"Akhat Mukashev\" 16-30"),
    // Dates.
    ("day month year", "It met on 20 May 2020.", "date", "20 May 2020", "rule day month year"),
    ("month day year", "It met on May 20, 2020.", "date", "May 20, 2020", "rule month day year"),
    ("numeric", "It met on 20.05.2020.", "date", "20.05.2020", "rule numeric date"),
    ("year first", "It met on 2020-05-20.", "date", "2020-05-20", "rule numeric year month day"),
    ("month year", "It met in May 2020.", "date", "May 2020", "rule month year"),
    ("year", "It met in 2019.", "date", "2019", "rule year"),
    ("range of days", "It met from 20 to 22 May 2020.", "date", "20 to 22 May 2020", "rule range of days"),
    ("relative", "It met yesterday.", "date", "yesterday", "rule relative: yesterday"),
    ("quarter", "It meets in the first quarter of 2021.", "date", "first quarter of 2021", "rule quarter"),
    ("decade", "It grew in the 1990s.", "date", "1990s", "rule decade"),
    ("dateline", "TASHKENT, 15 June 2022 – The talks ended.", "date", "15 June 2022", "rule dateline"),
    // Participants.
    ("hosted by", "The meeting was hosted by Kazakhstan.", "participant", "KZ", "role cue \"hosted by\" …"),
    ("took part", "The SCO and INTERPOL took part in the meeting.", "participant", "interpol", "role cue \"took part\" …"),
    ("member states of", "The meeting brought together the SCO member states: Kazakhstan and China.", "participant", "CN", "role cue \"member states\" …"),
];

#[test]
fn every_layer_says_what_produced_it() {
    let mut failures = Vec::new();
    for &(name, body, layer, target, want) in CASES {
        let text = format!("{HEAD}{body}");
        let record = explained(&text);
        let all = provenance(&record);
        // "AIMC#2": the second mention with that text.
        let (target, nth) = match target.split_once('#') {
            Some((t, n)) => (t, n.parse::<usize>().expect("a number") - 1),
            None => (target, 0),
        };
        let got = all
            .iter()
            .filter(|(l, t, _)| *l == layer && t == target)
            .nth(nth)
            .map(|(_, _, why)| why.as_str());
        // Offsets in the cases count from the start of the body.
        let want = shift(want, HEAD.chars().count());
        let ok = match (got, want.strip_suffix('…')) {
            (Some(g), Some(prefix)) => g.starts_with(prefix) && g.len() > prefix.len(),
            (Some(g), None) => g == want,
            (None, _) => false,
        };
        if !ok {
            failures.push(format!(
                "{name}: {layer} {target:?}: want {want:?}, got {got:?}; all: {all:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `want` with a trailing `START-END` moved by `by` code points.
fn shift(want: &str, by: usize) -> String {
    let Some((head, range)) = want.rsplit_once(' ') else {
        return want.to_string();
    };
    let Some((a, b)) = range.split_once('-') else {
        return want.to_string();
    };
    match (a.parse::<usize>(), b.parse::<usize>()) {
        (Ok(a), Ok(b)) => format!("{head} {}-{}", a + by, b + by),
        _ => want.to_string(),
    }
}

#[test]
fn without_explain_the_record_has_none() {
    let resources = Resources::builtin();
    let text =
        format!("{HEAD}Deputy Director Akhat Mukashev of the SCO met in Tunisia on 20 May 2020.");
    let doc = pressx::extract("t", &text, &resources, &Options::default());
    assert!(doc.explain.is_none());
    // The per-mention lists are not even kept (they would cost an allocation each).
    assert!(!doc.organisations.is_empty());
    assert!(doc.organisations.iter().all(|o| o.why.is_empty()));
    assert!(doc.people.iter().all(|p| p.why.is_empty()));
    assert!(doc.locations.iter().all(|l| l.why.is_empty()));
    let json = serde_json::to_string(&to_record(&doc, false)).expect("serialises");
    assert!(!json.contains("explain"), "{json}");
}

#[test]
fn every_mention_has_provenance_in_every_fixture() {
    let resources = Resources::builtin();
    let options = Options {
        explain: true,
        ..Options::default()
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for txt in pressx::check::fixtures(&dir).expect("fixtures") {
        let text = std::fs::read_to_string(&txt).expect("readable");
        let doc = pressx::extract("t", &text, &resources, &options);
        let lengths = doc
            .organisations
            .iter()
            .map(|o| (o.mentions.len(), o.why.len()))
            .chain(doc.people.iter().map(|p| (p.mentions.len(), p.why.len())))
            .chain(
                doc.locations
                    .iter()
                    .map(|l| (l.mentions.len(), l.why.len())),
            );
        for (mentions, why) in lengths {
            assert_eq!(mentions, why, "{}", txt.display());
        }
        for (layer, text, why) in provenance(&to_record(&doc, false)) {
            assert!(
                !why.is_empty() && why != "unknown" && !why.starts_with("rule name"),
                "{}: {layer} {text:?}: {why:?}",
                txt.display()
            );
        }
    }
}
