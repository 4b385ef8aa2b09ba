import type { MoneyMap } from '../api/api-types';

/** Integer minor units as an amount of the currency (`{ USD: 123450 }` → "$1,234.50"). */
export function formatMoney(amountMinor: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

/** A money map as "€12.00, $1,234.50"; a dash when empty. */
export function formatMoneyMap(map: MoneyMap): string {
  const entries = Object.entries(map);
  return entries.length === 0 ? '—' : entries.map(([currency, minor]) => formatMoney(minor, currency)).join(', ');
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}
