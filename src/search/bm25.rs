//! Every piece of BM25 maths the Rust side does for the export: tantivy's idf, the length
//! tables (fieldnorm ids and the token counts they stand for), and where the client's f64
//! logarithm would round differently from tantivy's f32 one. The client (`search.js`) rebuilds
//! the score from these; `query` leaves the scoring itself to tantivy.

use std::collections::BTreeMap;
use tantivy::fieldnorm::FieldNormReader;

/// tantivy's idf of a term held by `df` of `n` documents, in f32.
pub(crate) fn idf(df: u64, n: u64) -> f32 {
    let x = ((n - df) as f32 + 0.5) / (df as f32 + 0.5);
    (1.0 + x).ln()
}

/// The idf as the client computes it (f64 logarithm rounded to f32).
fn client_idf(df: u64, n: u64) -> f32 {
    let x = ((n - df) as f32 + 0.5) / (df as f32 + 0.5);
    f64::from(1.0 + x).ln() as f32
}

/// tantivy's idf for each document frequency in `dfs` where the client's would round
/// differently, keyed by the frequency in decimal (the export's `idfFix`).
pub(crate) fn idf_fix(dfs: impl IntoIterator<Item = u64>, n: u64) -> BTreeMap<String, f32> {
    dfs.into_iter()
        .filter(|&df| idf(df, n).to_bits() != client_idf(df, n).to_bits())
        .map(|df| (df.to_string(), idf(df, n)))
        .collect()
}

/// The one-byte length tantivy keeps for a field of `tokens` tokens.
pub(crate) fn fieldnorm_id(tokens: u64) -> u8 {
    FieldNormReader::fieldnorm_to_id(tokens as u32)
}

/// The token count each of the 256 fieldnorm ids stands for: from it the client rebuilds
/// tantivy's length-norm cache with the average field length.
pub(crate) fn fieldnorm_table() -> Vec<u32> {
    (0..=255u8).map(FieldNormReader::id_to_fieldnorm).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idf_falls_as_more_documents_hold_the_term() {
        let n = 1000;
        let idfs: Vec<f32> = (1..=n).map(|df| idf(df, n)).collect();
        assert!(
            idfs.windows(2).all(|w| w[0] > w[1]),
            "idf must fall with df"
        );
        assert!(idf(n, n) > 0.0, "tantivy's idf stays positive");
    }

    #[test]
    fn idf_fix_lists_exactly_the_frequencies_where_the_logarithms_part() {
        let n = 5000;
        let fix = idf_fix(1..=n, n);
        for df in 1..=n {
            let differs = idf(df, n).to_bits() != client_idf(df, n).to_bits();
            assert_eq!(
                fix.get(&df.to_string()),
                differs.then(|| idf(df, n)).as_ref()
            );
        }
        assert!(
            !fix.is_empty(),
            "some rounding differs over 5,000 frequencies"
        );
    }

    #[test]
    fn every_fieldnorm_id_names_its_own_length() {
        let table = fieldnorm_table();
        assert_eq!(table.len(), 256);
        for (id, &len) in table.iter().enumerate() {
            assert_eq!(fieldnorm_id(u64::from(len)), id as u8, "length {len}");
        }
        assert!(table.windows(2).all(|w| w[0] < w[1]));
    }
}
