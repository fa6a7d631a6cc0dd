//! Paginators: an operation's pages (and their items) as a `Stream`, each page's input made
//! from the one before and its output, bounded by a cap on pages.
//!
//! Generated crates build one with `Client::<operation>_paginator(input)`; the next input and
//! the items of a page come from the spec's `paginator:` declaration.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

pub use futures_util::stream::{Stream, StreamExt};
use futures_util::stream;

use crate::error::Error;

type Fetch<I, O> = Arc<dyn Fn(I) -> Pin<Box<dyn Future<Output = Result<O, Error>> + Send>> + Send + Sync>;

/// Pages a paginator fetches at most, unless told otherwise.
pub const DEFAULT_MAX_PAGES: usize = 1000;

/// The pages of one operation call, fetched lazily.
pub struct Paginator<I, O, T> {
    input: I,
    max_pages: usize,
    fetch: Fetch<I, O>,
    next: fn(&I, &O) -> Option<I>,
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
    /// page's input (`None` after the last page), `items` takes a page's items.
    pub fn new<F, Fut>(input: I, fetch: F, next: fn(&I, &O) -> Option<I>, items: fn(O) -> Vec<T>) -> Self
    where
        F: Fn(I) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<O, Error>> + Send + 'static,
    {
        let fetch: Fetch<I, O> = Arc::new(move |input| Box::pin(fetch(input)));
        Self { input, max_pages: DEFAULT_MAX_PAGES, fetch, next, items }
    }

    /// Fetches at most `pages` pages (default [`DEFAULT_MAX_PAGES`]); if the service has more,
    /// the stream ends with [`Error::PageCap`].
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.max_pages = pages;
        self
    }

    /// Every page's output, in order. An error ends the stream after it is yielded.
    pub fn pages(self) -> impl Stream<Item = Result<O, Error>> + Send + 'static {
        let Self { input, max_pages, fetch, next, .. } = self;
        stream::unfold((Some(input), 0usize), move |(input, fetched)| {
            let fetch = fetch.clone();
            async move {
                let input = input?;
                if fetched >= max_pages {
                    return Some((Err(Error::PageCap(max_pages)), (None, fetched)));
                }
                match fetch(input.clone()).await {
                    Ok(output) => {
                        let following = next(&input, &output);
                        Some((Ok(output), (following, fetched + 1)))
                    }
                    Err(e) => Some((Err(e), (None, fetched + 1))),
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

/// The page after `current` (pages count from 1), or `None` when this page was the last:
/// it held no item, fewer items than the page size, or reached the total.
pub fn next_page_number(current: i64, page_size: Option<i64>, items: usize, total: Option<i64>) -> Option<i64> {
    let items = i64::try_from(items).unwrap_or(i64::MAX);
    if items == 0 {
        return None;
    }
    if page_size.is_some_and(|size| items < size) {
        return None;
    }
    let size = page_size.unwrap_or(items);
    if total.is_some_and(|total| current.saturating_mul(size) >= total) {
        return None;
    }
    current.checked_add(1)
}

/// The token of the next page: `next` unless it is empty, `0` (a numeric marker pointing
/// back to the start, as Kingsoft Cloud answers on the last page), or the token just sent (a
/// service that answers the same token again would loop forever).
pub fn next_token<'a, V: PartialEq + ToString>(sent: Option<&V>, next: Option<&'a V>) -> Option<&'a V> {
    let next = next?;
    let text = next.to_string();
    if text.is_empty() || text == "0" || sent == Some(next) {
        return None;
    }
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_stop_at_the_last_page() {
        assert_eq!(next_page_number(1, Some(10), 10, Some(25)), Some(2));
        assert_eq!(next_page_number(3, Some(10), 5, Some(25)), None, "a short page");
        assert_eq!(next_page_number(2, Some(10), 10, Some(20)), None, "the total is reached");
        assert_eq!(next_page_number(1, None, 0, None), None, "an empty page");
        assert_eq!(next_page_number(1, None, 20, None), Some(2), "no size, no total: until a page is empty");
        assert_eq!(next_page_number(i64::MAX, None, 1, None), None);
    }

    #[test]
    fn tokens_stop_when_empty_or_repeated() {
        let (a, b, empty) = ("a".to_owned(), "b".to_owned(), String::new());
        assert_eq!(next_token(None, Some(&a)), Some(&a));
        assert_eq!(next_token(Some(&a), Some(&b)), Some(&b));
        assert_eq!(next_token(Some(&a), Some(&a)), None);
        assert_eq!(next_token(Some(&a), Some(&empty)), None);
        assert_eq!(next_token::<String>(Some(&a), None), None);
        assert_eq!(next_token(Some(&3), Some(&7)), Some(&7));
        assert_eq!(next_token(Some(&7), Some(&0)), None, "Kingsoft's last page");
    }

    #[tokio::test]
    async fn pages_items_and_the_cap() {
        // Pages 1..=3 of two items each, then an empty page.
        let fetch = |page: i64| async move { Ok::<_, Error>(if page <= 3 { vec![page * 10, page * 10 + 1] } else { vec![] }) };
        let next = |page: &i64, out: &Vec<i64>| next_page_number(*page, Some(2), out.len(), None);
        let all = Paginator::new(1, fetch, next, |v: Vec<i64>| v).collect_items().await.unwrap();
        assert_eq!(all, [10, 11, 20, 21, 30, 31]);
        let capped: Vec<_> = Paginator::new(1, fetch, next, |v: Vec<i64>| v).max_pages(2).pages().collect().await;
        assert_eq!(capped.len(), 3);
        assert!(matches!(capped[2], Err(Error::PageCap(2))));
    }
}
