//! The `factcheck` binary: a thin shell over the library.

fn main() {
    std::process::exit(factcheck::cli::run());
}
