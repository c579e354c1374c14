// How a setting's value is kept: JSON text, read back leniently (both engines).

/** A stored value that is not JSON: it fails every setting's schema, so the default applies. */
class UnreadableValue {
  readonly unreadable: string;
  constructor(raw: unknown) {
    this.unreadable = String(raw).slice(0, 60);
  }
  // Audited as "the default" if a moderator replaces it.
  toJSON(): null {
    return null;
  }
}

export const parse = (json: unknown): unknown => {
  if (json === null || json === undefined) return null;
  try {
    return JSON.parse(String(json));
  } catch {
    return new UnreadableValue(json);
  }
};
export const json = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);
