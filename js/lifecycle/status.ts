/** single-spa's application statuses, the vocabulary shared with Python's `status` trait. */
export const Status = {
  NOT_LOADED: "NOT_LOADED",
  LOADING_SOURCE_CODE: "LOADING_SOURCE_CODE",
  NOT_BOOTSTRAPPED: "NOT_BOOTSTRAPPED",
  BOOTSTRAPPING: "BOOTSTRAPPING",
  NOT_MOUNTED: "NOT_MOUNTED",
  MOUNTING: "MOUNTING",
  MOUNTED: "MOUNTED",
  UNMOUNTING: "UNMOUNTING",
  UNLOADING: "UNLOADING",
  LOAD_ERROR: "LOAD_ERROR",
  SKIP_BECAUSE_BROKEN: "SKIP_BECAUSE_BROKEN",
} as const;

export type Status = (typeof Status)[keyof typeof Status];
