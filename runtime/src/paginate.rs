//! Paginators: an operation's pages (and their items) as a `Stream`, each page's input made
//! from the one before and its output, bounded by a cap on pages.
//!
//! Generated crates build one with `Client::<operation>_paginator(input)`; the next input and
//! the items of a page come from the spec's `paginator:` declaration.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use futures_util::stream;
pub use futures_util::stream::{Stream, StreamExt};

use crate::error::Error;

type Fetch<I, O> = Arc<dyn Fn(I) -> Pin<Box<dyn Future<Output = Result<O, Error>> + Send>> + Send + Sync>;

/// Pages a paginator fetches at most, unless told otherwise.
pub const DEFAULT_MAX_PAGES: usize = 1000;

/// The pages of one operation call, fetched lazily.
pub struct Paginator<I, O, T> {
    input: I,
    max_pages: usize,
    fetch: Fetch<I, O>,
    next: fn(&I, &O, usize) -> Option<I>,
    count: fn(&O) -> usize,
    items: fn(O) -> Vec<T>,
}

impl<I, O, T> std::fmt::Debug for Paginator<I, O, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paginator").field("max_pages", &self.max_pages).finish_non_exhaustive()
    }
}

impl<I, O, T> Paginator<I, O, T>
where
    I: Clone + Send + 'static,
    O: Send + 'static,
    T: Send + 'static,
{
    /// Pages starting at `input`: `fetch` sends one page's input, `next` makes the following
    /// page's input from a page and the number of items received so far (`None` after the
    /// last page), `count` counts a page's items, `items` takes them.
    pub fn new<F, Fut>(input: I, fetch: F, next: fn(&I, &O, usize) -> Option<I>, count: fn(&O) -> usize, items: fn(O) -> Vec<T>) -> Self
    where
        F: Fn(I) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<O, Error>> + Send + 'static,
    {
        let fetch: Fetch<I, O> = Arc::new(move |input| Box::pin(fetch(input)));
        Self { input, max_pages: DEFAULT_MAX_PAGES, fetch, next, count, items }
    }

    /// Fetches at most `pages` pages (default [`DEFAULT_MAX_PAGES`]); if the service has more,
    /// the stream ends with [`Error::PageCap`].
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.max_pages = pages;
        self
    }

    /// Every page's output, in order. An error ends the stream after it is yielded.
    pub fn pages(self) -> impl Stream<Item = Result<O, Error>> + Send + 'static {
        let Self { input, max_pages, fetch, next, count, .. } = self;
        // State: the next page's input, pages fetched, items received so far.
        stream::unfold((Some(input), 0usize, 0usize), move |(input, pages, items)| {
            let fetch = fetch.clone();
            async move {
                let input = input?;
                if pages >= max_pages {
                    return Some((Err(Error::PageCap(max_pages)), (None, pages, items)));
                }
                match fetch(input.clone()).await {
                    Ok(output) => {
                        let items = items + count(&output);
                        let following = next(&input, &output, items);
                        Some((Ok(output), (following, pages + 1, items)))
                    }
                    Err(e) => Some((Err(e), (None, pages + 1, items))),
                }
            }
        })
    }

    /// Every item of every page, in order. An error ends the stream after it is yielded.
    pub fn items(self) -> impl Stream<Item = Result<T, Error>> + Send + 'static {
        let items = self.items;
        self.pages().flat_map(move |page| {
            let batch: Vec<Result<T, Error>> = match page {
                Ok(output) => items(output).into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            stream::iter(batch)
        })
    }

    /// Every item of every page, collected; the first error instead, if any.
    pub async fn collect_items(self) -> Result<Vec<T>, Error> {
        let mut out = Vec::new();
        let mut items = std::pin::pin!(self.items());
        while let Some(item) = items.next().await {
            out.push(item?);
        }
        Ok(out)
    }
}

/// The page after `current` (pages count from 1), or `None` when this page was the last: it
/// held no item; or, when the service gives a total, `fetched` (items received so far, this
/// page's included) reached it; or, without a total, it held fewer items than the page size.
/// With a total, a short page is not the end: a service may cap the page size below the one
/// asked for.
pub fn next_page_number(current: i64, page_size: Option<i64>, items: usize, fetched: usize, total: Option<i64>) -> Option<i64> {
    if items == 0 {
        return None;
    }
    let done = match total {
        Some(total) => i64::try_from(fetched).unwrap_or(i64::MAX) >= total,
        None => page_size.is_some_and(|size| i64::try_from(items).unwrap_or(i64::MAX) < size),
    };
    if done {
        None
    } else {
        current.checked_add(1)
    }
}

/// The offset of the page after the one at `current`: `current` advanced by the `items` it
/// held, or `None` when it was the last page, by the rules of [`next_page_number`] (no item;
/// the total reached; without a total, fewer items than the page size). The total counts
/// from offset 0, so it is reached when the next offset is, whatever offset the paging
/// started at (`fetched`, the items of this paging alone, does not decide).
pub fn next_offset(current: i64, page_size: Option<i64>, items: usize, fetched: usize, total: Option<i64>) -> Option<i64> {
    let next = current.checked_add(i64::try_from(items).ok()?)?;
    let reached = usize::try_from(next.max(0)).unwrap_or(usize::MAX).max(fetched);
    next_page_number(current, page_size, items, reached, total)?;
    Some(next)
}

/// The token of the next page: `next` unless it is absent, empty, one of the values the spec
/// says end the paging (`done`, e.g. `0` for a numeric marker), or the token just sent (a
/// service that answers the same token again would loop forever).
pub fn next_token<'a, V: PartialEq + ToString>(sent: Option<&V>, next: Option<&'a V>, done: &[&str]) -> Option<&'a V> {
    let next = next?;
    let text = next.to_string();
    if text.is_empty() || done.contains(&text.as_str()) || sent == Some(next) {
        return None;
    }
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_stop_at_the_last_page() {
        assert_eq!(next_page_number(1, Some(10), 10, 10, Some(25)), Some(2));
        assert_eq!(next_page_number(3, Some(10), 5, 25, Some(25)), None, "the total is reached");
        assert_eq!(next_page_number(2, Some(10), 10, 20, Some(20)), None, "the total is reached on a full page");
        assert_eq!(next_page_number(1, Some(100), 50, 50, Some(120)), Some(2), "a capped page size is not the end");
        assert_eq!(next_page_number(3, Some(10), 5, 25, None), None, "no total: a short page is the last");
        assert_eq!(next_page_number(1, None, 0, 0, None), None, "an empty page");
        assert_eq!(next_page_number(1, None, 20, 20, None), Some(2), "no size, no total: until a page is empty");
        assert_eq!(next_page_number(i64::MAX, None, 1, 1, None), None);
    }

    #[test]
    fn offsets_advance_by_the_items_received() {
        assert_eq!(next_offset(0, Some(10), 10, 10, None), Some(10));
        assert_eq!(next_offset(10, Some(10), 7, 17, None), None, "a short page without a total is the last");
        assert_eq!(next_offset(0, Some(100), 50, 50, Some(120)), Some(50), "a capped page advances by what came");
        assert_eq!(next_offset(100, Some(100), 20, 120, Some(120)), None, "the total is reached");
        assert_eq!(next_offset(5, None, 0, 5, None), None, "an empty page");
        assert_eq!(next_offset(4, Some(2), 2, 2, Some(6)), None, "started at 4 of 6: the total counts from offset 0");
        assert_eq!(next_offset(4, Some(2), 2, 2, Some(9)), Some(6));
        assert_eq!(next_offset(i64::MAX - 1, None, 2, 2, None), None, "no offset past i64::MAX");
    }

    #[test]
    fn tokens_stop_when_empty_or_repeated() {
        let (a, b, empty) = ("a".to_owned(), "b".to_owned(), String::new());
        assert_eq!(next_token(None, Some(&a), &[]), Some(&a));
        assert_eq!(next_token(Some(&a), Some(&b), &[]), Some(&b));
        assert_eq!(next_token(Some(&a), Some(&a), &[]), None);
        assert_eq!(next_token(Some(&a), Some(&empty), &[]), None);
        assert_eq!(next_token::<String>(Some(&a), None, &[]), None);
        assert_eq!(next_token(Some(&3), Some(&7), &["0"]), Some(&7));
        assert_eq!(next_token(Some(&7), Some(&0), &["0"]), None, "a spec's `done_when: [\"0\"]`");
        assert_eq!(next_token(Some(&7), Some(&0), &[]), Some(&0), "0 is a token like any other unless the spec says");
    }

    #[tokio::test]
    async fn pages_items_and_the_cap() {
        // Pages 1..=3 of two items each, then an empty page.
        let fetch = |page: i64| async move { Ok::<_, Error>(if page <= 3 { vec![page * 10, page * 10 + 1] } else { vec![] }) };
        let next = |page: &i64, out: &Vec<i64>, fetched: usize| next_page_number(*page, Some(2), out.len(), fetched, None);
        let all = Paginator::new(1, fetch, next, Vec::len, |v: Vec<i64>| v).collect_items().await.unwrap();
        assert_eq!(all, [10, 11, 20, 21, 30, 31]);
        // A total of 5 with pages of 2: the third page (2 items, 6 fetched) ends it.
        let with_total = |page: &i64, out: &Vec<i64>, fetched: usize| next_page_number(*page, Some(2), out.len(), fetched, Some(5));
        let pages: Vec<_> = Paginator::new(1, fetch, with_total, Vec::len, |v: Vec<i64>| v).pages().collect().await;
        assert_eq!(pages.len(), 3);
        let capped: Vec<_> = Paginator::new(1, fetch, next, Vec::len, |v: Vec<i64>| v).max_pages(2).pages().collect().await;
        assert_eq!(capped.len(), 3);
        assert!(matches!(capped[2], Err(Error::PageCap(2))));
    }
}
