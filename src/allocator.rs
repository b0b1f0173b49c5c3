//! The memory allocator geul runs on, chosen per command before any thread starts.
//!
//! `geul render` of a long article allocates and frees millions of small strings (a span,
//! a wrapped row, a parser's events) on every core at once. mimalloc serves that faster
//! than glibc's allocator: 14% less time for a 2.2 MB article, 13% for 1.1 MB, 3% for
//! 550 KB, side by side. Its start costs about a millisecond more, though, so a shorter
//! article (265 KB: 1 ms slower; the 11 KB seed: 0.7 ms) stays on glibc's.
//!
//! The reader and the listing commands read a whole folder and keep it, on several
//! threads, batch after batch. There glibc's allocator, tuned by [`tune_glibc`], holds the
//! least: a 10,000-post folder peaks at 2.37 times its bytes (`scripts/measure-memory.sh`),
//! where mimalloc, whatever its options, peaked at 2.56 times or more, past the 2.5 the
//! reader is held to.
//!
//! So the process starts on glibc's allocator (the runtime and the argument parser
//! allocate before the command is known) and a long `geul render` switches to mimalloc:
//! from then on new blocks come from mimalloc, and a block is freed or grown by whichever
//! allocator it came from, which mimalloc tells by its address
//! ([`libmimalloc_sys::mi_is_in_heap_region`]).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

use mimalloc::MiMalloc;

/// glibc's allocator until [`use_mimalloc`] is called, mimalloc's after.
pub struct ByCommand;

/// The size of file from which `geul render` runs on mimalloc.
pub const MIMALLOC_FROM: u64 = 512 * 1024;

/// Whether new blocks come from mimalloc. Never cleared once set, so a block of mimalloc's
/// is always known as one, whichever thread frees it.
static MIMALLOC: AtomicBool = AtomicBool::new(false);

/// From now on, new blocks come from mimalloc. Best called before any thread starts, so
/// that the threads' own blocks come from it too.
pub fn use_mimalloc() {
    MIMALLOC.store(true, Ordering::Relaxed);
}

/// Whether `ptr`, a block of this allocator, came from mimalloc.
fn from_mimalloc(ptr: *mut u8) -> bool {
    // SAFETY: `mi_is_in_heap_region` only looks `ptr` up in mimalloc's page map, whatever
    // it points to, and answers false before mimalloc has mapped anything.
    MIMALLOC.load(Ordering::Relaxed)
        && unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr.cast_const().cast()) }
}

// SAFETY: every block is allocated by exactly one of the two allocators and freed or grown
// by that same one: blocks from before the switch are glibc's, and mimalloc's are told by
// their address.
unsafe impl GlobalAlloc for ByCommand {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        unsafe {
            if MIMALLOC.load(Ordering::Relaxed) {
                MiMalloc.alloc(layout)
            } else {
                System.alloc(layout)
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        unsafe {
            if MIMALLOC.load(Ordering::Relaxed) {
                MiMalloc.alloc_zeroed(layout)
            } else {
                System.alloc_zeroed(layout)
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on to the allocator the block came from.
        unsafe {
            if from_mimalloc(ptr) {
                MiMalloc.dealloc(ptr, layout)
            } else {
                System.dealloc(ptr, layout)
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract, passed on to the allocator the block came from;
        // a block grows where it is, so it stays with that allocator.
        unsafe {
            if from_mimalloc(ptr) {
                MiMalloc.realloc(ptr, layout, new_size)
            } else {
                System.realloc(ptr, layout, new_size)
            }
        }
    }
}

/// How long a command that stays on glibc's allocator runs, and how much it holds.
pub enum Run {
    /// One short run (`geul render` of a short article), which frees and allocates the
    /// same few megabytes over and over.
    Short,
    /// The reader, or a command that reads a whole folder.
    Long,
}

/// Sets glibc's allocator up for `run`, before any thread starts.
///
/// A long run gets a mapping of its own for every buffer of 128 KiB or more, returned to
/// the system when freed. By default glibc raises that threshold once such a buffer is
/// freed, after which the megabytes the index is built in (on several threads, batch after
/// batch while a folder is read) stay in its heaps as free space: about 5 MiB of the peak
/// memory of a 10,000-post folder.
///
/// A short run keeps what it frees: returned to the system, the same megabytes would be
/// faulted in again page by page, chunk after chunk.
pub fn tune_glibc(run: Run) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const MIB: libc::c_int = 1024 * 1024;
        let (mmap_threshold, trim_threshold, top_pad) = match run {
            Run::Short => (32 * MIB, 64 * MIB, 16 * MIB),
            Run::Long => (MIB / 8, MIB / 8, 0),
        };
        // SAFETY: mallopt only sets allocator parameters; called before any thread starts.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, mmap_threshold);
            libc::mallopt(libc::M_TRIM_THRESHOLD, trim_threshold);
            if top_pad > 0 {
                libc::mallopt(libc::M_TOP_PAD, top_pad);
            }
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = run;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_from_before_and_after_the_switch_are_grown_and_freed_by_their_own_allocator() {
        let was_on = MIMALLOC.load(Ordering::Relaxed);
        let mut early: Vec<u64> = (0..1000).collect();
        use_mimalloc();
        let mut late: Vec<u64> = (0..1000).collect();
        assert!(from_mimalloc(late.as_mut_ptr().cast()));
        if !was_on {
            assert!(!from_mimalloc(early.as_mut_ptr().cast()));
        }
        // Grown well past their size, so both are moved by their allocator's realloc.
        early.extend(1000..100_000);
        late.extend(1000..100_000);
        assert!(from_mimalloc(late.as_mut_ptr().cast()));
        if !was_on {
            assert!(!from_mimalloc(early.as_mut_ptr().cast()));
        }
        assert_eq!(early, late);
        let zeroed = vec![0u8; 1 << 20];
        assert!(zeroed.iter().all(|&b| b == 0));
        assert!(from_mimalloc(zeroed.as_ptr().cast_mut()));
    }
}
