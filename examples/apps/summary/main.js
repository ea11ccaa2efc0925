// Shows the summary Python computes into the shared state, with a lodash template.
// On a GlobalState in a notebook; otherwise standalone, with sample data.
var host = window.microfrontends && window.microfrontends.hasGlobalState ? window.microfrontends : null;
var render = _.template(document.getElementById('summary-template').textContent);
var money = function (n) { return '$' + Math.round(n).toLocaleString('en-US'); };

function show(state) {
  var summary = state.summary || {};
  document.getElementById('summary').innerHTML = render({
    count: summary.count === undefined ? '…' : summary.count,
    total: summary.total === undefined ? '…' : money(summary.total),
    average: summary.average === undefined ? '…' : money(summary.average),
    top: summary.top_customer || '—',
    scope: summary.scope || 'nothing yet',
  });
}

if (host) host.onGlobalStateChange(show, true);
else show({});
