import { describe, expect, it } from 'vitest';
import type { MemorySample } from '../../../../src/shared';
import { addressSpaces, memorySummary } from '../../../../src/renderer/panels/memory';
import { task } from '../fixtures';

const MiB = 1 << 20;
const sample = (addressSpace: number, rssBytes: number, over: Partial<MemorySample> = {}): MemorySample => ({ tMs: 1, addressSpace, rssBytes, ...over });

describe('addressSpaces', () => {
  it('puts Corelanes first with its worker threads inside, the sampler left out, then the processes in start order', () => {
    const tasks = [
      task('p1', { kind: 'process', label: 'process 1', pid: 30, tid: 30, addressSpace: 30, requestedMs: 5 }),
      task('main', { kind: 'main', label: 'main thread', pid: 10, tid: 10, addressSpace: 10 }),
      task('sampler', { kind: 'sampler', label: 'sampler', pid: 10, tid: 11, addressSpace: 10 }),
      task('t0', { kind: 'thread', label: 'thread 0', pid: 10, tid: 12, addressSpace: 10, requestedMs: 1 }),
      task('p0', { kind: 'process', label: 'process 0', pid: 20, tid: 20, addressSpace: 20, requestedMs: 2 }),
    ];
    const spaces = addressSpaces(tasks, { spaces: { 10: sample(10, 90 * MiB), 20: sample(20, 40 * MiB) }, tasks: {} });
    expect(spaces.map((s) => [s.pid, s.name, s.isApp])).toEqual([
      [10, 'Corelanes (this app)', true],
      [20, 'process 0', false],
      [30, 'process 1', false],
    ]);
    expect(spaces[0]!.threads.map((t) => t.id)).toEqual(['main', 't0']);
    expect(spaces[0]!.rssBytes).toBe(90 * MiB);
  });

  it('says unknown, not "0 B", for a space with no sample or a zero reading, and marks a space whose tasks all ended', () => {
    const tasks = [task('p0', { kind: 'process', pid: 20, addressSpace: 20, exitMs: 50 }), task('p1', { kind: 'process', pid: 30, addressSpace: 30 })];
    const spaces = addressSpaces(tasks, { spaces: { 20: sample(20, 0) }, tasks: {} });
    expect(spaces.map((s) => [s.rssBytes, s.ended])).toEqual([
      [null, true],
      [null, false],
    ]);
  });

  it('finds the threads that hold a SharedArrayBuffer and its size', () => {
    const tasks = [task('main', { kind: 'main', addressSpace: 10 }), task('a', { addressSpace: 10 }), task('b', { addressSpace: 10 }), task('c', { addressSpace: 10 })];
    const shared = { a: sample(10, 0, { taskId: 'a', sharedBytes: 8 * MiB }), b: sample(10, 0, { taskId: 'b', sharedBytes: 8 * MiB }) };
    const [app] = addressSpaces(tasks, { spaces: { 10: sample(10, 100 * MiB) }, tasks: shared });
    expect(app!.sharedBytes).toBe(8 * MiB);
    expect(app!.sharedBy).toEqual(['a', 'b']);
  });

  it('keeps an address space that reported memory before any of its tasks arrived', () => {
    expect(addressSpaces([], { spaces: { 42: sample(42, MiB) }, tasks: {} }).map((s) => s.name)).toEqual(['pid 42']);
  });
});

describe('memorySummary', () => {
  const tasks = [
    task('main', { kind: 'main', addressSpace: 10 }),
    task('t0', { addressSpace: 10 }),
    task('t1', { addressSpace: 10 }),
    task('p0', { kind: 'process', pid: 20, addressSpace: 20 }),
    task('p1', { kind: 'process', pid: 30, addressSpace: 30 }),
  ];
  it('counts shared and separate memories and adds up the processes', () => {
    const spaces = addressSpaces(tasks, { spaces: { 10: sample(10, 90 * MiB), 20: sample(20, 40 * MiB), 30: sample(30, 44 * MiB) }, tasks: {} });
    expect(memorySummary(spaces)).toBe("2 worker threads share Corelanes' memory; 2 processes, each with its own memory, 40-44 MiB each, 84 MiB in all.");
  });
  it('leaves the sizes out while one is unknown rather than adding up part of them', () => {
    const spaces = addressSpaces(tasks, { spaces: { 20: sample(20, 40 * MiB) }, tasks: {} });
    expect(memorySummary(spaces)).toBe("2 worker threads share Corelanes' memory; 2 processes, each with its own memory.");
  });
});

describe('memorySummary while workers start', () => {
  it('says how many are still starting instead of "no workers"', () => {
    const spaces = addressSpaces([task('main', { kind: 'main', addressSpace: 10 })], { spaces: {}, tasks: {} });
    expect(memorySummary(spaces, 4)).toBe('4 workers starting.');
    expect(memorySummary(spaces, 0)).toBe('No workers yet.');
  });
});
