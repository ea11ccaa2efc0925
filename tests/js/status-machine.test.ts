import { describe, expect, it } from "vitest";
import { Status } from "../../js/lifecycle/status";
import {
  AppState,
  reportedStatus,
  StatusMachine,
  TRANSITIONS,
} from "../../js/lifecycle/status-machine";

/** single-spa's path from NOT_LOADED to MOUNTED. */
const TO_MOUNTED = [
  AppState.LOADING_SOURCE_CODE,
  AppState.NOT_BOOTSTRAPPED,
  AppState.BOOTSTRAPPING,
  AppState.NOT_MOUNTED,
  AppState.MOUNTING,
  AppState.MOUNTED,
];

describe("StatusMachine", () => {
  it("walks single-spa's path from NOT_LOADED to MOUNTED and reports every step", () => {
    const seen: AppState[] = [];
    const machine = new StatusMachine((state) => seen.push(state));
    machine.through(...TO_MOUNTED);
    expect(seen).toEqual([
      "LOADING_SOURCE_CODE",
      "NOT_BOOTSTRAPPED",
      "BOOTSTRAPPING",
      "NOT_MOUNTED",
      "MOUNTING",
      "MOUNTED",
    ]);
  });

  it("refuses a transition the table does not have, and stays where it was", () => {
    const machine = new StatusMachine();
    expect(() => machine.to(AppState.MOUNTED)).toThrow("an app cannot go from NOT_LOADED to MOUNTED");
    expect(machine.state).toBe(AppState.NOT_LOADED);
  });

  it("parks an unmounted app and mounts it again without loading", () => {
    const machine = new StatusMachine();
    machine.through(
      ...TO_MOUNTED,
      AppState.UNMOUNTING,
      AppState.PARKED,
    );
    expect(() => machine.to(AppState.LOADING_SOURCE_CODE)).toThrow("an app cannot go from PARKED to LOADING_SOURCE_CODE");
    machine.through(AppState.MOUNTING, AppState.MOUNTED, AppState.KEPT_ALIVE, AppState.MOUNTED);
    expect(machine.is(AppState.MOUNTED)).toBe(true);
  });

  it("reports parked and kept-alive apps as single-spa's NOT_MOUNTED", () => {
    expect(reportedStatus(AppState.PARKED)).toBe(Status.NOT_MOUNTED);
    expect(reportedStatus(AppState.KEPT_ALIVE)).toBe(Status.NOT_MOUNTED);
    expect(reportedStatus(AppState.MOUNTING)).toBe(Status.MOUNTING);
  });

  it("lets every state be left, and reaches every state from NOT_LOADED", () => {
    const reached = new Set<AppState>([AppState.NOT_LOADED]);
    const queue: AppState[] = [AppState.NOT_LOADED];
    while (queue.length) {
      for (const next of TRANSITIONS[queue.shift()!]) {
        if (!reached.has(next)) queue.push(next);
        reached.add(next);
      }
    }
    expect([...reached].sort()).toEqual(Object.values(AppState).sort());
    for (const state of Object.values(AppState)) expect(TRANSITIONS[state].length).toBeGreaterThan(0);
  });

  it("lets a broken app be loaded again, and an unloaded one only be loaded", () => {
    for (const broken of [AppState.LOAD_ERROR, AppState.SKIP_BECAUSE_BROKEN]) {
      expect(TRANSITIONS[broken]).toContain(AppState.LOADING_SOURCE_CODE);
    }
    expect(TRANSITIONS[AppState.NOT_LOADED]).toEqual([AppState.LOADING_SOURCE_CODE]);
  });
});
