/*
 * Who the page acts for and how it asks the server. In Teams the page gets an SSO token from
 * teams-js (authentication.getAuthToken) and sends it with every request; the server checks it
 * and applies the bot's roles. With no app id on the server (local development) there is no
 * token: the server takes the Agents Playground's default user, or `?user=<aadObjectId>`.
 */
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var state = { mode: 'development', locale: params.get('locale') || navigator.language || 'da', token: undefined, onTheme: undefined };

  function themeOf(name) {
    return name === 'dark' || name === 'contrast' ? name : 'default';
  }
  function setTheme(name) {
    document.body.setAttribute('data-theme', themeOf(name));
    if (state.onTheme) state.onTheme();
  }

  async function start() {
    var config = await (await fetch('/api/dashboard/config')).json();
    state.mode = config.mode;
    if (config.mode !== 'sso') {
      var local = params.get('theme');
      if (local) setTheme(local);
      else if (window.matchMedia && window.matchMedia('(forced-colors: active)').matches) setTheme('contrast');
      else if (window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches) setTheme('dark');
      return state;
    }
    await microsoftTeams.app.initialize();
    var context = await microsoftTeams.app.getContext();
    state.locale = (context.app && context.app.locale) || state.locale;
    state.context = context;
    setTheme(context.app && context.app.theme);
    microsoftTeams.app.registerOnThemeChangeHandler(setTheme);
    state.token = await microsoftTeams.authentication.getAuthToken();
    return state;
  }

  function headers() {
    var h = {};
    if (state.token) h.authorization = 'Bearer ' + state.token;
    var user = params.get('user');
    if (state.mode === 'development' && user) h['x-logbog-dev-user'] = user;
    return h;
  }

  /** GETs the API; answers { ok, status, body } with the server's JSON (a refusal carries `error`). */
  async function get(path, query) {
    var q = new URLSearchParams(query || {});
    q.set('locale', state.locale);
    var res = await fetch(path + '?' + q.toString(), { headers: headers() });
    if (res.status === 401 && state.mode === 'sso') {
      // An expired token: ask Teams for a fresh one once.
      state.token = await microsoftTeams.authentication.getAuthToken();
      res = await fetch(path + '?' + q.toString(), { headers: headers() });
    }
    return res;
  }

  window.LogbogSession = { start: start, get: get, state: state, params: params };
})();
