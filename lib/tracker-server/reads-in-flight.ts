import { isPending, type Awaitable } from './store';

/**
 * The store's reads on their way, one per key: a second miss of a key waits on the first one's read instead of
 * sending its own. A read's answer may be cached only while it is still the registered read of its key: forget()
 * or clear() (the caches were dropped, or the row changed) unregisters it, and its waiters still get the answer.
 */
export class ReadsInFlight<K, V> {
  private readonly reads = new Map<K, Promise<V>>();

  get(key: K): Promise<V> | undefined {
    return this.reads.get(key);
  }

  /** `keep(answer, current)` turns the store's answer into the value, caching it only when `current`. */
  add<R>(key: K, read: Promise<R>, keep: (answer: R, current: boolean) => V): Promise<V> {
    const done: Promise<V> = read.then(
      (answer) => {
        const current = this.reads.get(key) === done;
        if (current) this.reads.delete(key);
        return keep(answer, current);
      },
      (error: unknown) => {
        if (this.reads.get(key) === done) this.reads.delete(key);
        throw error;
      },
    );
    this.reads.set(key, done);
    return done;
  }

  forget(key: K): void {
    this.reads.delete(key);
  }

  clear(): void {
    this.reads.clear();
  }
}

/**
 * A table read whole (the client blacklist, the site rules), kept until stale() and read again on demand, one
 * read at a time. Until a reread answers, the last value read stays available.
 */
export class Reloadable<T> {
  private value: T | null = null;
  private fresh = false;
  private loading: Promise<void> | null = null;

  constructor(private readonly read: () => Awaitable<T>) {}

  /** Nothing to wait for when fresh or the store answered synchronously. */
  load(): Awaitable<void> {
    if (this.fresh) return undefined;
    if (this.loading !== null) return this.loading;
    const value = this.read();
    if (!isPending(value)) return this.keep(value);
    const load: Promise<void> = value
      .then((v) => {
        if (this.loading === load) this.keep(v);
      })
      .finally(() => {
        if (this.loading === load) this.loading = null;
      });
    this.loading = load;
    return load;
  }

  /** The value read last, after rereading it here if stale and the store is synchronous; null before any read. */
  current(): T | null {
    if (!this.fresh) {
      const load = this.load();
      // Nobody waits on this one: a failure is left for the next read to retry.
      if (isPending(load)) load.catch(() => {});
    }
    return this.value;
  }

  stale(): void {
    this.fresh = false;
    this.loading = null;
  }

  /** A value read elsewhere (with the other caches, in one pass): fresh until the next stale(). */
  set(value: T): void {
    this.loading = null;
    this.keep(value);
  }

  private keep(value: T): void {
    this.value = value;
    this.fresh = true;
  }
}
