import { z } from 'zod';
import { NORMALIZE_SPECS, type NormalizeSpec } from '../../vocabulary/normalize-specs.js';
import { boolean, integer, itemName, nonEmpty, shorthand } from './fields.js';

const pattern = z.string().superRefine((p, ctx) => {
  try {
    new RegExp(p, 'u');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
  }
});

const lookupItem = shorthand(
  // `callNum:` alone in YAML is null: an optional item with the defaults.
  z.null(),
  () => ({}),
  z.strictObject({
    required: boolean.default(false).meta({ description: 'A request without it (or with an empty string) is 400 MISSING_ITEM.' }),
    maxLength: integer(1, 65_536)
      .default(256)
      .meta({ description: "The longest value accepted, in characters as sent (the helpdesk's 데이터 길이); longer is 400 ITEM_TOO_LONG." }),
    pattern: pattern
      .optional()
      .meta({ description: 'A JavaScript regular expression the whole (normalised) value must match (anchored for you); else 400 ITEM_PATTERN_MISMATCH.', examples: ['^[0-9]+$'] }),
    values: z
      .array(z.string())
      .min(1, 'must list at least one value')
      .optional()
      .meta({ description: 'The only values accepted, compared exactly; else 400 ITEM_NOT_ALLOWED.', examples: [['korea', 'japan']] }),
    normalize: z
      .enum(NORMALIZE_SPECS as [NormalizeSpec, ...NormalizeSpec[]], { error: `must be ${NORMALIZE_SPECS.join(', ')}` })
      .optional()
      .meta({
        description:
          'Brings the value to its stored form after `maxLength` and before `values`, `pattern` and the query: `phone-kr` ("+82 10-1234-5678" → "01012345678"), `phone-kr-dashed` (→ "010-1234-5678", for a column stored dashed), `digits`, `trim` or `lower`.',
      }),
  }),
).meta({ description: 'One lookup item (조회 항목). `callNum:` alone is an optional item with the defaults.' });

const mask = z
  .union(
    [
      z.enum(['phone', 'email', 'name']),
      z.strictObject({
        keepFirst: integer(0, 64).default(0).meta({ description: 'Characters kept at the start.' }),
        keepLast: integer(0, 64).default(0).meta({ description: 'Characters kept at the end.' }),
      }),
    ],
    { error: 'must be phone, email, name or { keepFirst: N, keepLast: N }' },
  )
  .meta({
    description: 'How the value is masked before it is sent: `phone`, `email`, `name`, or keep the first and last characters and star the rest.',
    examples: ['phone', { keepFirst: 2, keepLast: 2 }],
  });

const resultItem = shorthand(
  // The shorthand `id: member_id` names the column.
  z.string(),
  (v) => ({ column: v }),
  z.strictObject({
    column: nonEmpty.meta({ description: 'The column of the query (or field of the upstream row) the value comes from.' }),
    mask: mask.optional(),
  }),
).meta({ description: 'One result item (결과 항목). `id: member_id` is short for `{ column: member_id }`.' });


export const lookup = z
  .record(itemName, lookupItem)
  .refine((r) => Object.keys(r).length > 0, 'at least one lookup item (조회 항목) is required')
  .meta({ description: 'The lookup items (조회 항목) the helpdesk sends, by name, checked before any query runs.' });

export const result = z
  .record(itemName, resultItem)
  .refine((r) => Object.keys(r).length > 0, 'at least one result item (결과 항목) is required')
  .meta({ description: 'The result items (결과 항목): the keys the agent sees, in this order, each from a column of the query.' });
