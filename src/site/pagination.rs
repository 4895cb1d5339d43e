//! Long lists split into pages, and the pager that links them.

use serde::Serialize;

/// A numbered link in a pager, or (with `gap`) the "…" between runs of numbers.
#[derive(Serialize)]
pub(super) struct PageLink {
    number: usize,
    url: String,
    current: bool,
    gap: bool,
}

/// Links between the pages of a long list: `base/`, `base/page/2/` ...
#[derive(Serialize)]
pub(super) struct Pagination {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    /// The first and last two pages and three either side of the current one, with gaps: a
    /// quarter of 2,500 pages would otherwise carry 2,500 links on each of them.
    pages: Vec<PageLink>,
}

impl Pagination {
    /// The URL of page `number` (from 1) of the list at `base`.
    pub(super) fn page_url(base: &str, number: usize) -> String {
        if number == 1 {
            base.to_string()
        } else {
            format!("{base}page/{number}/")
        }
    }

    pub(super) fn new(base: &str, current: usize, total: usize) -> Pagination {
        let shown = |n: usize| n <= 2 || n + 1 >= total || n.abs_diff(current) <= 3;
        let mut pages = Vec::new();
        for number in 1..=total {
            if shown(number) {
                pages.push(PageLink {
                    number,
                    url: Self::page_url(base, number),
                    current: number == current,
                    gap: false,
                });
            } else if pages.last().is_some_and(|p: &PageLink| !p.gap) {
                pages.push(PageLink {
                    number,
                    url: String::new(),
                    current: false,
                    gap: true,
                });
            }
        }
        Pagination {
            current,
            total,
            prev: (current > 1).then(|| Self::page_url(base, current - 1)),
            next: (current < total).then(|| Self::page_url(base, current + 1)),
            pages,
        }
    }
}

/// How many pages a list of `len` takes at `size` a page (an empty list still has its page).
pub(super) fn chunk_count(len: usize, size: usize) -> usize {
    len.div_ceil(size).max(1)
}

/// Page `page` (from 0) of `items`.
pub(super) fn chunk<T>(items: &[T], size: usize, page: usize) -> &[T] {
    let start = (page * size).min(items.len());
    &items[start..(start + size).min(items.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_links() {
        let p = Pagination::new("entities/", 2, 3);
        assert_eq!(p.prev.as_deref(), Some("entities/"));
        assert_eq!(p.next.as_deref(), Some("entities/page/3/"));
        assert!(p.pages[1].current);
        assert_eq!(p.pages.len(), 3);
        assert_eq!(p.pages[2].url, "entities/page/3/");
    }

    #[test]
    fn long_pagers_show_the_ends_and_the_neighbourhood() {
        let shown = |current, total| {
            Pagination::new("q/", current, total)
                .pages
                .iter()
                .map(|p| {
                    if p.gap {
                        "…".to_string()
                    } else {
                        p.number.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(shown(1, 2500), "1 2 3 4 … 2499 2500");
        assert_eq!(
            shown(1000, 2500),
            "1 2 … 997 998 999 1000 1001 1002 1003 … 2499 2500"
        );
        assert_eq!(shown(2500, 2500), "1 2 … 2497 2498 2499 2500");
        assert_eq!(shown(6, 12), "1 2 3 4 5 6 7 8 9 … 11 12");
        assert_eq!(shown(3, 8), "1 2 3 4 5 6 7 8");
        assert_eq!(shown(1, 1), "1");
    }

    #[test]
    fn a_list_splits_into_pages_without_losing_or_repeating_an_item() {
        let items: Vec<u32> = (0..7).collect();
        assert_eq!(chunk_count(items.len(), 3), 3);
        assert_eq!(chunk_count(0, 3), 1, "an empty list still has its page");
        assert_eq!(chunk_count(6, 3), 2);
        let pages: Vec<&[u32]> = (0..3).map(|p| chunk(&items, 3, p)).collect();
        assert_eq!(pages, [&[0, 1, 2][..], &[3, 4, 5], &[6]]);
        assert!(chunk(&items, 3, 5).is_empty());
    }
}
