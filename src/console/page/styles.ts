import { CUSTOMER_CSS } from './customer-css.js';
import { LAYOUT_CSS } from './layout-css.js';
import { SETTINGS_CSS } from './settings-css.js';
import { TICKET_CSS } from './ticket-css.js';

/**
 * The page's style sheet, served as /assets/console.css (the CSP allows no inline style).
 * Later rules win ties, so the parts keep this order. Each part starts with a line break and
 * ends without one, so joined they read as one sheet, the final line break added here.
 */
export const PAGE_CSS = [LAYOUT_CSS, SETTINGS_CSS, TICKET_CSS, CUSTOMER_CSS].join('') + '\n';
