// Thin N-API layer over perf_event_open(2) for context-switch records.
// It only opens events, maps their ring buffers and copies raw record bytes
// out; everything else (which tasks, which CPUs, parsing, segments) is
// TypeScript in src/node/switch-records/. Errors come back as -errno numbers,
// never as exceptions, so the caller can say why exact mode is unavailable.
#define _GNU_SOURCE
#define NAPI_VERSION 8
#include <node_api.h>

#include <errno.h>
#include <linux/perf_event.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

// What every record's sample_id_all trailer holds, in the kernel's order:
// pid/tid (u32 each), time (u64), cpu/res (u32 each). The parser reads this
// value from `sampleType` rather than assuming it.
#define SAMPLE_TYPE (PERF_SAMPLE_TID | PERF_SAMPLE_TIME | PERF_SAMPLE_CPU)

typedef struct {
  void *base;
  size_t len;
  uint64_t data_offset;
  uint64_t data_size;
} ring_t;

#define CHECK(call)                                   \
  do {                                                \
    if ((call) != napi_ok) {                          \
      napi_throw_error(env, NULL, "napi: " #call);    \
      return NULL;                                    \
    }                                                 \
  } while (0)

static napi_value make_int(napi_env env, int64_t v) {
  napi_value out;
  if (napi_create_int64(env, v, &out) != napi_ok) return NULL;
  return out;
}

static int arg_int(napi_env env, napi_value v, int32_t *out) {
  return napi_get_value_int32(env, v, out) == napi_ok ? 0 : -1;
}

// openSwitchEvent(tid, cpu, inherit) -> fd or -errno.
// A dummy software event that counts nothing; context_switch, task and comm
// make the kernel write SWITCH, FORK/EXIT and COMM records for the task (and,
// with inherit, every task it creates later). exclude_kernel keeps it legal at
// perf_event_paranoid 2.
static napi_value open_switch_event(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int32_t tid, cpu;
  bool inherit = true;
  if (argc < 2 || arg_int(env, argv[0], &tid) || arg_int(env, argv[1], &cpu)) {
    napi_throw_type_error(env, NULL, "openSwitchEvent(tid, cpu, inherit)");
    return NULL;
  }
  if (argc >= 3) napi_get_value_bool(env, argv[2], &inherit);

  struct perf_event_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_SOFTWARE;
  attr.config = PERF_COUNT_SW_DUMMY;
  attr.sample_type = SAMPLE_TYPE;
  attr.sample_id_all = 1;
  attr.context_switch = 1;
  attr.task = 1;
  attr.comm = 1;
  attr.inherit = inherit ? 1 : 0;
  attr.exclude_kernel = 1;
  attr.exclude_hv = 1;
  attr.use_clockid = 1;
  attr.clockid = CLOCK_MONOTONIC;
  // Nobody polls the fd: the reader drains the rings on its own schedule.
  attr.watermark = 1;
  attr.wakeup_watermark = 1u << 30;

  long fd = syscall(SYS_perf_event_open, &attr, (pid_t)tid, (int)cpu, -1, PERF_FLAG_FD_CLOEXEC);
  return make_int(env, fd < 0 ? -errno : fd);
}

// setOutput(fd, targetFd) -> 0 or -errno: the event writes into target's ring
// (same CPU), so one ring per CPU serves every task.
static napi_value set_output(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int32_t fd, target;
  if (argc < 2 || arg_int(env, argv[0], &fd) || arg_int(env, argv[1], &target)) {
    napi_throw_type_error(env, NULL, "setOutput(fd, targetFd)");
    return NULL;
  }
  return make_int(env, ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, target) < 0 ? -errno : 0);
}

static napi_value close_fd(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int32_t fd;
  if (argc < 1 || arg_int(env, argv[0], &fd)) {
    napi_throw_type_error(env, NULL, "closeFd(fd)");
    return NULL;
  }
  return make_int(env, close(fd) < 0 ? -errno : 0);
}

static void ring_release(ring_t *r) {
  if (r->base) munmap(r->base, r->len);
  r->base = NULL;
}

static void ring_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  ring_release((ring_t *)data);
  free(data);
}

// mapRing(fd, dataPages) -> ring handle, or -errno. dataPages is a power of two.
static napi_value map_ring(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int32_t fd, pages;
  if (argc < 2 || arg_int(env, argv[0], &fd) || arg_int(env, argv[1], &pages) || pages < 1 || (pages & (pages - 1))) {
    napi_throw_type_error(env, NULL, "mapRing(fd, dataPages): dataPages is a power of two");
    return NULL;
  }
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t len = page * (size_t)(pages + 1);
  void *base = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (base == MAP_FAILED) return make_int(env, -errno);
  ring_t *r = calloc(1, sizeof *r);
  if (!r) {
    munmap(base, len);
    return make_int(env, -ENOMEM);
  }
  struct perf_event_mmap_page *meta = base;
  r->base = base;
  r->len = len;
  r->data_offset = meta->data_offset ? meta->data_offset : page;
  r->data_size = meta->data_size ? meta->data_size : page * (size_t)pages;
  napi_value out;
  if (napi_create_external(env, r, ring_finalize, NULL, &out) != napi_ok) {
    ring_finalize(env, r, NULL);
    napi_throw_error(env, NULL, "napi: create_external");
    return NULL;
  }
  return out;
}

static ring_t *as_ring(napi_env env, napi_value v) {
  void *data = NULL;
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_external || napi_get_value_external(env, v, &data) != napi_ok) {
    napi_throw_type_error(env, NULL, "expected a ring handle from mapRing()");
    return NULL;
  }
  return data;
}

static ring_t *ring_arg(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) {
    napi_throw_type_error(env, NULL, "expected a ring handle from mapRing()");
    return NULL;
  }
  return as_ring(env, argv[0]);
}

// readRing(ring, into) -> bytes copied into `into` (a Uint8Array at least as
// large as the ring's data area): the whole records written since the last
// call, oldest first. Frees their space for the kernel at once. No allocation,
// so draining stays cheap right after a wake-up.
static napi_value read_ring(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2) {
    napi_throw_type_error(env, NULL, "readRing(ring, into)");
    return NULL;
  }
  ring_t *r = as_ring(env, argv[0]);
  if (!r) return NULL;
  napi_typedarray_type kind;
  size_t length = 0;
  void *dst = NULL;
  bool is_typed = false;
  if (napi_is_typedarray(env, argv[1], &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, argv[1], &kind, &length, &dst, NULL, NULL) != napi_ok || kind != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "readRing(ring, into): into is a Uint8Array");
    return NULL;
  }
  if (!r->base) return make_int(env, 0);
  if (length < r->data_size) {
    napi_throw_range_error(env, NULL, "readRing(ring, into): into is smaller than the ring");
    return NULL;
  }
  struct perf_event_mmap_page *meta = r->base;
  uint64_t head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
  uint64_t tail = meta->data_tail;
  uint64_t n = head - tail;
  if (n == 0) return make_int(env, 0);
  if (n > r->data_size) n = r->data_size;  // cannot happen in forward mode; never read past the ring
  const uint8_t *src = (const uint8_t *)r->base + r->data_offset;
  uint64_t at = tail % r->data_size;
  uint64_t first = r->data_size - at < n ? r->data_size - at : n;
  memcpy(dst, src + at, (size_t)first);
  if (first < n) memcpy((uint8_t *)dst + first, src, (size_t)(n - first));
  __atomic_store_n(&meta->data_tail, head, __ATOMIC_RELEASE);
  return make_int(env, (int64_t)n);
}

// ringBytes(ring) -> size of the ring's data area: the `into` buffer readRing needs.
static napi_value ring_bytes(napi_env env, napi_callback_info info) {
  ring_t *r = ring_arg(env, info);
  if (!r) return NULL;
  return make_int(env, (int64_t)r->data_size);
}

static napi_value unmap_ring(napi_env env, napi_callback_info info) {
  ring_t *r = ring_arg(env, info);
  if (!r) return NULL;
  ring_release(r);
  napi_value out;
  CHECK(napi_get_undefined(env, &out));
  return out;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
      {"openSwitchEvent", NULL, open_switch_event, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setOutput", NULL, set_output, NULL, NULL, NULL, napi_enumerable, NULL},
      {"closeFd", NULL, close_fd, NULL, NULL, NULL, napi_enumerable, NULL},
      {"mapRing", NULL, map_ring, NULL, NULL, NULL, napi_enumerable, NULL},
      {"readRing", NULL, read_ring, NULL, NULL, NULL, napi_enumerable, NULL},
      {"ringBytes", NULL, ring_bytes, NULL, NULL, NULL, napi_enumerable, NULL},
      {"unmapRing", NULL, unmap_ring, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sampleType", NULL, NULL, NULL, NULL, make_int(env, SAMPLE_TYPE), napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return NULL;
  return exports;
}
