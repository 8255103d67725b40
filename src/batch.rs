//! Ordered parallel batches: documents are processed on worker threads while
//! the caller's thread reads the input and writes the results strictly in
//! input order. At most `window` documents are in flight (read but not yet
//! written), so memory stays bounded whatever the corpus size, and a slow
//! document holds back the output without letting the reorder buffer grow.

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

/// Applies `work` to every item on `threads` threads and hands the results to
/// `sink` in input order. The iterator and the sink run on the calling thread
/// (so stdin locks and buffered writers need not be `Send`). The first error
/// from `sink` stops the batch and is returned.
pub fn ordered<I, O, E>(
    items: impl Iterator<Item = I>,
    threads: usize,
    window: usize,
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
    let window = window.max(threads);
    let (job_tx, job_rx) = sync_channel::<(usize, I)>(window);
    let (out_tx, out_rx) = sync_channel::<(usize, O)>(window);
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
        let result = drive(items, window, &mut job_tx, &out_rx, &mut sink);
        // Dropping the sender lets idle workers stop; draining lets busy ones finish.
        drop(job_tx);
        while out_rx.recv().is_ok() {}
        result
    })
}

fn drive<I, O, E>(
    mut items: impl Iterator<Item = I>,
    window: usize,
    job_tx: &mut Option<std::sync::mpsc::SyncSender<(usize, I)>>,
    out_rx: &Receiver<(usize, O)>,
    sink: &mut impl FnMut(O) -> Result<(), E>,
) -> Result<(), E> {
    let mut pending: BTreeMap<usize, O> = BTreeMap::new();
    let (mut read, mut written) = (0usize, 0usize);
    let mut exhausted = false;
    loop {
        // Emit whatever is ready, in order.
        while let Some(out) = pending.remove(&written) {
            sink(out)?;
            written += 1;
        }
        if !exhausted && read - written < window {
            match items.next() {
                Some(item) => {
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

    #[test]
    fn order_is_kept_whatever_the_threads() {
        for threads in [1, 2, 3, 8] {
            let mut got = Vec::new();
            let r: Result<(), ()> = ordered(
                0..500u64,
                threads,
                4,
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
        let r = ordered(0..10_000, 2, 8, |i| i, |i| {
            seen += 1;
            if i == 3 { Err("closed") } else { Ok(()) }
        });
        assert_eq!(r, Err("closed"));
        assert_eq!(seen, 4);
    }
}
