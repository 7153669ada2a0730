//! A peer that sends and never reads: what the server holds for it stays bounded (a counting
//! global allocator checks the process's peak), and a peer that makes the server queue more
//! than its limit is cut off, while other clients are served throughout.

use std::time::Duration;

use cap::Cap;
use orbit::{Limits, Orb};
use orbit_conformance::{Service, ServiceProxy, TempDir, raw};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[global_allocator]
static ALLOCATOR: Cap<std::alloc::System> = Cap::new(std::alloc::System, usize::MAX);

const LIMIT: u32 = 1 << 20;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_that_never_reads_is_bounded_then_cut_off() {
    let dir = TempDir::new();
    let orb = Orb::with_limits(Limits {
        max_message_size: LIMIT,
        max_send_queue: 1 << 20,
        ..Limits::default()
    });
    let (server, endpoint, _) = raw::serve(&orb, &dir).await;
    let client = Orb::new();
    let service = ServiceProxy::new(client.connect(&endpoint).await.unwrap(), "service");

    // 64 MiB of 512 KiB echo requests, never reading a reply.
    let mut greedy = raw::connect(&endpoint, LIMIT).await;
    let mut data = vec![0x0a];
    prost::encoding::encode_varint(512 << 10, &mut data);
    data.resize(data.len() + (512 << 10), 7);
    for id in 1..=128 {
        let frame = raw::request(id, "echo_bytes", b"service", &data, LIMIT);
        tokio::time::timeout(Duration::from_secs(10), greedy.write_all(&frame))
            .await
            .expect("the server keeps reading")
            .unwrap();
    }
    assert_eq!(
        service.add(1, 2).await.unwrap(),
        3,
        "others are still served"
    );
    let peak = ALLOCATOR.max_allocated();
    eprintln!("peak of the whole process after 64 MiB sent: {peak} bytes");
    assert!(
        peak < 32 << 20,
        "the server held {peak} bytes for a peer that does not read"
    );

    // Small requests whose error replies pile up: past four times the queue limit the
    // server stops waiting for this peer.
    let mut flood = raw::connect(&endpoint, LIMIT).await;
    let one = raw::request(0, "add", b"nobody", &[], LIMIT);
    let mut cut_off = false;
    for round in 0..400_u64 {
        let mut batch = Vec::with_capacity(one.len() * 1000);
        for i in 0..1000 {
            let mut frame = one.clone();
            frame[8..16].copy_from_slice(&(round * 1000 + i + 1).to_le_bytes());
            batch.extend_from_slice(&frame);
        }
        match tokio::time::timeout(Duration::from_secs(5), flood.write_all(&batch)).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => {
                cut_off = true;
                break;
            }
            Err(_) => panic!("the server neither reads nor closes"),
        }
    }
    if !cut_off {
        // Everything was taken: the end of the stream comes after the queued replies.
        let mut sink = vec![0; 1 << 16];
        let drained = tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                match flood.read(&mut sink).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
            }
        })
        .await;
        drained.expect("the server closes the connection of a peer that does not read");
    }
    assert_eq!(
        service.add(2, 2).await.unwrap(),
        4,
        "others are still served"
    );
    drop((greedy, flood));
    server.shutdown(Duration::from_millis(100)).await;
}
