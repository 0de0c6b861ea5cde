# Two CPU-bound CPython threads for about 3 s: they take turns holding the GIL.
import threading, time
def spin(until):
    x = 0
    while time.monotonic() < until:
        for i in range(10000): x += i
end = time.monotonic() + 3
ts = [threading.Thread(target=spin, args=(end,)) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
