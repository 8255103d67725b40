//! Ordered parallel batches: documents are processed on worker threads while
//! the caller's thread reads the input and writes the results strictly in
//! input order. At most [`Window::items`] documents, and about
//! [`Window::bytes`] of them, are in flight (read but not yet written), so
//! memory stays bounded whatever the corpus size and however long its
//! documents, and a slow document holds back the output without letting the
//! reorder buffer grow.

use std::collections::{BTreeMap, VecDeque};
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

/// How much may be in flight at once.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    /// Items read but not yet written.
    pub items: usize,
    /// Their total weight (bytes of text): a new item is read only while the
    /// items in flight weigh less, so at most this plus one item's weight.
    pub bytes: usize,
}

/// Applies `work` to every item on `threads` threads and hands the results to
/// `sink` in input order. The iterator and the sink run on the calling thread
/// (so stdin locks and buffered writers need not be `Send`). The first error
/// from `sink` stops the batch and is returned. `weight` tells an item's
/// size for [`Window::bytes`].
pub fn ordered<I, O, E>(
    items: impl Iterator<Item = I>,
    threads: usize,
    window: Window,
    weight: impl Fn(&I) -> usize,
    work: impl Fn(I) -> O + Sync,
    mut sink: impl FnMut(O) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    O: Send,
{
    if threads <= 1 {
        for item in items {
            sink(work(item))?;
        }
        return Ok(());
    }
    let window = Window {
        items: window.items.max(threads),
        ..window
    };
    let (job_tx, job_rx) = sync_channel::<(usize, I)>(window.items);
    let (out_tx, out_rx) = sync_channel::<(usize, O)>(window.items);
    let job_rx = Arc::new(Mutex::new(job_rx));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let job_rx = Arc::clone(&job_rx);
            let out_tx = out_tx.clone();
            let work = &work;
            scope.spawn(move || {
                loop {
                    // The lock is held only while taking a job, not while working on it.
                    let job = job_rx.lock().map_or(None, |rx| rx.recv().ok());
                    let Some((seq, item)) = job else { break };
                    if out_tx.send((seq, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(out_tx);
        let mut job_tx = Some(job_tx);
        let result = drive(items, window, &weight, &mut job_tx, &out_rx, &mut sink);
        // Dropping the sender lets idle workers stop; draining lets busy ones finish.
        drop(job_tx);
        while out_rx.recv().is_ok() {}
        result
    })
}

fn drive<I, O, E>(
    mut items: impl Iterator<Item = I>,
    window: Window,
    weight: &impl Fn(&I) -> usize,
    job_tx: &mut Option<std::sync::mpsc::SyncSender<(usize, I)>>,
    out_rx: &Receiver<(usize, O)>,
    sink: &mut impl FnMut(O) -> Result<(), E>,
) -> Result<(), E> {
    let mut pending: BTreeMap<usize, O> = BTreeMap::new();
    let (mut read, mut written) = (0usize, 0usize);
    // The weights of the items in flight, oldest first, and their sum.
    let (mut weights, mut in_flight) = (VecDeque::new(), 0usize);
    let mut exhausted = false;
    loop {
        // Emit whatever is ready, in order.
        while let Some(out) = pending.remove(&written) {
            sink(out)?;
            written += 1;
            in_flight -= weights.pop_front().unwrap_or(0);
        }
        if !exhausted
            && read - written < window.items
            && (in_flight < window.bytes || read == written)
        {
            match items.next() {
                Some(item) => {
                    let w = weight(&item);
                    weights.push_back(w);
                    in_flight += w;
                    if let Some(tx) = job_tx.as_ref() {
                        // The channel holds `window` jobs and fewer are in flight, so this cannot block.
                        if tx.send((read, item)).is_err() {
                            exhausted = true;
                        }
                    }
                    read += 1;
                }
                None => {
                    exhausted = true;
                    *job_tx = None;
                }
            }
            // Collect finished work without waiting.
            while let Ok((seq, out)) = out_rx.try_recv() {
                pending.insert(seq, out);
            }
            continue;
        }
        if written == read {
            return Ok(());
        }
        match out_rx.recv() {
            Ok((seq, out)) => {
                pending.insert(seq, out);
            }
            Err(_) => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIDE: Window = Window {
        items: 4,
        bytes: usize::MAX,
    };

    #[test]
    fn order_is_kept_whatever_the_threads() {
        for threads in [1, 2, 3, 8] {
            let mut got = Vec::new();
            let r: Result<(), ()> = ordered(
                0..500u64,
                threads,
                WIDE,
                |_| 1,
                |i| {
                    // Uneven work so results finish out of order.
                    let spin = (i * 7919) % 2000;
                    (0..spin).fold(i, |a, b| a.wrapping_add(b)) - (0..spin).sum::<u64>()
                },
                |o| {
                    got.push(o);
                    Ok(())
                },
            );
            assert!(r.is_ok());
            assert_eq!(got, (0..500).collect::<Vec<_>>(), "threads {threads}");
        }
    }

    #[test]
    fn a_sink_error_stops_the_batch() {
        let mut seen = 0;
        let r = ordered(
            0..10_000,
            2,
            WIDE,
            |_| 1,
            |i| i,
            |i| {
                seen += 1;
                if i == 3 { Err("closed") } else { Ok(()) }
            },
        );
        assert_eq!(r, Err("closed"));
        assert_eq!(seen, 4);
    }

    #[test]
    fn heavy_items_are_read_one_at_a_time() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        // Items weigh their value; the budget is 10, so once the heavy item
        // (100) is read, nothing else is until it has been written.
        let live = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let items = [1usize, 100, 1, 1, 50, 2, 3].into_iter().inspect(|_| {
            let now = live.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
        });
        let window = Window {
            items: 8,
            bytes: 10,
        };
        let mut got = Vec::new();
        let r: Result<(), ()> = ordered(
            items,
            2,
            window,
            |&w| w,
            |w| w,
            |w| {
                // Nothing is read while a heavy item is in flight.
                if w >= 50 {
                    assert_eq!(live.load(Ordering::SeqCst), 1, "{w}");
                }
                live.fetch_sub(1, Ordering::SeqCst);
                got.push(w);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(got, [1, 100, 1, 1, 50, 2, 3]);
    }
}
