setTimeout(() => {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = 'layers-late.css';
  link.onload = () => {
    window.lateLoaded = true;
  };
  document.head.append(link);
}, 100);
