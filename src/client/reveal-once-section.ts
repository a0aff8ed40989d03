/**
 * A one-time password section (views/admin/reset-result.ejs, as a page or in the menu's dialog): a Copy
 * button that uses the Clipboard API when it can and otherwise selects the text for a manual copy, and
 * a page that wipes the password when left, so Back from the browser cache never shows it again.
 */
import { text } from './text';

function selectText(element: Element): void {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

async function copy(value: Element, status: Element | null): Promise<void> {
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  try {
    if (!navigator.clipboard) throw new Error('no Clipboard API');
    await navigator.clipboard.writeText(value.textContent ?? '');
    say(text('client:copy.copied'));
  } catch {
    selectText(value);
    say(text('client:copy.select_manually'));
  }
}

export function setUpRevealOnce(section: HTMLElement): void {
  const button = section.querySelector<HTMLButtonElement>('[data-copy-target]');
  const value = button && document.getElementById(button.dataset.copyTarget ?? '');
  if (button && value) {
    button.hidden = false;
    button.addEventListener('click', () => void copy(value, section.querySelector('[data-copy-status]')));
  }
  window.addEventListener('pagehide', () => {
    if (value) value.textContent = '';
  });
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    section.replaceChildren();
    const heading = document.createElement('h2');
    heading.textContent = text('client:reveal_once.gone_title');
    const explanation = document.createElement('p');
    explanation.textContent = text('client:reveal_once.gone_text');
    section.append(heading, explanation);
  });
}
