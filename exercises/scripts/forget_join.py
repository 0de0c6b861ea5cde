"""Two worker threads each count to a fixed number; `join` waits for them, `nojoin` does not.

The workers are daemon threads, as a thread pool's or a "fire and forget" helper's often are:
when the main thread returns without joining them, the interpreter ends and takes them along,
their work half done (or not started). Used by the workshop exercise forget-to-wait.
"""
import sys
import threading

COUNT = 15_000_000
done = []


def work(name):
    n = 0
    for _ in range(COUNT):
        n += 1
    done.append(name)


def main(mode):
    workers = [threading.Thread(target=work, args=(f"worker-{k}",), daemon=True) for k in range(2)]
    for w in workers:
        w.start()
    if mode == "join":
        for w in workers:
            w.join()
    print(f"{mode}: {len(done)} of {len(workers)} workers finished", flush=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "join")
