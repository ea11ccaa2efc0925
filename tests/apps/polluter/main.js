// An app that leaves every kind of side effect a host must contain and undo.
window.polluted = 'yes';
var leakyVar = 1;

function show(id, value) {
  var el = document.getElementById(id);
  if (el) el.textContent = String(value);
}

// A timer.
window.ticks = 0;
setInterval(function () {
  window.ticks += 1;
  show('ticks', window.ticks);
}, 50);

// Window and document listeners.
window.resizeCount = 0;
window.clickCount = 0;
window.addEventListener('resize', function () {
  window.resizeCount += 1;
  show('resize-count', window.resizeCount);
});
document.addEventListener('click', function () {
  window.clickCount += 1;
  show('click-count', window.clickCount);
});

// A modal appended to document.body.
document.getElementById('open-modal').addEventListener('click', function () {
  if (document.getElementById('modal')) return;
  var modal = document.createElement('div');
  modal.className = 'modal';
  modal.id = 'modal';
  modal.textContent = 'Modal';
  document.body.appendChild(modal);
});

// A dynamic <style> in document.head and the element it styles.
document.getElementById('add-style').addEventListener('click', function () {
  if (!document.getElementById('dyn-style')) {
    var style = document.createElement('style');
    style.id = 'dyn-style';
    style.textContent = '#dyn-target { color: rgb(0, 200, 0) }';
    document.head.appendChild(style);
  }
  if (!document.getElementById('dyn-target')) {
    var target = document.createElement('p');
    target.id = 'dyn-target';
    target.textContent = 'Styled by a dynamic style';
    document.body.appendChild(target);
  }
});

// Hash routing and history.
function showRoute() {
  show('route', location.hash);
}
window.addEventListener('hashchange', showRoute);
document.getElementById('push').addEventListener('click', function () {
  history.pushState({}, '', '#/pushed');
  showRoute(); // pushState fires no hashchange
});
showRoute();
