//! AFL++ target: an HTML article (`input::build` with `TextFormat::Html`) through the whole pipeline.

use factcheck::input::TextFormat;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        factcheck_fuzz::article(data, TextFormat::Html);
    });
}
