// An author's script reveals gated elements with an inline !important after the library bound.
setTimeout(() => {
  document.getElementById('set-later').setAttribute('style', 'display: block !important');
  document.getElementById('cssom-later').style.setProperty('display', 'grid', 'important');
  window.revealAttempted = true;
}, 200);
