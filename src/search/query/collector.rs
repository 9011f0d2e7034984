//! A collector of every match with its plain BM25 score.

use super::Scored;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Every matching document with its score. Unlike `TopDocs`, this never prunes, so the scores
/// are the plain sums of the clauses' BM25 scores.
pub(super) struct AllScores;
pub(super) struct SegmentScores {
    segment: SegmentOrdinal,
    ords: tantivy::columnar::Column<u64>,
    found: Vec<Scored>,
}

impl Collector for AllScores {
    type Fruit = Vec<Scored>;
    type Child = SegmentScores;
    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        r: &SegmentReader,
    ) -> tantivy::Result<SegmentScores> {
        Ok(SegmentScores {
            segment,
            ords: r.fast_fields().u64("ord")?,
            found: Vec::new(),
        })
    }
    fn requires_scoring(&self) -> bool {
        true
    }
    fn merge_fruits(&self, fruits: Vec<Vec<Scored>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentScores {
    type Fruit = Vec<Scored>;
    fn collect(&mut self, doc: DocId, score: Score) {
        let ord = self.ords.first(doc).unwrap_or(u64::from(doc));
        self.found
            .push((score, ord, DocAddress::new(self.segment, doc)));
    }
    fn harvest(self) -> Self::Fruit {
        self.found
    }
}
