//! Long documents are checked block by block, so that memory and the cost of each claim stay
//! bounded whatever the input's size: tokens, names, claims and reports of one block at a time.
//!
//! A block ends at a line break between two paragraphs. Nothing reaches across such a cut: the
//! reader parses each paragraph on its own and no token spans a line break; no dataset name
//! holds a line break (else the document is one block); and linking looks back at most to the
//! start of the paragraph before the claim's. So each block's names are found in a window that
//! starts one block earlier, and the claims, links and verdicts are exactly those of reading
//! the whole document at once.

use crate::dataset::index::Index;
use crate::document::{Document, Span};

/// A part of a document to check: claims are read in `range`; names are found in `window`
/// (which holds the paragraph before the range's first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Block {
    pub range: Span,
    pub window: Span,
}

/// Blocks of at least `target` bytes (the last may be shorter); the whole document as one block
/// when it is shorter than twice that or cannot be cut safely.
pub(super) fn blocks(doc: &Document, index: &Index, target: usize) -> Vec<Block> {
    let whole = Span::new(0, doc.text.len());
    let one = vec![Block {
        range: whole,
        window: whole,
    }];
    if doc.text.len() < target.saturating_mul(2) || !cuttable(doc, index) {
        return one;
    }
    let bytes = doc.text.as_bytes();
    let mut cuts = vec![0];
    let mut last = 0;
    for pair in doc.paragraphs.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.end < last + target || b.start > doc.text.len() - target / 2 {
            continue;
        }
        let gap = &bytes[a.end..b.start];
        if !gap.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if let Some(nl) = gap.iter().position(|&c| c == b'\n') {
            last = a.end + nl;
            cuts.push(last);
        }
    }
    cuts.push(doc.text.len());
    if cuts.len() <= 2 {
        return one;
    }
    cuts.windows(2)
        .enumerate()
        .map(|(k, c)| Block {
            range: Span::new(c[0], c[1]),
            window: Span::new(if k == 0 { 0 } else { cuts[k - 1] }, c[1]),
        })
        .collect()
}

/// The parts of sorted, disjoint `prose` ranges inside `within`.
pub(super) fn clip(prose: &[Span], within: Span) -> Vec<Span> {
    let from = prose.partition_point(|p| p.end <= within.start);
    prose[from..]
        .iter()
        .take_while(|p| p.start < within.end)
        .map(|p| Span::new(p.start.max(within.start), p.end.min(within.end)))
        .filter(|p| p.start < p.end)
        .collect()
}

/// Whether cutting between paragraphs keeps the result exact: no name holds a line break, the
/// prose ranges are sorted, and every non-blank byte of prose lies in a paragraph (a claim
/// outside any paragraph would look back at the whole document for its context).
fn cuttable(doc: &Document, index: &Index) -> bool {
    let line_break = |s: &str| s.contains(['\n', '\r']);
    if index.entities.iter().any(|e| line_break(&e.name))
        || index
            .figures
            .iter()
            .any(|f| f.figure.aliases.iter().any(|a| line_break(a.trim())))
    {
        return false;
    }
    if !doc.prose.windows(2).all(|w| w[0].end <= w[1].start)
        || !doc.paragraphs.windows(2).all(|w| w[0].end <= w[1].start)
    {
        return false;
    }
    let bytes = doc.text.as_bytes();
    let mut p = 0;
    for range in &doc.prose {
        let mut at = range.start;
        while at < range.end {
            while p < doc.paragraphs.len() && doc.paragraphs[p].end <= at {
                p += 1;
            }
            let next = doc.paragraphs.get(p).map_or(range.end, |para| para.start);
            if next > at {
                // Prose outside paragraphs, up to the next one: blank only.
                let end = next.min(range.end);
                if !bytes[at..end].iter().all(u8::is_ascii_whitespace) {
                    return false;
                }
                at = end;
            } else {
                at = doc.paragraphs[p].end.min(range.end).max(at + 1);
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Checker;

    #[test]
    fn clip_cuts_prose_to_a_window() {
        let prose = [Span::new(0, 10), Span::new(20, 30), Span::new(40, 50)];
        assert_eq!(
            clip(&prose, Span::new(5, 45)),
            vec![Span::new(5, 10), Span::new(20, 30), Span::new(40, 45)]
        );
        assert_eq!(clip(&prose, Span::new(10, 20)), vec![]);
    }

    #[test]
    fn blocks_end_at_line_breaks_between_paragraphs() {
        let text = crate::synth::Corpus::builtin(3).text(60_000, 3_000);
        let doc = Document::from_text("t".into(), text);
        let checker = Checker::new(&[crate::dataset::builtin()]);
        let blocks = blocks(&doc, &checker.index, 4_000);
        assert!(blocks.len() > 5);
        assert_eq!(blocks[0].range.start, 0);
        assert_eq!(blocks.last().unwrap().range.end, doc.text.len());
        for w in blocks.windows(2) {
            assert_eq!(w[0].range.end, w[1].range.start);
            assert_eq!(w[1].window.start, w[0].range.start);
            assert_eq!(doc.text.as_bytes()[w[1].range.start], b'\n');
        }
    }

    /// Checking block by block gives the report of checking the whole document at once.
    #[test]
    fn blocks_give_the_whole_document_report() {
        let mut checker = Checker::new(&[crate::dataset::builtin()]);
        let mut texts: Vec<String> = std::fs::read_dir("fixtures/articles")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        texts.sort();
        let mut text = texts.join("\n\n");
        text.push_str(&crate::synth::Corpus::builtin(9).text(40_000, 2_500));
        let doc = Document::from_text("t".into(), text);
        let whole = serde_json::to_string(&checker.check(&doc)).unwrap();
        for target in [300, 2_000, 9_000] {
            checker.block_bytes = target;
            assert!(blocks(&doc, &checker.index, target).len() > 3);
            let by_blocks = serde_json::to_string(&checker.check(&doc)).unwrap();
            assert!(whole == by_blocks, "blocks of {target} bytes differ");
        }
    }
}
