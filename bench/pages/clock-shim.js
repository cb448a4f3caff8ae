// A simulated clock, injected before any page script by bench/traffic.js for the simulated
// hour. Date is shifted by an offset that only moves forward; timers of 10 s or more (token
// renewal, an app's polling interval, the SDK's 60 s iframe time-out) wait on the simulated
// clock, shorter ones (locks, retries, clean-ups) run in real time. The driver asks for the
// next due timer (`peek`), moves the clock there (`advanceTo`), then lets the real network
// settle before moving on, so no request is ever cut short by simulated time.
(() => {
  if (window.top !== window || !location.pathname.startsWith('/bench/pages/')) return;
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  const realSetTimeout = window.setTimeout.bind(window);
  const realClearTimeout = window.clearTimeout.bind(window);
  const realSetInterval = window.setInterval.bind(window);
  const realClearInterval = window.clearInterval.bind(window);
  const LONG = 10_000;
  let offset = 0;
  let nextId = 1e9;
  const timers = new Map();
  const now = () => realNow() + offset;

  class SimulatedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(now());
      else super(...args);
    }
    static now() {
      return now();
    }
  }
  window.Date = SimulatedDate;

  const schedule = (fn, delay, args, every) => {
    const id = nextId++;
    timers.set(id, { due: now() + delay, fn, args, every });
    return id;
  };
  window.setTimeout = (fn, delay = 0, ...args) =>
    Number(delay) >= LONG ? schedule(fn, Number(delay), args) : realSetTimeout(fn, delay, ...args);
  window.setInterval = (fn, delay = 0, ...args) =>
    Number(delay) >= LONG
      ? schedule(fn, Number(delay), args, Number(delay))
      : realSetInterval(fn, delay, ...args);
  window.clearTimeout = (id) => {
    if (!timers.delete(id)) realClearTimeout(id);
  };
  window.clearInterval = (id) => {
    if (!timers.delete(id)) realClearInterval(id);
  };

  window.__clock = {
    now,
    /** The simulated time of the next due long timer, or Infinity. */
    peek() {
      let due = Number.POSITIVE_INFINITY;
      for (const timer of timers.values()) due = Math.min(due, timer.due);
      return due;
    },
    /** Moves the clock to `time` (never back) and fires every long timer now due. */
    advanceTo(time) {
      if (time > now()) offset = time - realNow();
      const due = [...timers].filter(([, timer]) => timer.due <= now());
      for (const [id, timer] of due) {
        if (timer.every) timer.due += timer.every;
        else timers.delete(id);
        try {
          if (typeof timer.fn === 'function') timer.fn(...timer.args);
        } catch (error) {
          console.error(error);
        }
      }
      return offset;
    },
  };
})();
