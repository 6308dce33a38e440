//! AFL++ target: a plain-text article (`Document::from_text`, the reader, linker, judge and every report format) with the built-in dataset.

use factcheck::input::TextFormat;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        factcheck_fuzz::article(data, TextFormat::Text);
    });
}
