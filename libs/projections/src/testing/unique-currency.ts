/*
 * For specs that share one read model across tests: every test and property run takes currencies
 * of its own, so the read model answers each one only with its own sales.
 */
let currencyCounter = Math.floor(Math.random() * 10_000);

/** A three-letter code not handed out before in this process (17,576 of them, then round again). */
export function uniqueCurrency(): string {
  currencyCounter = (currencyCounter + 1) % 17_576;
  let n = currencyCounter;
  let code = '';
  for (let i = 0; i < 3; i += 1) {
    code = String.fromCharCode(65 + (n % 26)) + code;
    n = Math.floor(n / 26);
  }
  return code;
}
