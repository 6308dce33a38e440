//! AFL++ target: the `factcheck.toml` loader (`config::parse`).

fn main() {
    afl::fuzz!(|data: &[u8]| {
        factcheck_fuzz::config(data);
    });
}
