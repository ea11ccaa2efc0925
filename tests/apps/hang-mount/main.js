// UMD lifecycles whose mount never settles: the host must time it out.
(function (root, factory) {
  if (typeof exports === 'object' && typeof module === 'object') module.exports = factory();
  else if (typeof define === 'function' && define.amd) define([], factory);
  else root['hang-mount'] = factory();
})(window, function () {
  window.hangMountCalls = { bootstrap: 0, mount: 0, unmount: 0 };
  return {
    bootstrap: async function () {
      window.hangMountCalls.bootstrap += 1;
    },
    mount: function () {
      window.hangMountCalls.mount += 1;
      return new Promise(function () {}); // never resolves, never rejects
    },
    unmount: async function () {
      window.hangMountCalls.unmount += 1;
    },
  };
});

if (!window.__POWERED_BY_QIANKUN__) {
  window['hang-mount'].bootstrap().then(function () {
    document.getElementById('hang-mount-status').textContent = 'mounting forever';
    return window['hang-mount'].mount({ name: 'hang-mount' });
  });
}
