//! The `factcheck` binary: a thin shell over the library.

// Checking allocates many small strings per claim; mimalloc does that faster than the system
// allocator (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(factcheck::cli::run());
}
