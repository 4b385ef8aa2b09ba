import type { Money } from '@partnerships/domain';

/** Minor units shown in major units, as many decimals as the currency has (2 for USD, 0 for JPY). */
export function moneyText({ amountMinor, currency }: Money): string {
  let digits: number;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // A code Intl does not know: show the minor units as they are.
    return `${amountMinor} ${currency} (minor units)`;
  }
  const major = new Intl.NumberFormat('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amountMinor / 10 ** digits);
  return `${major} ${currency}`;
}

/** A money map of the All Partners row (currency → minor units); `-` when empty. */
export function moneyMapText(map: Readonly<Record<string, number>>): string {
  const entries = Object.entries(map);
  return entries.length === 0 ? '-' : entries.map(([currency, amountMinor]) => moneyText({ amountMinor, currency })).join(', ');
}
