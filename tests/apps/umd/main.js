// A qiankun-style app: a UMD library whose exports are the lifecycles.
// Without a module system the factory's result becomes window['umd-app'], the last
// global property this script adds.
(function (root, factory) {
  if (typeof exports === 'object' && typeof module === 'object') {
    module.exports = factory();
  } else if (typeof define === 'function' && define.amd) {
    define([], factory);
  } else if (typeof exports === 'object') {
    exports['umd-app'] = factory();
  } else {
    root['umd-app'] = factory();
  }
})(window, function () {
  window.umdCalls = { bootstrap: 0, mount: 0, unmount: 0, update: 0 };

  // Looks inside the container the host gives, else in the page (standalone).
  function find(props, id) {
    var container = props && props.container;
    return (container && container.querySelector('#' + id)) || document.getElementById(id);
  }

  function writeLabel(props) {
    var el = find(props, 'umd-label');
    if (el && props && props.label !== undefined) el.textContent = String(props.label);
  }

  return {
    bootstrap: async function () {
      window.umdCalls.bootstrap += 1;
    },
    mount: async function (props) {
      window.umdCalls.mount += 1;
      var root = find(props, 'umd-root');
      root.innerHTML = '';
      var p = document.createElement('p');
      p.id = 'umd-mounted';
      p.textContent = 'mounted as ' + props.name;
      root.appendChild(p);
      var publicPath = find(props, 'umd-public-path');
      if (publicPath) publicPath.textContent = String(window.__INJECTED_PUBLIC_PATH_BY_QIANKUN__);
      writeLabel(props);
    },
    unmount: async function (props) {
      window.umdCalls.unmount += 1;
      var root = find(props, 'umd-root');
      if (root) root.innerHTML = '';
    },
    update: async function (props) {
      window.umdCalls.update += 1;
      writeLabel(props);
    },
  };
});

// Opened directly in a browser: mount into the page.
// (No top-level var here, so that window['umd-app'] stays the last global added.)
if (!window.__POWERED_BY_QIANKUN__) {
  window['umd-app'].bootstrap().then(function () {
    return window['umd-app'].mount({ name: 'umd-app (standalone)', container: document.body, label: 'standalone' });
  });
}
