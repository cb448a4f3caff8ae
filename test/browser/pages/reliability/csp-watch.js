// Records every Content-Security-Policy violation of the page.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) =>
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`),
);
