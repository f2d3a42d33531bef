// The events API's limit on batches stored at once: the rest wait in order, and past the queue's length the
// server answers busy rather than running them.
import { describe, expect, it } from "vitest";
import { BatchSlots, BUSY } from "./batch-slots.server";

/** A store that finishes when told to, recording when it started. */
function controlled(started: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    finish,
    store: async () => {
      started.push(name);
      await done;
      return name;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("BatchSlots", () => {
  it("stores at most `concurrency` batches at once, the next in the order they came", async () => {
    const slots = new BatchSlots(2, 10);
    const started: string[] = [];
    const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => controlled(started, name));
    const results = [a, b, c, d].map((batch) => slots.run(batch!.store));
    await settle();
    expect(started).toEqual(["a", "b"]);
    expect([slots.storing, slots.waiting]).toEqual([2, 2]);

    b!.finish();
    await settle();
    expect(started).toEqual(["a", "b", "c"]);
    a!.finish();
    c!.finish();
    d!.finish();
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d"]);
    expect([slots.storing, slots.waiting]).toEqual([0, 0]);
  });

  it("answers busy, without storing, once `maxWaiting` batches wait; frees up as they finish", async () => {
    const slots = new BatchSlots(1, 1);
    const started: string[] = [];
    const [a, b, c] = ["a", "b", "c"].map((name) => controlled(started, name));
    const first = slots.run(a!.store);
    const second = slots.run(b!.store);
    expect(await slots.run(c!.store)).toBe(BUSY);
    a!.finish();
    b!.finish();
    expect([await first, await second]).toEqual(["a", "b"]);
    expect(started).toEqual(["a", "b"]);

    const again = slots.run(c!.store);
    c!.finish();
    expect(await again).toBe("c");
  });

  it("lets a failed store go and runs the next", async () => {
    const slots = new BatchSlots(1, 5);
    const failed = slots.run(() => Promise.reject(new Error("connection lost")));
    const next = slots.run(async () => "stored");
    await expect(failed).rejects.toThrow("connection lost");
    expect(await next).toBe("stored");
  });
});
