//! AFL++ target: a Markdown article (`input::build` with `TextFormat::Markdown`) through the whole pipeline.

use factcheck::input::TextFormat;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        factcheck_fuzz::article(data, TextFormat::Markdown);
    });
}
