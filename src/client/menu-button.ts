/**
 * The "More options" menu button on a user's detail page (WAI-ARIA menu button pattern) and its
 * confirmation dialogs. Markup: views/admin/more-options.ejs. Without JavaScript the options are a
 * plain list of links to confirmation pages; with it, a menu opened by click, keyboard or hover, and each
 * option shows its confirmation page's form in a modal dialog (the form still posts normally, except the
 * one-click reset's, whose answer — the new password — replaces the question in the same dialog).
 */

import { setUpRevealOnce } from './reveal-once-section';

const HOVER_OPEN_MS = 200;
const HOVER_CLOSE_MS = 400;

/** Options with their own full page (the typed password needs the live strength meter). */
const PAGE_ONLY_ACTIONS = new Set(['password']);

function setUpMenu(root: HTMLElement): void {
  const button = root.querySelector<HTMLButtonElement>('[data-menu-button]');
  const list = root.querySelector<HTMLElement>('[data-menu-list]');
  if (!button || !list) return;
  const items = Array.from(list.querySelectorAll<HTMLElement>('[data-menu-item]'));

  root.querySelector('[data-menu-fallback]')?.setAttribute('hidden', '');
  button.hidden = false;
  list.setAttribute('role', 'menu');
  list.hidden = true;
  for (const item of items) {
    item.setAttribute('role', 'menuitem');
    item.tabIndex = -1;
    item.parentElement?.setAttribute('role', 'none');
  }

  const isOpen = () => button.getAttribute('aria-expanded') === 'true';
  /** Opened by the mouse resting on it: it closes again when the mouse leaves, unless clicked meanwhile. */
  let openedByHover = false;
  let hoverTimer: ReturnType<typeof setTimeout> | undefined;
  /** `focusIndex` null: open without moving the focus (hover). */
  function open(focusIndex: number | null): void {
    clearTimeout(hoverTimer);
    openedByHover = false;
    list!.hidden = false;
    button!.setAttribute('aria-expanded', 'true');
    if (focusIndex !== null) items.at(focusIndex)?.focus();
  }
  function close(returnFocus: boolean): void {
    clearTimeout(hoverTimer);
    openedByHover = false;
    list!.hidden = true;
    button!.setAttribute('aria-expanded', 'false');
    if (returnFocus) button!.focus();
  }

  // Hover opens after a short rest and closes after a short absence, so passing over it does nothing;
  // click and keyboard work as before, so nothing is reachable by hover only.
  root.addEventListener('pointerenter', (event) => {
    if (event.pointerType !== 'mouse') return;
    clearTimeout(hoverTimer);
    if (isOpen()) return;
    hoverTimer = setTimeout(() => {
      open(null);
      openedByHover = true;
    }, HOVER_OPEN_MS);
  });
  root.addEventListener('pointerleave', (event) => {
    if (event.pointerType !== 'mouse') return;
    clearTimeout(hoverTimer);
    if (isOpen() && openedByHover) hoverTimer = setTimeout(() => close(false), HOVER_CLOSE_MS);
  });
  function move(from: HTMLElement, step: number): void {
    const index = items.indexOf(from);
    items[(index + step + items.length) % items.length]?.focus();
  }

  button.addEventListener('click', () => {
    // A click on a menu the hover just opened keeps it open instead of closing it under the pointer.
    if (isOpen() && openedByHover) openedByHover = false;
    else if (isOpen()) close(false);
    else open(0);
  });
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      open(-1);
    }
  });
  list.addEventListener('keydown', (event) => {
    const current = event.target as HTMLElement;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(current, 1),
      ArrowUp: () => move(current, -1),
      Home: () => items[0]?.focus(),
      End: () => items.at(-1)?.focus(),
      Escape: () => close(true),
      Tab: () => close(false),
      Enter: () => current.click(),
      ' ': () => current.click(),
    };
    const handle = keys[event.key];
    if (!handle) return;
    if (event.key !== 'Tab') event.preventDefault();
    handle();
  });
  document.addEventListener('click', (event) => {
    if (isOpen() && !root.contains(event.target as Node)) close(false);
  });
  for (const item of items) {
    item.addEventListener('click', (event) => {
      if (item.getAttribute('aria-disabled') === 'true') {
        event.preventDefault();
        return;
      }
      const link = item as HTMLAnchorElement;
      if (PAGE_ONLY_ACTIONS.has(item.dataset.action ?? '')) return;
      event.preventDefault();
      close(false);
      void openConfirmation(link.href, button);
    });
  }
}

const SECTIONS = '[data-confirm-form], [data-result-dialog]';

/** The confirmation or result section of a page the server answered, or null for anything else. */
async function fetchSection(href: string, init: RequestInit = {}): Promise<Element | null> {
  try {
    const response = await fetch(href, { ...init, headers: { Accept: 'text/html' } });
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    // A refused or invalid form comes back (4xx) with its section and the reason in it.
    return response.ok || response.status < 500 ? page.querySelector(SECTIONS) : null;
  } catch {
    return null;
  }
}

/** A page's <h1> becomes the dialog's <h2>: the page under the dialog keeps the one <h1>. */
function demoteHeadings(root: HTMLElement): void {
  for (const heading of root.querySelectorAll('h1')) {
    const demoted = document.createElement('h2');
    for (const { name, value } of heading.attributes) demoted.setAttribute(name, value);
    demoted.append(...heading.childNodes);
    heading.replaceWith(demoted);
  }
}

/** Puts `section` into the dialog, wires its buttons, and focuses its first field or button. */
function showSection(dialog: HTMLDialogElement, section: Element): void {
  const shown = document.importNode(section, true) as HTMLElement;
  demoteHeadings(shown);
  dialog.replaceChildren(shown);
  dialog.setAttribute('aria-labelledby', shown.querySelector('h1, h2')?.id ?? '');
  for (const cancel of shown.querySelectorAll<HTMLElement>('[data-dialog-close]')) {
    cancel.addEventListener('click', (event) => {
      event.preventDefault();
      dialog.close();
    });
  }
  // The one-click "Yes" resets at once: its answer (the password and the toggles) replaces the question.
  const form = shown.querySelector<HTMLFormElement>('form[data-submit-in-dialog]');
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    void submitInDialog(dialog, form);
  });
  if (shown.matches('[data-result-dialog]')) {
    dialog.dataset.mustAnswer = 'true';
    setUpRevealOnce(shown);
  }
  // On first opening, showModal() focuses the first control itself.
  if (dialog.open) {
    shown.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), button, a[href]')?.focus();
  }
}

async function submitInDialog(dialog: HTMLDialogElement, form: HTMLFormElement): Promise<void> {
  const body = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') body.append(name, value);
  const section = await fetchSection(form.action, { method: 'POST', body });
  if (section) showSection(dialog, section);
  // Anything else (the server unreachable, an unexpected page): the answer as a page. A second POST of a
  // spent form is harmless; the server answers it "no longer available".
  else HTMLFormElement.prototype.submit.call(form);
}

/** Loads the confirmation page and shows its form in a modal dialog; on any failure, goes to the page. */
async function openConfirmation(href: string, returnFocusTo: HTMLElement): Promise<void> {
  const section = await fetchSection(href);
  if (!section) {
    window.location.assign(href);
    return;
  }
  const dialog = document.createElement('dialog');
  dialog.className = 'dialog';
  // A password already set must be confirmed or closed through the server: Escape does not skip it.
  dialog.addEventListener('cancel', (event) => {
    if (dialog.dataset.mustAnswer) event.preventDefault();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    returnFocusTo.focus();
  });
  document.body.append(dialog);
  showSection(dialog, section);
  dialog.showModal();
}

for (const root of document.querySelectorAll<HTMLElement>('[data-menu]')) setUpMenu(root);
