/** Entry point of the one-click result page: its password section (see reveal-once-section.ts). */
import { setUpRevealOnce } from './reveal-once-section';

for (const section of document.querySelectorAll<HTMLElement>('[data-reveal-once]')) setUpRevealOnce(section);
