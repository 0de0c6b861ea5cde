import { describe, expect, it } from 'vitest';
import { MachineSchema } from '../../../src/shared';
import { describeMachine, readMachine } from '../../../src/main/platform/machine';

const facts = {
  kernelRelease: '6.18.44',
  kernelVersion: '#1 SMP',
  arch: 'x64',
  cpuModels: ['', 'AMD EPYC'],
  logicalCores: 2,
  procSchedstat: true,
  versions: { node: '20.20.0', v8: '11.3', electron: undefined },
};

describe('machine record', () => {
  it('says cores are observable only on Linux with /proc schedstat', () => {
    expect(describeMachine({ ...facts, platform: 'linux' }).coresObservable).toBe(true);
    expect(describeMachine({ ...facts, platform: 'linux', procSchedstat: false }).coresObservable).toBe(false);
    expect(describeMachine({ ...facts, platform: 'darwin' }).coresObservable).toBe(false);
    expect(describeMachine({ ...facts, platform: 'win32' }).coresObservable).toBe(false);
  });

  it('fills model and runtimes from what is known', () => {
    const m = describeMachine({ ...facts, platform: 'linux' }, { python3: '3.11.2' });
    expect(m.cpuModel).toBe('AMD EPYC');
    expect(m.runtimes).toEqual({ node: '20.20.0', v8: '11.3', python3: '3.11.2' });
    expect(MachineSchema.safeParse(m).success).toBe(true);
  });

  it('reads this machine into a valid record', () => {
    expect(MachineSchema.safeParse(readMachine()).success).toBe(true);
  });
});
