//! The memory allocator geul runs on, chosen per command before any thread starts.
//!
//! `geul render` of a long article allocates and frees millions of small strings (a span,
//! a wrapped row, a parser's events) on every core at once. mimalloc serves that faster
//! than glibc's allocator: 14% less time for a 2.2 MB article, 13% for 1.1 MB, 3% for
//! 550 KB, side by side. Its first arena and the pages faulted into it cost about a
//! millisecond, though, so a shorter article (265 KB: 1 ms slower on mimalloc; the 11 KB
//! seed: 0.7 ms) stays on glibc's. (mimalloc's own set-up, a constructor that reserves its
//! page map and reads its `MIMALLOC_*` variables, runs in every geul process; it costs a
//! few microseconds.)
//!
//! The reader and the listing commands read a whole folder and keep it, on several
//! threads, batch after batch. There glibc's allocator, tuned by [`tune_glibc`], holds the
//! least: a 10,000-post folder peaked at 2.37 times its bytes (`scripts/measure-memory.sh`,
//! the run that compared the two), where mimalloc, whatever its options, peaked at 2.56
//! times or more, past the 2.5 the reader is held to.
//!
//! So the process starts on glibc's allocator (the runtime and the argument parser
//! allocate before the command is known) and a long `geul render` switches to mimalloc:
//! from then on new blocks come from mimalloc, and a block is freed or resized by whichever
//! allocator it came from, which mimalloc tells by its address
//! ([`libmimalloc_sys::mi_is_in_heap_region`]; see the safety note on [`ByCommand`]).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

use mimalloc::MiMalloc;

/// glibc's allocator until [`use_mimalloc`] is called, mimalloc's after.
///
/// Why a block always goes back to the allocator it came from:
/// - mimalloc finds the page of a block it frees in its page map; `mi_is_in_heap_region`
///   is the same lookup, checked, so every block mimalloc can free is known as its own. A
///   page is entered in the map before any of its blocks is handed out and taken out only
///   when all of them are free.
/// - Only slices of mimalloc's own mappings are in the map, and a page leaves the map
///   before its memory goes back to the system (the arena's memory stays reserved), so no
///   block of glibc's is ever taken for mimalloc's.
/// - [`ON_MIMALLOC`] is never cleared: a block mimalloc made is freed while it is set,
///   whichever thread frees it.
/// - A layout aligned to more than 64 KiB always goes to glibc: mimalloc (v3) gives such a
///   block a page of its own, whose entry in the map can reach one slice past its
///   mapping, where glibc may have a block.
///
/// This holds for mimalloc v3, the `mimalloc` crate's default; `Cargo.toml` keeps
/// `libmimalloc-sys` in step with it.
pub struct ByCommand;

/// The file size (front matter included) from which `geul render` runs on mimalloc.
pub const MIMALLOC_MIN_FILE_LEN: u64 = 512 * 1024;

/// The largest alignment served by mimalloc (see [`ByCommand`]).
const MIMALLOC_MAX_ALIGN: usize = 64 * 1024;

/// Whether new blocks come from mimalloc. Never cleared once set.
static ON_MIMALLOC: AtomicBool = AtomicBool::new(false);

/// From now on, new blocks come from mimalloc, on every thread. Called as early as
/// possible, so that few blocks are made before it (they stay glibc's, which is safe but
/// slower).
pub fn use_mimalloc() {
    ON_MIMALLOC.store(true, Ordering::Relaxed);
}

/// Whether a new block of `layout` comes from mimalloc.
fn to_mimalloc(layout: Layout) -> bool {
    ON_MIMALLOC.load(Ordering::Relaxed) && layout.align() <= MIMALLOC_MAX_ALIGN
}

/// Whether `ptr`, a block of this allocator, came from mimalloc.
fn from_mimalloc(ptr: *const u8) -> bool {
    // SAFETY: `mi_is_in_heap_region` only looks `ptr` up in mimalloc's page map, whatever
    // it points to; the map is set up by a constructor before `main`, and before that the
    // lookup answers false.
    ON_MIMALLOC.load(Ordering::Relaxed)
        && unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr.cast()) }
}

// SAFETY: every block is made by exactly one of the two allocators and freed or resized by
// that same one (see `ByCommand`); each allocator keeps the `GlobalAlloc` contract itself.
unsafe impl GlobalAlloc for ByCommand {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        unsafe {
            if to_mimalloc(layout) {
                MiMalloc.alloc(layout)
            } else {
                System.alloc(layout)
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        unsafe {
            if to_mimalloc(layout) {
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
        // SAFETY: the caller's contract, passed on to the allocator the block came from,
        // whose realloc returns a block of its own, moved or not.
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

    /// Allocates `layout` through [`ByCommand`], fills it with `byte` and returns it.
    fn filled(layout: Layout, byte: u8) -> *mut u8 {
        // SAFETY: `layout` has a non-zero size; the block is written within it.
        unsafe {
            let ptr = ByCommand.alloc(layout);
            assert!(!ptr.is_null());
            ptr.write_bytes(byte, layout.size());
            ptr
        }
    }

    // The only test in the binary: it switches the whole test process to mimalloc, which
    // is what it checks, blocks made before the switch included.
    #[test]
    fn every_block_is_resized_and_freed_by_the_allocator_it_came_from() {
        let small = Layout::from_size_align(100, 8).expect("layout");
        let early = filled(small, 1);
        let mut early_vec: Vec<u64> = (0..1000).collect();
        use_mimalloc();
        assert!(!from_mimalloc(early));
        let late = filled(small, 2);
        assert!(from_mimalloc(late));
        // Grown well past their size, so both are moved by their own allocator.
        let mut late_vec: Vec<u64> = (0..1000).collect();
        early_vec.extend(1000..100_000);
        late_vec.extend(1000..100_000);
        assert!(!from_mimalloc(early_vec.as_ptr().cast()));
        assert!(from_mimalloc(late_vec.as_ptr().cast()));
        assert_eq!(early_vec, late_vec);
        // Shrunk, and freed on another thread.
        early_vec.truncate(10);
        early_vec.shrink_to_fit();
        late_vec.truncate(10);
        late_vec.shrink_to_fit();
        std::thread::spawn(move || drop((early_vec, late_vec)))
            .join()
            .expect("freed on another thread");
        // A block larger than mimalloc's pages, and one aligned past what it serves.
        let huge = Layout::from_size_align(8 << 20, 4096).expect("layout");
        let huge_block = filled(huge, 3);
        assert!(from_mimalloc(huge_block));
        let aligned = Layout::from_size_align(4096, 1 << 20).expect("layout");
        let aligned_block = filled(aligned, 4);
        assert_eq!(aligned_block as usize % (1 << 20), 0);
        assert!(!from_mimalloc(aligned_block));
        // A zeroed block is zeroed where a freed, written block was.
        // SAFETY: each block is freed once, with the layout it was made with, and the
        // zeroed one is read within its size.
        unsafe {
            ByCommand.dealloc(early, small);
            ByCommand.dealloc(late, small);
            ByCommand.dealloc(huge_block, huge);
            ByCommand.dealloc(aligned_block, aligned);
            let written = filled(small, 5);
            ByCommand.dealloc(written, small);
            let zeroed = ByCommand.alloc_zeroed(small);
            assert!(
                std::slice::from_raw_parts(zeroed, small.size())
                    .iter()
                    .all(|&b| b == 0)
            );
            ByCommand.dealloc(zeroed, small);
        }
    }
}
