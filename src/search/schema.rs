//! The tantivy schema: text fields analysed with `en_stem`, facet fields kept whole.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

/// The analyser of the text fields: tantivy's English stemmer.
pub const TOKENIZER: &str = "en_stem";

/// `TOKENIZER`'s chain before its stemmer (tantivy 0.27's `en_stem`, pinned by Cargo.lock):
/// words as query analysis reads them unstemmed (`query::words`), and what the build's
/// stem-remembering analyser stems (`index::stem_memo`). One place for both.
pub(crate) fn words_before_stemming(
) -> tantivy::tokenizer::TextAnalyzerBuilder<impl tantivy::tokenizer::Tokenizer> {
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
}

/// `TOKENIZER`'s stemmer alone, over one word that `words_before_stemming` gave: what the
/// build's stem-remembering analyser stems a new word with, and what gives an edited
/// document's words their stems (`export::analyse`).
pub(crate) fn stemmer() -> tantivy::tokenizer::TextAnalyzer {
    use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer};
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The stem `stemmer` gives `word`.
pub(crate) fn stem(stemmer: &mut tantivy::tokenizer::TextAnalyzer, word: &str) -> String {
    use tantivy::tokenizer::TokenStream;
    let mut one = stemmer.token_stream(word);
    match one.advance() {
        true => one.token().text.clone(),
        false => word.to_string(),
    }
}

/// The schema's fields, by role.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Stable key (the item's URL with any `#anchor`).
    pub key: Field,
    /// The document's place in key order, the tie-break between equal scores: a number that
    /// sorts as the export's document ids do (`index::ord_of`). Kept as a field because after
    /// `serve` updates a document in place its tantivy id is no longer its place.
    pub ord: Field,
    pub title: Field,
    pub summary: Field,
    pub body: Field,
    pub kind: Field,
    pub url: Field,
    pub date: Field,
    pub board: Field,
    pub zone: Field,
    pub component: Field,
    pub topic: Field,
    /// The body's sections (`search::sections::Section`s as JSON), stored only: what a hit's
    /// sub-result is chosen from.
    pub sections: Field,
}

impl Fields {
    /// The scored text fields with their boosts, in the order queries list them.
    pub fn text(&self) -> [(Field, f32); 3] {
        [
            (self.title, super::BOOST_TITLE),
            (self.summary, super::BOOST_SUMMARY),
            (self.body, super::BOOST_BODY),
        ]
    }

    /// The field of facet `name` (one of `FACETS`).
    pub fn facet(&self, name: &str) -> Option<Field> {
        match name {
            "kind" => Some(self.kind),
            "board" => Some(self.board),
            "zone" => Some(self.zone),
            "component" => Some(self.component),
            "topic" => Some(self.topic),
            _ => None,
        }
    }
}

/// The schema every index is built with, and its fields.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Frequencies for BM25, positions for quoted phrases.
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        ord: b.add_u64_field("ord", FAST | STORED),
        title: b.add_text_field("title", text.clone()),
        summary: b.add_text_field("summary", text.clone()),
        body: b.add_text_field("body", text),
        kind: b.add_text_field("kind", STRING | STORED),
        url: b.add_text_field("url", STORED),
        date: b.add_text_field("date", STORED),
        board: b.add_text_field("board", STRING | STORED),
        zone: b.add_text_field("zone", STRING | STORED),
        component: b.add_text_field("component", STRING | STORED),
        topic: b.add_text_field("topic", STRING | STORED),
        sections: b.add_text_field("sections", STORED),
    };
    (b.build(), fields)
}

/// Fields of an index opened from disk, looked up by name.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |n: &str| schema.get_field(n);
    Ok(Fields {
        key: f("key")?,
        ord: f("ord")?,
        title: f("title")?,
        summary: f("summary")?,
        body: f("body")?,
        kind: f("kind")?,
        url: f("url")?,
        date: f("date")?,
        board: f("board")?,
        zone: f("zone")?,
        component: f("component")?,
        topic: f("topic")?,
        sections: f("sections")?,
    })
}
