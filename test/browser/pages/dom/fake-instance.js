// A live instance over a fake token getter: `?perms=a,b` signs in with those permissions
// (absent: anonymous), `?delay=300` answers after 300 ms. `window.grant(['a'])` changes them.
(() => {
  const params = new URLSearchParams(location.search);
  let granted = params.has('perms') ? params.get('perms').split(',').filter(Boolean) : null;
  const delay = Number(params.get('delay') ?? 0);
  const part = (value) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const token = (permissions) => {
    const now = Math.floor(Date.now() / 1000);
    return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({
      iss: 'http://localhost:4400/',
      sub: 'auth0|test',
      aud: 'https://reports.example.com',
      iat: now,
      exp: now + 3600,
      permissions,
    })}.c2ln`;
  };
  const instance = Auth0Permissions.createPermissions({
    getAccessToken: () =>
      new Promise((resolve) => setTimeout(() => resolve(granted && token(granted)), delay)),
    diagnostics: false,
    channel: false,
    login: () => {
      window.loggedIn = (window.loggedIn ?? 0) + 1;
    },
  });
  window.permissions = instance;
  window.grant = (permissions) => {
    granted = permissions;
    return instance.refresh();
  };
  Auth0Permissions.bindDirectives(instance);
})();
