/**
 * message-cost rig: stamps when each message arrives (CLOCK_MONOTONIC, the
 * sender's clock too) and answers with the stamp only. As a thread it can
 * also wait on a SharedArrayBuffer signal instead of a message.
 */
import { workerData } from 'node:worker_threads';
import { monoMs } from '../../node/clock';
import { rigPort } from './rig-port';
import { SAB_WORD, sabSlots } from '../../node/echo-sab';

const port = rigPort();
const shared = (workerData as { sab?: SharedArrayBuffer } | null)?.sab;
if (shared) {
  // Shared-buffer mode: no message per payload; wake on the sequence word, read in place.
  const { words, stamp, data } = sabSlots(shared);
  port.send({ type: 'ready' });
  let seen = 0;
  for (;;) {
    Atomics.wait(words, SAB_WORD.seq, seen);
    const seq = Atomics.load(words, SAB_WORD.seq);
    if (seq < 0) break;
    const t = monoMs();
    // Touch the first and last byte so the read is real.
    const len = Atomics.load(words, SAB_WORD.length);
    stamp[0] = t + (data[0]! + data[Math.max(0, len - 1)]!) * 0;
    seen = seq;
    Atomics.store(words, SAB_WORD.ack, seq);
    Atomics.notify(words, SAB_WORD.ack);
  }
  port.close();
} else {
  port.send({ type: 'ready' });
  port.onMessage((m) => {
    const t = monoMs();
    const seq = (m as { seq?: unknown }).seq;
    port.send({ type: 'got', seq, atMono: t });
  });
}
