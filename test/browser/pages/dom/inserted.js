// After sign-in, inserts a denied and an allowed element in every frame, in timers and in
// animation-frame callbacks, for 40 frames.
(() => {
  const list = document.getElementById('list');
  let count = 0;
  const insert = (where) => {
    for (const [kind, expression] of [
      ['denied', 'manage:users'],
      ['allowed', 'read:reports'],
    ]) {
      const item = document.createElement('li');
      item.id = `${kind}-${where}-${count}`;
      item.className = 'panel';
      item.dataset.probe = '';
      item.dataset.permission = expression;
      item.textContent = item.id;
      list.appendChild(item);
    }
    count++;
  };
  window.permissions.ready().then(() => {
    const frame = () => {
      insert('raf');
      setTimeout(() => insert('timer'), 0);
      if (count < 80) requestAnimationFrame(frame);
      else window.insertedDone = true;
    };
    requestAnimationFrame(frame);
  });
})();
