// Records, on every animation frame from the first, which [data-probe] elements are rendered.
(() => {
  const start = performance.now();
  const frames = [];
  window.probeFrames = frames;
  const frame = () => {
    const shown = [];
    for (const element of document.querySelectorAll('[data-probe]'))
      if (element.getClientRects().length > 0) shown.push(element.id);
    frames.push({ t: Math.round(performance.now() - start), shown });
    if (frames.length < 600) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
