/*
 * The channel tab's configuration: choose the network the tab opens on (the one linked to the
 * channel with `tilknyt kanal` comes first chosen). Teams saves the address with the network in
 * it, so the tab opens on that network's overview.
 */
(function () {
  'use strict';
  var session = window.LogbogSession;
  var select = document.getElementById('network');

  function save(networks) {
    var chosen = networks.find(function (n) { return n.id === select.value; });
    if (!chosen) return;
    microsoftTeams.pages.config.setValidityState(true);
    microsoftTeams.pages.config.registerOnSaveHandler(function (saveEvent) {
      var base = window.location.origin + '/dashboard/';
      microsoftTeams.pages.config
        .setConfig({ entityId: 'logbog-' + chosen.id, contentUrl: base + '?scope=network:' + encodeURIComponent(chosen.id), websiteUrl: base, suggestedDisplayName: 'Logbog: ' + chosen.name })
        .then(function () { saveEvent.notifySuccess(); }, function (err) { saveEvent.notifyFailure(String(err)); });
    });
  }

  session.start().then(async function (state) {
    var channel = state.context && state.context.channel ? state.context.channel.id : '';
    var res = await session.get('/api/dashboard/networks', channel ? { channel: channel } : {});
    var body = await res.json();
    if (!res.ok) {
      document.getElementById('message').textContent = body.error;
      return;
    }
    document.getElementById('intro').textContent = body.labels.intro;
    document.getElementById('network-label').textContent = body.labels.choose;
    select.replaceChildren.apply(select, body.networks.map(function (n) {
      var o = document.createElement('option');
      o.value = n.id;
      o.textContent = n.name;
      o.selected = n.id === body.linked;
      return o;
    }));
    if (state.mode === 'sso') {
      save(body.networks);
      select.addEventListener('change', function () { save(body.networks); });
    }
  });
})();
