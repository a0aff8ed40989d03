/**
 * The signed-in frame's side navigation (views/partials/header.ejs): under 768 px it folds behind the
 * "Menu" button (a disclosure: aria-expanded on the button, Escape closes it). Without JavaScript the
 * button stays hidden and the navigation is a plain list above the page.
 *
 * It also lets every table of the page stack into cards on a phone: views that label their cells
 * (class "stack-table", data-label on each cell) need nothing; for the others the labels are copied from
 * the column headers here.
 */

const NARROW = '(max-width: 47.999rem)';

function setUpNavigation(button: HTMLButtonElement, nav: HTMLElement): void {
  const narrow = window.matchMedia(NARROW);
  const setOpen = (open: boolean) => {
    button.setAttribute('aria-expanded', String(open));
    nav.dataset.collapsed = String(narrow.matches && !open);
  };
  button.hidden = false;
  setOpen(false);
  button.addEventListener('click', () => setOpen(button.getAttribute('aria-expanded') !== 'true'));
  nav.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !narrow.matches) return;
    setOpen(false);
    button.focus();
  });
  narrow.addEventListener('change', () => setOpen(false));
}

const toggle = document.querySelector<HTMLButtonElement>('[data-nav-toggle]');
const sideNav = document.getElementById('side-nav');
if (toggle && sideNav) setUpNavigation(toggle, sideNav);

function labelCells(table: HTMLTableElement): void {
  const headers = Array.from(table.tHead?.rows[0]?.cells ?? [], (cell) => cell.textContent?.trim() ?? '');
  for (const body of Array.from(table.tBodies)) {
    for (const row of Array.from(body.rows)) {
      Array.from(row.cells).forEach((cell, index) => {
        if (cell.dataset.label === undefined) cell.dataset.label = headers[index] ?? '';
      });
    }
  }
  table.classList.add('stack-table');
}

for (const table of Array.from(document.querySelectorAll<HTMLTableElement>('main table:not(.stack-table)'))) {
  labelCells(table);
}
