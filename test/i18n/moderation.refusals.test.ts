// Moderation refusals are data ({ id, params, money }) rendered in the reader's language: plurals by
// Intl.PluralRules, money by Intl.NumberFormat, times as Discord timestamps, English for the logs.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { QuotaRule } from '../../src/moderation/quota.ts';
import { quotaRefusal, RefusalError, renderRefusal } from '../../src/moderation/refusals.ts';

const MIDNIGHT = Date.UTC(2025, 5, 2);

describe('GIVEN a quota refusal', () => {
  test('WHEN the daily budget is spent THEN the amount is written the way each language writes money', () => {
    const error = new RefusalError(
      quotaRefusal({ ok: false, rule: 'budget', limit: 2.5, remaining: 0, retryAt: MIDNIGHT }),
    );
    const time = `<t:${MIDNIGHT / 1000}:R>`;
    expect(error.message).toBe(
      `⏳ This server has reached its daily budget of $2.50. You can try again ${time}.`,
    );
    expect(error.id).toBe('refusal.budget');
    expect(error.render('de')).toBe(
      `⏳ Dieser Server hat sein Tagesbudget von 2,50\u00a0$ erreicht. Du kannst es ${time} wieder versuchen.`,
    );
    expect(error.render('fr')).toContain('budget quotidien de 2,50\u00a0$US');
    // A language we do not ship falls back to the server's, then English.
    expect(error.render('ja', 'de')).toBe(error.render('de'));
    expect(error.render('ja', 'ko')).toBe(error.message);
  });

  test('WHEN one image is left THEN each language uses its singular, and its plural otherwise', () => {
    const fewer = (remaining: number) =>
      quotaRefusal({ ok: false, rule: 'daily_per_user', limit: 5, remaining, retryAt: null });
    expect(renderRefusal('en', fewer(1))).toBe(
      '⏳ You have only 1 image left today: use /imagine with count 1.',
    );
    expect(renderRefusal('de', fewer(1))).toContain('nur noch 1 Bild übrig');
    expect(renderRefusal('de', fewer(2))).toContain(
      'nur noch 2 Bilder übrig: Verwende /bild mit anzahl 2 oder weniger',
    );
    expect(renderRefusal('fr', fewer(1))).toContain('que 1 image aujourd’hui');
    expect(renderRefusal('fr', fewer(3))).toContain('que 3 images aujourd’hui');
  });

  test('WHEN any rule refuses with any limit THEN every language fills every placeholder and fits a message', () => {
    const rules: QuotaRule[] = ['cooldown', 'daily_per_user', 'daily_server', 'budget'];
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: null }),
        fc.constantFrom('en-US', 'en-GB', 'de', 'fr', 'ja', 'es-ES'),
        (rule, limit, remaining, retryAt, locale) => {
          const refusal = quotaRefusal({ ok: false, rule, limit, remaining, retryAt });
          const text = new RefusalError(refusal).render(locale);
          expect(text).not.toMatch(/\{\w+\}/);
          expect([...text].length).toBeLessThanOrEqual(2000);
          if (rule === 'cooldown') expect(text).toContain(`<t:${Math.ceil((retryAt ?? 0) / 1000)}:R>`);
          else if (retryAt === null) expect(text).toContain(String(remaining));
          else expect(text).toContain(`<t:${Math.ceil(retryAt / 1000)}:R>`);
        },
      ),
    );
  });
});
