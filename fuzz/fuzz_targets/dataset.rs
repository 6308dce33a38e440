//! AFL++ target: the strict dataset loader (`dataset::load_str`); a dataset that loads is checked against a small article.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        factcheck_fuzz::dataset(data);
    });
}
