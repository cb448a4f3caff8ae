/**
 * One token request in flight at a time, shared by every caller: a plain request joins the one
 * in flight; a refresh joins a refresh, or runs after a plain one (whose cached answer it must
 * not take).
 */
export function shareRequest<T>(
  request: (refresh: boolean) => Promise<T>,
): (refresh: boolean) => Promise<T> {
  let inflight: Promise<T> | undefined;
  let inflightRefresh = false;
  return (refresh) => {
    if (inflight && (inflightRefresh || !refresh)) return inflight;
    inflightRefresh = refresh;
    const current: Promise<T> = (inflight ?? Promise.resolve())
      .then(() => request(refresh))
      .finally(() => {
        if (inflight === current) inflight = undefined;
      });
    inflight = current;
    return current;
  };
}
