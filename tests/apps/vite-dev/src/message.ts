export const message = "message 1";
