import { config } from './config.js';
import { byId } from './dom.js';
import { showFixtureUsers } from './fixture.js';

showFixtureUsers();
byId('tenant-kind').textContent = config.devTenant
  ? '(the local stand-in, not Auth0)'
  : '(your Auth0 tenant)';
