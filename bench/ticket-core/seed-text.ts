/**
 * The seed's text: subjects and message bodies from a small vocabulary with Zipf frequencies
 * (the first words are in nearly every ticket, the last in a few percent), plus a long tail of
 * made-up product names (each in under 1% of tickets), so full-text search has common words
 * with many matches to rank and rare ones with few. Deterministic: the same texts every run.
 */
const WORDS = (
  'the my is please help not order account thanks can you it with for and app email ' +
  'update still error payment login since again today customer service agent ticket ' +
  'reply waiting problem issue support password refund invoice delivery subscription ' +
  'card charged twice reset access locked missing package tracking number wrong address ' +
  'change plan upgrade billing receipt discount code expired trial renewal mobile browser ' +
  'crash slow loading page blank screen export report data sync calendar integration ' +
  'api token webhook timeout certificate domain settings profile photo upload attachment ' +
  'file size limit notification alerts sms phone verification security question team ' +
  'member invite admin role permission denied license seats contract quote sales demo ' +
  'onboarding training manual guide feature request bug urgent tomorrow week yesterday ' +
  'morning evening weekend holiday office store warehouse courier damaged return label ' +
  'exchange colour stock backorder preorder voucher gift balance credit debit bank ' +
  'transfer paypal vat tax company registration gdpr delete privacy cookie consent ' +
  'newsletter unsubscribe spam bounce mailbox forward alias migration import csv ' +
  'spreadsheet dashboard chart widget filter search sort duplicate merge archive restore'
).split(' ');

/** Made-up product names: consonant-vowel syllables, 3 000 of them. */
const PRODUCTS = (() => {
  const consonants = 'bdfgklmnprstvz';
  const vowels = 'aeiou';
  const names: string[] = [];
  for (let index = 0; names.length < 3_000; index++) {
    let name = '';
    for (let rest = index + 7_919, syllables = 0; syllables < 3; syllables++) {
      name += consonants[rest % consonants.length] + vowels[Math.floor(rest / 14) % vowels.length];
      rest = Math.floor(rest / 70);
    }
    names.push(`${name}${index % 97}`);
  }
  return names;
})();

/** Cumulative Zipf (s = 1) weights over WORDS, for drawing by binary search. */
const ZIPF = (() => {
  const weights = WORDS.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let running = 0;
  return weights.map((weight) => (running += weight / total));
})();

/** One word or two (AND), in about 5% to 45% of tickets with this generator. */
export const SEARCH_QUERIES = [
  'refund',
  'password reset',
  'invoice',
  'tracking number',
  'login error',
  'calendar sync',
];

export const SUBJECT_COUNT = 2_000;
export const BODY_COUNT = 10_000;

/** mulberry32: a small seeded PRNG, so the texts are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function word(next: () => number): string {
  if (next() < 0.15) return PRODUCTS[Math.floor(next() * PRODUCTS.length)];
  const u = next();
  let low = 0;
  let high = ZIPF.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ZIPF[middle] < u) low = middle + 1;
    else high = middle;
  }
  return WORDS[low];
}

function sentence(next: () => number, min: number, max: number): string {
  const length = min + Math.floor(next() * (max - min + 1));
  const text = Array.from({ length }, () => word(next)).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function subjects(): string[] {
  const next = random(7);
  return Array.from({ length: SUBJECT_COUNT }, () => sentence(next, 3, 8));
}

export function bodies(): string[] {
  const next = random(11);
  return Array.from({ length: BODY_COUNT }, () => `${sentence(next, 12, 40)}.`);
}

export const FIRST_NAMES = (
  'Ada Ben Carla Dmitri Elif Farah Goran Hana Ivan Julia Kofi Lena Marco Nadia Omar Priya ' +
  'Quentin Rosa Sven Tariq'
).split(' ');
export const LAST_NAMES = (
  'Meyer Okafor Rossi Novak Yilmaz Haddad Kowalski Tanaka Petrov Garcia Mensah Schulz ' +
  'Bianchi Dubois Nakamura Silva Larsen Khan'
).split(' ');
export const LABELS = ['vip', 'bug', 'billing', 'refund', 'feature-request', 'escalated', 'sla'];
export const TEAMS = ['Billing', 'Technical', 'Sales', 'Logistics'];
