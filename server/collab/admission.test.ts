import { describe, expect, it } from "vitest";
import { JoinGate } from "./admission";

describe("JoinGate", () => {
  it("runs at most maxActive joins, queues up to maxWaiting in order, refuses the rest", async () => {
    const gate = new JoinGate(2, 2);
    const a = await gate.enter()!;
    const b = await gate.enter()!;
    const order: string[] = [];
    const entered = (name: string) =>
      gate.enter()!.then((release) => {
        order.push(name);
        return release;
      });
    const c = entered("c");
    const d = entered("d");
    expect(gate.enter()).toBeNull(); // the fifth is refused
    expect(gate.load()).toEqual({ active: 2, waiting: 2 });
    a();
    a(); // releasing twice frees one place only
    const releaseC = await c;
    expect(order).toEqual(["c"]);
    expect(gate.load()).toEqual({ active: 2, waiting: 1 });
    b();
    const releaseD = await d;
    expect(order).toEqual(["c", "d"]);
    releaseC();
    releaseD();
    expect(gate.load()).toEqual({ active: 0, waiting: 0 });
    expect(gate.enter()).not.toBeNull();
  });
});
