// Not bundled: the app imports it by the bare specifier "shared-lib", which the host's
// import map resolves.
export function shout(text) {
  return `${text.toUpperCase()} FROM THE IMPORT MAP`;
}
