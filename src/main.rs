//! The `factcheck` binary: a thin shell over the library.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// Checking allocates many small strings per claim; mimalloc does that faster than the system
/// allocator (see BENCHMARKS.md).
///
/// Called directly rather than through the `mimalloc` crate, whose allocator asks for every
/// block through `mi_malloc_aligned`: that path costs about twice `mi_malloc`'s, and for blocks
/// above mimalloc's small sizes it over-allocates to align them. Almost every block Rust asks for
/// needs at most 8-byte alignment, which every mimalloc block has (block sizes are whole words
/// and pages are aligned), so those go to the plain calls.
struct Mimalloc;

/// The alignment every block `mi_malloc` returns has: one machine word.
const WORD_ALIGN: usize = std::mem::size_of::<usize>();

// SAFETY: each call hands the layout's size to mimalloc, and asks for its alignment explicitly
// whenever it is above the word alignment every mimalloc block has; `dealloc` frees with
// `mi_free`, which takes blocks from any of these calls.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: plain FFI allocation calls; the size is the layout's.
        unsafe {
            if layout.align() <= WORD_ALIGN {
                libmimalloc_sys::mi_malloc(layout.size()).cast()
            } else {
                libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as `alloc`.
        unsafe {
            if layout.align() <= WORD_ALIGN {
                libmimalloc_sys::mi_zalloc(layout.size()).cast()
            } else {
                libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from one of this allocator's calls (GlobalAlloc's contract).
        unsafe { libmimalloc_sys::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout` (GlobalAlloc's contract); the
        // new block keeps the alignment asked for.
        unsafe {
            if layout.align() <= WORD_ALIGN {
                libmimalloc_sys::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                libmimalloc_sys::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align())
                    .cast()
            }
        }
    }
}

#[global_allocator]
static GLOBAL: Mimalloc = Mimalloc;

fn main() {
    std::process::exit(factcheck::cli::run());
}
