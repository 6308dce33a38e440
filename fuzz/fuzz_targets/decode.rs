//! AFL++ target: decoding input bytes (`input::decode`: BOMs, UTF-16, NUL bytes, invalid UTF-8).

fn main() {
    afl::fuzz!(|data: &[u8]| {
        factcheck_fuzz::decode(data);
    });
}
