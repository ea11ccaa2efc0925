// Region buttons bound to the shared state's `region`. Standalone (opened directly), it
// keeps its own state so the page still works.
var REGIONS = ['All', 'EU', 'US', 'APAC', 'LATAM', 'MEA'];
// On a GlobalState in a notebook; otherwise standalone, with sample data.
var host = window.microfrontends && window.microfrontends.hasGlobalState ? window.microfrontends : null;
var local = { region: 'All' };

function getState() { return host ? host.getGlobalState() : local; }
function setRegion(region) {
  if (host) host.setGlobalState({ region: region });
  else local.region = region;
  render(getState());
}

function render(state) {
  var group = document.getElementById('regions');
  if (!group.children.length) {
    REGIONS.forEach(function (region) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = region;
      button.dataset.region = region;
      button.addEventListener('click', function () { setRegion(region); });
      group.appendChild(button);
    });
  }
  Array.prototype.forEach.call(group.children, function (button) {
    button.setAttribute('aria-pressed', String(button.dataset.region === state.region));
  });
}

if (host) host.onGlobalStateChange(render, true);
else render(local);
