//! Splitting work on posts across cores: searching columns, and reading files.

use std::ops::Range;

/// Below this many items a second thread costs more than it saves, for work as cheap as
/// scanning one post's text.
const PARALLEL_MIN: usize = 2048;

/// The same for reading and parsing a file, which costs far more per item.
pub(crate) const FILES_PER_THREAD: usize = 32;

/// How many threads can run at once here, asked once per process: the standard library
/// reads the cgroup's CPU quota files each time it is asked (a dozen system calls), which a
/// search keystroke or a chunk of a long article should not repeat.
pub(crate) fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

fn threads_for(items: usize, min_items: usize) -> usize {
    if items < min_items {
        return 1;
    }
    cores().clamp(1, 8).min(items / (min_items / 2).max(1))
}

/// Splits `0..len` into one contiguous chunk per thread and concatenates the results in
/// order.
pub(crate) fn parallel_ranges<T: Send>(
    len: usize,
    f: impl Fn(Range<usize>) -> Vec<T> + Sync,
) -> Vec<T> {
    parallel_ranges_aligned(len, 1, f)
}

/// Like [`parallel_ranges`], with every chunk starting at a multiple of `align`.
pub(crate) fn parallel_ranges_aligned<T: Send>(
    len: usize,
    align: usize,
    f: impl Fn(Range<usize>) -> Vec<T> + Sync,
) -> Vec<T> {
    split(len, align, PARALLEL_MIN, f)
}

/// Like [`parallel_ranges`] for items that cost about as much as reading a file: worth a
/// thread from [`FILES_PER_THREAD`] items on.
pub(crate) fn parallel_files<T: Send>(
    len: usize,
    f: impl Fn(Range<usize>) -> Vec<T> + Sync,
) -> Vec<T> {
    split(len, 1, FILES_PER_THREAD, f)
}

/// Fills `out`, a run of units of `unit_len` elements each standing for `items_per_unit`
/// items, on one thread per contiguous run of units: `f(first_unit, units)` gets whole
/// units. The work happens in place, so no part is copied into the result afterwards.
pub(crate) fn parallel_fill<T: Send>(
    out: &mut [T],
    unit_len: usize,
    items_per_unit: usize,
    f: impl Fn(usize, &mut [T]) + Sync,
) {
    let unit_len = unit_len.max(1);
    let units = out.len() / unit_len;
    let threads = threads_for(units * items_per_unit, PARALLEL_MIN);
    if threads <= 1 {
        f(0, out);
        return;
    }
    let per_thread = units.div_ceil(threads);
    std::thread::scope(|s| {
        let f = &f;
        for (t, chunk) in out.chunks_mut(per_thread * unit_len).enumerate() {
            s.spawn(move || f(t * per_thread, chunk));
        }
    });
}

/// Fills `out`, which holds one run per item (item `i`'s is `out[starts[i]..starts[i + 1]]`,
/// `starts` beginning at 0 and ending at `out.len()`), calling `f(i, run)` for every item
/// on one thread per contiguous range of items. Runs of any length are filled in place,
/// so nothing is copied together afterwards.
pub(crate) fn parallel_fill_runs<T: Send>(
    out: &mut [T],
    starts: &[usize],
    f: impl Fn(usize, &mut [T]) + Sync,
) {
    let items = starts.len().saturating_sub(1);
    let fill = |first: usize, end: usize, mut rest: &mut [T]| {
        for i in first..end {
            let len = starts[i + 1].saturating_sub(starts[i]);
            // The runs are the caller's measure of `out`; one that does not fit is cut.
            let (run, tail) = rest.split_at_mut(len.min(rest.len()));
            f(i, run);
            rest = tail;
        }
    };
    let threads = threads_for(items, PARALLEL_MIN);
    if threads <= 1 {
        fill(0, items, out);
        return;
    }
    let per_thread = items.div_ceil(threads);
    std::thread::scope(|s| {
        let fill = &fill;
        let mut rest = out;
        for first in (0..items).step_by(per_thread) {
            let end = (first + per_thread).min(items);
            let len = starts[end].saturating_sub(starts[first]).min(rest.len());
            let (chunk, tail) = std::mem::take(&mut rest).split_at_mut(len);
            rest = tail;
            s.spawn(move || fill(first, end, chunk));
        }
    });
}

fn split<T: Send>(
    len: usize,
    align: usize,
    min_items: usize,
    f: impl Fn(Range<usize>) -> Vec<T> + Sync,
) -> Vec<T> {
    let threads = threads_for(len, min_items);
    if threads <= 1 {
        return f(0..len);
    }
    let chunk = len.div_ceil(threads).next_multiple_of(align.max(1));
    std::thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> = (0..threads)
            .map(|t| (t * chunk).min(len)..((t + 1) * chunk).min(len))
            .filter(|range| !range.is_empty())
            .map(|range| s.spawn(move || f(range)))
            .collect();
        let mut out = Vec::new();
        for h in handles {
            // A panic in a worker is a bug in this module; re-raise it on the caller.
            match h.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use std::cmp::Reverse;

    use crate::library::Post;
    use crate::library::search::SearchIndex;
    use crate::library::search::testing::{date, post};

    #[test]
    fn large_libraries_are_searched_in_parallel_with_the_same_results() {
        let mut posts: Vec<Post> = (0..3000)
            .map(|i| Post {
                date: date(2000 + (i % 20), 1, 1),
                ..post(&format!("글 {i}"), "본문 생성")
            })
            .collect();
        posts[2999].body = "특별한 확산 이야기".into();
        posts[5].tags = vec!["확산".into()];
        let index = SearchIndex::build(&posts);
        let found: Vec<usize> = index
            .search("ㅎㅅ", 10)
            .into_iter()
            .map(|h| h.post.index())
            .collect();
        assert_eq!(found, vec![5, 2999]);
        let all = index.search("생성", usize::MAX);
        assert_eq!(all.len(), 2999);
        let keys: Vec<_> = all
            .iter()
            .map(|h| {
                (
                    Reverse(h.score),
                    Reverse(posts[h.post.index()].date),
                    posts[h.post.index()].path.as_path(),
                )
            })
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]));
    }
}
