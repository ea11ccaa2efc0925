// UMD lifecycles whose mount rejects: the host must mark this app broken only.
(function (root, factory) {
  if (typeof exports === 'object' && typeof module === 'object') module.exports = factory();
  else if (typeof define === 'function' && define.amd) define([], factory);
  else root['broken-mount'] = factory();
})(window, function () {
  window.brokenMountCalls = { bootstrap: 0, mount: 0, unmount: 0 };
  return {
    bootstrap: async function () {
      window.brokenMountCalls.bootstrap += 1;
    },
    mount: async function () {
      window.brokenMountCalls.mount += 1;
      throw new Error('mount failed on purpose');
    },
    unmount: async function () {
      window.brokenMountCalls.unmount += 1;
    },
  };
});

if (!window.__POWERED_BY_QIANKUN__) {
  window['broken-mount'].bootstrap()
    .then(function () { return window['broken-mount'].mount({ name: 'broken-mount' }); })
    .catch(function (error) {
      document.getElementById('broken-mount-status').textContent = 'mount rejected: ' + error.message;
    });
}
