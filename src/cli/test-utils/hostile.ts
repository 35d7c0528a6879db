/**
 * Text an endpoint could answer to take over the terminal of whoever runs `custlink call` or
 * `check`: an OSC title change ended by BEL, clear screen, a bare CR that overwrites the line,
 * a C1 CSI, a right-to-left override, and a line separator.
 */
export const HOSTILE_TEXT = 'a\x1b]0;owned\x07b\x1b[2Jc\rd\x9b31me\u202ef\u2028g';

/** Any character a terminal acts on instead of showing, except the newline that ends a line. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
