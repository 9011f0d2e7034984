//! The static search reads query words in the browser with the tokenizer of
//! `themes/default/static/search.js` and, for a word the hub does not hold, stems it with
//! `search-stem.js`; it only finds what tantivy indexed if it analyses text exactly as tantivy's
//! `en_stem` pipeline does. This test runs the scripts as the site ships them (minified) under
//! node and compares, word by word and text by text, with tantivy itself: every distinct token
//! of the shipped content and the test fixtures, a list of words that exercises every rule and
//! exception of the English stemmer, and whole paragraphs.
//!
//! Set `ITHUB_STEM_EXTRA_WORDS` to files of one word per line (`:`-separated) to compare a larger
//! vocabulary too, such as Snowball's `english/voc.txt`.

mod common;

use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};

/// tantivy's `en_stem`, built as tantivy registers it.
fn en_stem() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The same pipeline without the stemmer: the words the stemmer is given.
fn en_raw() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
}

/// tantivy's stemmer alone, applied to a whole string (so words with apostrophes reach it too).
fn stem_only() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(Stemmer::new(Language::English))
        .build()
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Words for every rule and exception of frostem's english.sbl (Snowball 81dd074), with
/// near misses, plus apostrophes, numbers and non-ASCII letters.
const TRICKY: &str = "
    a i an as is be by my up go us ox aa ab yo ya
    andes atlas bias cosmos early gently howe idly news only singly skies skis sky ugly
    atlases biases cosmoses earlier earliest gentle gentlemen howes idle idler newsy newsletter
    onlys singles skied skier skiing skying uglier ugliness andesite
    arsenal arsenic communal community communism communication emerge emerged emergency
    emergent emerging general generate generation generous generously inter interest
    interesting interior internal later lateral laterally latest organ organic organise
    organised organization organizer past paste pasted pasting pastor pastry pasts pastime
    universe universal university universities
    dog's dogs' boss's boss' 'tis o'clock rock'n'roll y's 's ' '' 'yes it's won't ma'am
    cries ties died tied lied flies spied sees caresses ponies bosses boss gas gaps kiwis this
    bus focus cactus virus status kisses dresses dies lies pies cities studies
    succeed succeeded succeeding proceed proceeded proceedings exceed exceedingly exceeds
    agreed agreedly feed feedly indeed bleed speed guaranteed decreed refereed eed
    evening even evenly evens canning cannery inning innings earring earrings herring herrings
    outing outings outings' dying lying tying vying eying hying crying flying spying
    hoped hopping hopped hoping luxuriating fitted filed filling controlled markedly supposedly
    deservedly jokingly amazingly seemingly willingly bed bring sing thing ring red shed
    conflated troubled sized hissed failing filing fated dated disabling unhoped rated
    rubbed added adding ebbing egged odder offed dabbed stopped planned begged hummed
    hugged trimmed fizzed fizzing hopeful fitting skinned barred allotted
    cry happy by say enjoy employ ay aye toy boy reply apply sly shy spy dry
    relational conditional rational valenci valency hesitanci hesitancy digitizer
    digitization conformabli conformably radicalli radically differentli differently vileli
    analogousli analogously vietnamization predication operator feudalism decisiveness
    hopefulness callousness formaliti formality sensitiviti sensitivity sensibiliti
    sensibility archaeology archaeologi analogi analogy geologist ecologist biologist
    zoologist hopefulli hopefully carelessli carelessly fulli lessli cheerli gladli li
    deli belli ably bli nobly humbly possibly doubly
    triplicate formative formalize electriciti electricity electrical hopefulness goodness
    sensational conditional rationalize authenticate communicative
    revival allowance inference airliner gyroscopic adjustable defensible irritant
    replacement adjustment dependent adoption homologous communism activate angulariti
    angularity effective bowdlerize decision onion explosion ion lion vision mention
    cement element ment ement statement movement enjoyment
    probate rate cease controll roll centralle cable table able mile mill fill spell well
    yes youth yellow young yonder you sayings layers buyer destroyed enjoying ayyy yyyy keyy
    toying yay eyes yield yttrium yyy sayyid boyish mayor royal
    42 1st 2nd 3rd 1990s 12ing 0 007 100000 3d 4ever b2b covid19 h1n1 x86
    café naïve über résumé résumés façade jalapeño crème brûlée piñata zoë coöperate ständig
    fiancée fiancées señor straße œuvre élan déjà müller ærø ångström naïvely éé abé yé
    crèmes cafés ébéniste médecines séance rôles résuméing öy éy yé yéy ééing ééed éées
    ünited über's 東京 ελληνικά москва ﬁne ﬁnes ﬂying ıing ǆing ēdly ūsses
    generalization generalizations nationalism nationally nationalities organizational
    relativity relativities sensitivities instrumentation instrumentalism instrumentally
    consign consigned consigning consignment consist consisted consistency consistent
    consistently knack knackered knackeries knacks knag knave knaves knavish kneaded
    kneading knee kneel kneeled kneeling kneels knees knell knelt knew knick knif knife
    knight knightly knights knit knits knitted knitting knives knob knobs knock knocked
    ";

/// Paragraphs for the tokenizer and lower-caser: punctuation, digits, case, scripts,
/// the 40-byte limit and the Unicode corners where Rust and JavaScript could disagree.
const TRICKY_TEXTS: &[&str] = &[
    "Dogs are the bests! Don't stop: it's 3.14 — 1,000 items; e-mail/co-operate (GP's) [x]",
    "ΟΔΟΣ Σίσυφος ΣΑΣ ΟΔΟς σσ Σ ΑΣ.Σ",
    "İstanbul ISTANBUL ıstanbul \u{212A}elvin \u{212B}ngström ẞtraße ǅemal ǈ ǋ",
    "Ⅻ ½ ² ٣ ৩ ⅷ 𝟘 ① x²y 3½",
    "cafe\u{301} naïve Über-résumé café's ‘quoted’ “double” don’t",
    "東京タワー 😀 x😀y 한국어 العربية עברית हिन्दी ไทย",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb ok",
    "ééééééééééééééééééééa éééééééééééééééééééé ééééééééééééééééééé b",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAİ AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAİ end",
    "Generously GENERALIZATIONS Skies SKIS Yelling sAYINGS O'Clock",
    "tab\tnew\nline\r\nnbsp\u{a0}zwsp\u{200b}joined\u{200d}x soft\u{ad}hyphen",
    "Ꭰꭰ ᏸ Ꮿ ǰ ŉ ΐ ẖ ﬀ Ｆｕｌｌｗｉｄｔｈ",
];

fn corpus_files() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = ["content", "tests/fixtures"]
        .iter()
        .flat_map(|dir| walkdir::WalkDir::new(root.join(dir)))
        .map(|e| e.expect("walk corpus").into_path())
        .filter(|p| {
            p.is_file()
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("md" | "yaml" | "yml")
                )
        })
        .collect();
    files.sort();
    files
}

/// Runs tests/stemmer_parity.js on the words and texts; returns its JSON answer.
fn run_node(words: &[String], texts: &[String]) -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scripts = common::shipped_search_scripts();
    let input = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        input.path(),
        json!({ "words": words, "texts": texts }).to_string(),
    )
    .unwrap();
    let node = std::env::var("NODE").unwrap_or_else(|_| "node".to_string());
    let out = Command::new(&node)
        .arg(root.join("tests/stemmer_parity.js"))
        .arg(input.path())
        .arg(scripts.path())
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{node}` (set NODE to node's path): {e}"));
    assert!(
        out.status.success(),
        "node failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("node printed JSON")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

/// Where two token streams first part, with a little context; None when they are equal.
fn describe(tantivy: &[String], js: &[String]) -> Option<String> {
    if tantivy == js {
        return None;
    }
    let at = tantivy.iter().zip(js).take_while(|(a, b)| a == b).count();
    let from = at.saturating_sub(2);
    Some(format!(
        "token {at} of {}/{}: tantivy {:?}, js {:?}",
        tantivy.len(),
        js.len(),
        &tantivy[from..(at + 3).min(tantivy.len())],
        &js[from..(at + 3).min(js.len())],
    ))
}

/// The start of a text, for messages.
fn snippet(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    format!("{s:?}")
}

/// Collects differences, reports how many and the first few.
#[derive(Default)]
struct Diffs {
    counts: Vec<(&'static str, usize)>,
    examples: Vec<String>,
}

impl Diffs {
    fn add(&mut self, kind: &'static str, example: String) {
        match self.counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => self.counts.push((kind, 1)),
        }
        if self.examples.len() < 40 {
            self.examples.push(format!("{kind}: {example}"));
        }
    }

    fn assert_none(&self) {
        assert!(
            self.counts.is_empty(),
            "search-stem.js differs from tantivy: {:?}\nfirst differences:\n  {}",
            self.counts,
            self.examples.join("\n  ")
        );
    }
}

#[test]
fn javascript_stemmer_matches_tantivy() {
    let mut stemmed = en_stem();
    let mut raw = en_raw();
    let mut stemmer = stem_only();

    // Texts: every paragraph of the corpus, then the tricky ones.
    let files = corpus_files();
    assert!(files.len() > 10, "corpus not found: {files:?}");
    let mut texts: Vec<String> = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        texts.extend(
            text.split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from),
        );
    }
    texts.extend(TRICKY_TEXTS.iter().map(|t| t.to_string()));

    // Words: every distinct token tantivy hands its stemmer, the tricky list as written (some
    // have apostrophes, which the tokenizer would split), and any extra vocabulary.
    let mut words: BTreeSet<String> = BTreeSet::new();
    for t in &texts {
        words.extend(tokens(&mut raw, t));
    }
    let corpus_words = words.len();
    let tricky: BTreeSet<&str> = TRICKY.split_whitespace().collect();
    assert!(tricky.len() >= 300, "only {} tricky words", tricky.len());
    words.extend(tricky.iter().map(|w| w.to_string()));
    words.extend(TRICKY.split_whitespace().flat_map(|w| tokens(&mut raw, w)));
    if let Ok(paths) = std::env::var("ITHUB_STEM_EXTRA_WORDS") {
        for p in paths.split(':').filter(|p| !p.is_empty()) {
            let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"));
            words.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|w| !w.is_empty())
                    .map(String::from),
            );
        }
    }
    let words: Vec<String> = words.into_iter().collect();

    let answer = run_node(&words, &texts);
    let js_stems = strings(&answer["stems"]);
    let js_tokens: Vec<Vec<String>> = answer["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(strings)
        .collect();
    let js_analyzed: Vec<Vec<String>> = answer["analyzed"]
        .as_array()
        .unwrap()
        .iter()
        .map(strings)
        .collect();
    assert_eq!(js_stems.len(), words.len());
    assert_eq!(js_tokens.len(), texts.len());
    assert_eq!(js_analyzed.len(), texts.len());

    let mut diffs = Diffs::default();
    for m in strings(&answer["module_mismatches"]) {
        diffs.add("script and module builds differ", format!("{m:?}"));
    }
    let mut changed = 0;
    for (w, js) in words.iter().zip(&js_stems) {
        let expected = tokens(&mut stemmer, w);
        let expected = expected.first().map(String::as_str).unwrap_or("");
        if expected != w {
            changed += 1;
        }
        if js != expected {
            diffs.add("stem", format!("{w:?}: tantivy {expected:?}, js {js:?}"));
        }
    }
    let mut total_tokens = 0;
    for (i, t) in texts.iter().enumerate() {
        let expected_raw = tokens(&mut raw, t);
        let expected = tokens(&mut stemmed, t);
        total_tokens += expected.len();
        if let Some(d) = describe(&expected_raw, &js_tokens[i]) {
            diffs.add("tokenize", format!("{}: {d}", snippet(t)));
        }
        if let Some(d) = describe(&expected, &js_analyzed[i]) {
            diffs.add("analyze", format!("{}: {d}", snippet(t)));
        }
    }
    println!(
        "compared {} distinct words ({corpus_words} from {} corpus files and tricky texts, \
         {} tricky words; {changed} changed by stemming) and {} texts ({total_tokens} tokens)",
        words.len(),
        files.len(),
        tricky.len(),
        texts.len()
    );
    // The comparison is not vacuous: stemming changed many words.
    assert!(changed > 200, "only {changed} words changed by stemming");
    diffs.assert_none();
}
