import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, nextTick } from 'vue';
import { createAuth0Permissions } from '../../src/vue/index.js';
import { controlled } from './helpers.js';

afterEach(() => vi.restoreAllMocks());

const GRANTED = 'data-permission-granted';

/** Renders `render` in an app with the plugin; `v` resolves the registered directive. */
function withPlugin(instance: ReturnType<typeof controlled>, template: string, data = {}) {
  return mount(defineComponent({ template, data: () => data }), {
    global: { plugins: [createAuth0Permissions({ instance })] },
    attachTo: document.body,
  });
}

describe('v-permission', () => {
  it('hides from creation while loading (fail closed), shows once granted, hides on logout', async () => {
    const instance = controlled();
    const seenAtInsert: (string | null)[] = [];
    const observer = new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes)
          if (node instanceof Element && node.id === 'delete')
            seenAtInsert.push(node.getAttribute('data-permission'), node.getAttribute(GRANTED));
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const wrapper = withPlugin(
      instance,
      `<button id="delete" v-permission="'delete:reports'">Delete</button>`,
    );
    await nextTick();
    observer.disconnect();
    // Inserted already marked and not granted: the stylesheet hides it from the first paint.
    expect(seenAtInsert).toEqual(['delete:reports', null]);
    const button = wrapper.find('#delete');
    expect(button.attributes(GRANTED)).toBeUndefined();
    await instance.grant(['delete:reports']);
    expect(button.attributes(GRANTED)).toBe('');
    await instance.logout();
    expect(button.attributes(GRANTED)).toBeUndefined();
    wrapper.unmount();
  });

  it('adopts the fail-closed stylesheet; v-show toggling never grants (visibility: browser test)', async () => {
    const instance = controlled();
    await instance.grant(['read:reports']);
    const wrapper = withPlugin(
      instance,
      `<section id="admin" v-show="shown" v-permission="'manage:users'">Admin</section>`,
      { shown: true },
    );
    const section = wrapper.find('#admin');
    expect(section.attributes(GRANTED)).toBeUndefined();
    // v-show leaves an inline display; the stylesheet's layered !important rule wins in a browser.
    expect(document.adoptedStyleSheets.length).toBe(1);
    (wrapper.vm as unknown as { shown: boolean }).shown = false;
    await nextTick();
    (wrapper.vm as unknown as { shown: boolean }).shown = true;
    await nextTick();
    expect(section.attributes(GRANTED)).toBeUndefined();
    expect(section.attributes('data-permission')).toBe('manage:users');
    wrapper.unmount();
  });

  it('.disable keeps it visible, disabled and aria-disabled until granted, then as the author set it', async () => {
    const instance = controlled();
    const wrapper = withPlugin(
      instance,
      `<fieldset id="create" v-permission.disable="'create:reports'"><input /></fieldset>`,
    );
    const fieldset = wrapper.find('#create');
    expect(fieldset.attributes('data-permission-mode')).toBe('disable');
    expect(fieldset.attributes('disabled')).toBeDefined();
    expect(fieldset.attributes('aria-disabled')).toBe('true');
    await instance.grant(['create:reports']);
    expect(fieldset.attributes('disabled')).toBeUndefined();
    expect(fieldset.attributes('aria-disabled')).toBeUndefined();
    await instance.grant(['read:reports']);
    expect(fieldset.attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('re-applies after Vue patches a bound :disabled', async () => {
    const instance = controlled();
    await instance.grant(['read:reports']);
    const wrapper = withPlugin(
      instance,
      `<button id="b" :disabled="busy" :title="String(busy)" v-permission.disable="'create:reports'">Go</button>`,
      { busy: true },
    );
    (wrapper.vm as unknown as { busy: boolean }).busy = false;
    await nextTick();
    expect(wrapper.find('#b').attributes('title')).toBe('false');
    expect(wrapper.find('#b').attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('follows a changed expression', async () => {
    const instance = controlled();
    await instance.grant(['read:reports']);
    const wrapper = withPlugin(instance, `<p id="p" v-permission="expression">x</p>`, {
      expression: 'read:reports',
    });
    expect(wrapper.find('#p').attributes(GRANTED)).toBe('');
    (wrapper.vm as unknown as { expression: string }).expression = 'manage:users';
    await nextTick();
    expect(wrapper.find('#p').attributes(GRANTED)).toBeUndefined();
    expect(wrapper.find('#p').attributes('data-permission')).toBe('manage:users');
    wrapper.unmount();
  });

  it('a bad or missing expression hides the element and is reported once', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const instance = controlled();
    await instance.grant(['read:reports']);
    const wrapper = withPlugin(
      instance,
      `<div><p class="bad" v-permission="'read:reports ('">a</p><p class="bad" v-permission="'read:reports ('">b</p><p class="none" v-permission="missing">c</p></div>`,
      { missing: undefined },
    );
    for (const p of wrapper.findAll('p')) expect(p.attributes(GRANTED)).toBeUndefined();
    await instance.grant(['read:reports', 'x']);
    const reports = error.mock.calls.map(([message]) => String(message));
    expect(reports.filter((m) => m.includes('"read:reports ("'))).toHaveLength(1);
    expect(reports.filter((m) => m.includes('"undefined"'))).toHaveLength(1);
    wrapper.unmount();
  });
});
