/**
 * The signed-in frame's side navigation (views/partials/header.ejs): under 768 px it folds behind the
 * "Menu" button (a disclosure: aria-expanded on the button, Escape closes it). Without JavaScript the
 * button stays hidden and the navigation is a plain list above the page.
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
