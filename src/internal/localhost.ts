/** True on a page served from this machine (`localhost`, `127.x.x.x`, `[::1]`): a developer's. */
export const isLocalhost = (): boolean =>
  typeof location !== 'undefined' &&
  /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(location.hostname);
