import { z } from 'zod';

/** One option of a command, as the chat platforms register and parse it; derived from the command's schema. */
export interface CommandOption {
  name: string;
  description: string;
  /** `attachment`: a file the user attaches on Discord (its URL reaches the command); a link on Slack. */
  type: 'string' | 'boolean' | 'attachment';
  required: boolean;
  choices?: readonly string[];
  /** Offer the configured story ids as completions. */
  autocomplete?: 'story';
}

/**
 * What a schema field may say about itself besides its description (`.meta({...})`): `autocomplete`
 * completes story ids; `cliOnly` keeps the field off the chat platforms (only the CLI, as operator, sets it).
 */
export interface OptionMeta {
  description?: string;
  autocomplete?: 'story';
  cliOnly?: boolean;
  /** The field is the URL of a file: Discord asks for an attachment. */
  attachment?: boolean;
}

/** The field and the schemas it wraps (optional, default, pipe), outermost first. */
function layers(field: z.ZodType): z.ZodType[] {
  const out: z.ZodType[] = [];
  for (let t: z.ZodType | undefined = field; t;) {
    out.push(t);
    if (t instanceof z.ZodOptional || t instanceof z.ZodDefault || t instanceof z.ZodNullable) t = t.unwrap() as z.ZodType;
    else if (t instanceof z.ZodPipe) t = t.in as z.ZodType;
    else t = undefined;
  }
  return out;
}

/** The metadata given anywhere on a field's layers (the outer layer wins). */
function metaOf(field: z.ZodType): OptionMeta {
  return Object.assign(
    {},
    ...layers(field)
      .reverse()
      .map((t) => (z.globalRegistry.get(t) ?? {}) as OptionMeta),
  ) as OptionMeta;
}

/** The values a field allows when it is a closed list (enum or literals). */
function choicesOf(inner: z.ZodType): readonly string[] | undefined {
  if (inner instanceof z.ZodEnum) return inner.options.map(String);
  if (inner instanceof z.ZodLiteral) return [...inner.values].map(String);
  return undefined;
}

/** True when the field takes a boolean (a plain boolean, or a union with one: Slack sends words). */
function isBoolean(inner: z.ZodType): boolean {
  if (inner instanceof z.ZodBoolean) return true;
  return inner instanceof z.ZodUnion && (inner.options as z.ZodType[]).some((o) => layers(o).some((l) => l instanceof z.ZodBoolean));
}

/**
 * The chat options of a command, in the schema's field order: name, description (`.describe()`),
 * type (boolean, attachment or string), required (not optional), choices (an enum or literal), story
 * completion. Fields marked `cliOnly` are left out. Throws when a field has no description: a
 * command is not defined without one for each option.
 */
export function optionsOf(schema: z.ZodObject, command: string): CommandOption[] {
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([name, field]): CommandOption[] => {
    const meta = metaOf(field);
    if (meta.cliOnly) return [];
    if (!meta.description) throw new Error(`/${command}: option "${name}" has no description`);
    const inner = layers(field).at(-1) ?? field;
    const choices = choicesOf(inner);
    return [
      {
        name,
        description: meta.description,
        type: isBoolean(inner) ? 'boolean' : meta.attachment ? 'attachment' : 'string',
        required: !field.safeParse(undefined).success,
        ...(choices ? { choices } : {}),
        ...(meta.autocomplete ? { autocomplete: meta.autocomplete } : {}),
      },
    ];
  });
}
