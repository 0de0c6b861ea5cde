// N worker threads, CPU-bound ("busy") or 0.5 ms spin / 0.5 ms sleep ("bursty"), for S seconds.
//   node load.cjs N S busy|bursty
const { Worker, isMainThread, workerData } = require('node:worker_threads');
if (isMainThread) {
  const [n, s, mode] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4] || 'busy'];
  console.log(process.pid);
  for (let i = 0; i < n; i++) new Worker(__filename, { workerData: { s, mode } });
  if (n === 0) setTimeout(() => {}, s * 1000);
} else {
  const end = Date.now() + workerData.s * 1000;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < end) {
    const e = performance.now() + 0.5;
    while (performance.now() < e);
    if (workerData.mode === 'bursty') Atomics.wait(nap, 0, 0, 0.5);
  }
}
