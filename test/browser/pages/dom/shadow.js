// A web component whose open shadow root holds gated elements. The card with `data-unbound` is
// never given to bindDirectives: the library cannot see inside it.
customElements.define(
  'report-card',
  class extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: 'open' });
      // Bound before it is filled, so nothing inside paints before the gate.
      if (!this.hasAttribute('data-unbound'))
        Auth0Permissions.bindDirectives(window.permissions, root);
      root.innerHTML = `<style>p { display: block } #secret { display: flex !important }</style>
        <p id="secret" data-permission="delete:reports">delete</p>
        <p id="members" data-authenticated>members</p>
        <p id="disabled-box" data-permission="delete:reports" data-permission-mode="disable"><button id="inside-button">x</button></p>
        <p id="public">public</p>`;
    }
  },
);
// Adds a gated element to the bound card later.
window.addLater = () => {
  const p = document.createElement('p');
  p.id = 'later';
  p.setAttribute('data-permission', 'delete:reports');
  p.textContent = 'later';
  document.getElementById('bound').shadowRoot.append(p);
};
