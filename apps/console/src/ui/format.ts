import type { MoneyMap } from '../api/api-types';

// Building an Intl formatter costs far more than using one (toLocaleString builds one per call):
// one per currency, and one per date style, for the whole tab.
const moneyFormats = new Map<string, { readonly format: Intl.NumberFormat; readonly digits: number }>();
const dateFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function moneyFormat(currency: string) {
  let entry = moneyFormats.get(currency);
  if (entry === undefined) {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency });
    entry = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    moneyFormats.set(currency, entry);
  }
  return entry;
}

/** The currency's minor-unit digits (2 for USD, 0 for JPY); a code Intl does not know counts as USD. */
export function moneyDigits(currency: string): number {
  return moneyFormat(/^[A-Z]{3}$/.test(currency) ? currency : 'USD').digits;
}

/** Integer minor units as an amount of the currency (`{ USD: 123450 }` → "$1,234.50"). */
export function formatMoney(amountMinor: number, currency: string): string {
  const { format, digits } = moneyFormat(currency);
  return format.format(amountMinor / 10 ** digits);
}

/** A money map as "€12.00, $1,234.50"; a dash when empty. */
export function formatMoneyMap(map: MoneyMap): string {
  const entries = Object.entries(map);
  return entries.length === 0 ? '—' : entries.map(([currency, minor]) => formatMoney(minor, currency)).join(', ');
}

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return `${dateTimeFormat.format(new Date(iso))} UTC`;
}
