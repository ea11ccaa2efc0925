// Sees the globals of the inline script before it, as classic scripts do.
document.getElementById('classic').textContent =
  `${sharedVar + 1} ${window.sharedVar === 41} ${sharedFn()}`; // "42 true fn"
document.getElementById('powered').textContent = String(window.__POWERED_BY_MICROFRONTENDS__);
document.getElementById('title').setAttribute('data-ready', 'yes');
