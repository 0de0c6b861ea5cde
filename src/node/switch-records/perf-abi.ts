/**
 * The few numbers of the kernel's perf_event ABI (include/uapi/linux/perf_event.h)
 * that switch records need. Stable since Linux 4.3 (context_switch) and 4.17
 * (the preempt flag on a switch-out).
 */
export const RECORD = {
  LOST: 2,
  COMM: 3,
  EXIT: 4,
  FORK: 7,
  LOST_SAMPLES: 13,
  SWITCH: 14,
  SWITCH_CPU_WIDE: 15,
} as const;

export const MISC = {
  /** COMM: the name changed because of exec. */
  COMM_EXEC: 1 << 13,
  /** SWITCH*: the task was switched out (else in). */
  SWITCH_OUT: 1 << 13,
  /** SWITCH* out: the task was still runnable (preempted), not going to sleep. */
  SWITCH_OUT_PREEMPT: 1 << 14,
} as const;

/** perf_event_attr.sample_type bits that can appear in a sample_id_all trailer, in trailer order. */
export const SAMPLE = {
  TID: 1 << 1,
  TIME: 1 << 2,
  ID: 1 << 6,
  CPU: 1 << 7,
  STREAM_ID: 1 << 9,
  IDENTIFIER: 1 << 16,
} as const;

/** Every record starts with { u32 type; u16 misc; u16 size }. */
export const HEADER_BYTES = 8;
