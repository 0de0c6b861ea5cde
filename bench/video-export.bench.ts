// Frame-exact video export: a real 10 s run with 16 task lanes (14 CPU-bound
// worker threads, the app's main and sampler threads) exported to 1920x1080 at
// 30 fps, WebM (VP9) and MP4 (H.264), as `corelanes export` does it. Target:
// at most 2x real time (20 s for the 10 s run).
//   npm run build && node --import tsx bench/video-export.bench.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTraceFile } from '../src/main/files/read-trace-file';
import { renderVideo } from '../src/main/cli/export/render-video';
import { CLI_BUNDLE } from '../test/support/entries';
import { report, type BenchRow } from './lib/report';

const dir = mkdtempSync(join(tmpdir(), 'corelanes-video-bench-'));
try {
  const tracePath = join(dir, 'run.corelanes.json');
  const rec = spawnSync(process.execPath, [CLI_BUNDLE, 'run', '--kind', 'thread', '--workers', '14', '--duration', '10', '--out', tracePath, '--json'], { encoding: 'utf8' });
  if (rec.status !== 0) throw new Error(`recording failed: ${rec.stderr}`);
  const trace = readTraceFile(tracePath);
  const lanes = trace.tasks.length;
  const rows: BenchRow[] = [];
  for (const format of ['webm', 'mp4'] as const) {
    const out = join(dir, `run.${format}`);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let paintMs = 0;
    let last = performance.now();
    const done = await renderVideo(trace, { format, width: 1920, height: 1080, fps: 30, speed: 1, fromMs: 0, toMs: trace.run.wallMs, theme: 'light', views: 'both' }, out, () => {
      const now = performance.now();
      paintMs += now - last;
      last = now;
    });
    const wallS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const probe = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=nb_frames,width,height:format=duration', '-of', 'csv=p=0', out], { encoding: 'utf8' });
    rows.push({
      format,
      run_s: +(trace.run.wallMs / 1000).toFixed(2),
      task_lanes: lanes,
      frames: done.frames,
      export_s: +wallS.toFixed(1),
      x_real_time: +(wallS / (trace.run.wallMs / 1000)).toFixed(2),
      node_cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(1),
      ms_per_frame: +(paintMs / done.frames).toFixed(1),
      ffprobe: probe.stdout.trim().replace(/\n/g, ' '),
      load_avg_1m: +(loadavg()[0] as number).toFixed(1),
      target_x: 2,
    });
  }
  await report('video-export', 'Frame-exact video export, 1920x1080 at 30 fps (corelanes export --format webm|mp4)', rows, [
    'A real run: corelanes run --kind thread --workers 14 --duration 10 (14 workers + the app\'s main and sampler threads = 16 task lanes, 2 core lanes).',
    'x_real_time = export wall time / run time; ms_per_frame = wall time between frames handed to ffmpeg (painting, pixel read-back, and waiting when ffmpeg\'s pipe is full).',
    'node_cpu_s is the painting process only (each frame repaints only what the replay\'s advance changed: VideoFramePainter); ffmpeg encodes in its own process on the same 2 cores.',
    'load_avg_1m: the machine\'s 1-minute load average when the export ended (other jobs share the 2 cores).',
  ]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
