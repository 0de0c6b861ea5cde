import { describe, expect, it } from 'vitest';
import { workerChangeReason } from '../../../src/renderer/app/access';
import { initialRunState, TRACED_PROGRAM_SCENARIO, type RunState } from '../../../src/renderer/app/run-state';

const run = (scenarioId: string | null) => ({ runId: 'r', scenarioId, params: null, startedAt: 'now' }) as unknown as RunState['run'];
const state = (over: Partial<RunState>): RunState => ({ ...initialRunState, connection: 'open', role: 'leader', status: 'running', run: run(null), ...over });

describe('workerChangeReason', () => {
  it('lets the leader change the pool of a running timeline run', () => {
    expect(workerChangeReason(state({}), undefined, 'addWorker')).toBeNull();
    expect(workerChangeReason(state({ run: run('cpu-processes') }), { producesTrace: true } as never, 'removeWorker')).toBeNull();
  });
  it('says why not: no run, a preset without a timeline (message-cost), a traced program, a viewer', () => {
    expect(workerChangeReason(state({ status: 'ended' }), undefined, 'addWorker')).toMatch(/^Start a run first/);
    expect(workerChangeReason(state({ run: run('message-cost') }), { producesTrace: false } as never, 'addWorker')).toMatch(/outside a timeline/);
    expect(workerChangeReason(state({ run: run(TRACED_PROGRAM_SCENARIO) }), undefined, 'addWorker')).toMatch(/traced program/);
    expect(workerChangeReason(state({ role: 'viewer' }), undefined, 'addWorker')).toMatch(/viewer link/);
  });
});
