// Samples the gated elements on every animation frame, from before the library loads: an
// element may be visible only while the live instance is authenticated AND its expression holds
// for the permissions it holds at that frame. Anything else is recorded as a violation.
// Times are wall-clock milliseconds (performance.timeOrigin + now), comparable across tabs.
(() => {
  const frames = { count: 0, violations: [], shown: [], last: '' };
  window.relFrames = frames;
  const clock = () => performance.timeOrigin + performance.now();
  const sample = () => {
    frames.count += 1;
    const instance = window.rel?.permissions;
    const state = instance?.state ?? 'none';
    const visible = [];
    for (const element of document.querySelectorAll('[data-permission], [data-authenticated]')) {
      if (!element.checkVisibility()) continue;
      visible.push(element.id);
      const expression = element.getAttribute('data-permission');
      let allowed = state === 'authenticated';
      if (allowed && expression !== null) {
        try {
          allowed = instance.check(expression);
        } catch {
          allowed = false;
        }
      }
      if (!allowed) frames.violations.push({ at: clock(), id: element.id, state, expression });
    }
    const key = `${state}|${visible.join(',')}`;
    if (key !== frames.last) {
      frames.last = key;
      frames.shown.push({ at: clock(), state, visible });
    }
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
})();
