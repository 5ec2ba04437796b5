// Counts read right in both languages (issue 15): "1 account", not "1 accounts". Formatted with
// intl-messageformat, the engine react-intl uses, from the translation files the admin ships.
import IntlMessageFormat from 'intl-messageformat';

import en from '../../../admin/src/translations/en.json';
import zh from '../../../admin/src/translations/zh-Hans.json';

const format = (messages: Record<string, string>, locale: string, key: string, values: Record<string, unknown>) =>
  String(new IntlMessageFormat(messages[key], locale).format(values));

/** The count messages and the values the pages pass them (a number to choose the form, the text shown). */
const COUNTS: Array<[string, (n: number) => Record<string, unknown>]> = [
  ['logs.count', (n) => ({ count: n, total: n.toLocaleString('en') })],
  ['charts.callsDetail', (n) => ({ count: n, calls: n.toLocaleString('en') })],
  ['accounts.subtitleCount', (n) => ({ count: n, total: n.toLocaleString('en') })],
  ['accounts.reconcile.ok', (n) => ({ count: n, accounts: n.toLocaleString('en') })],
  ['config.modeDialog.balancesUsed', (n) => ({ count: n })],
  ['config.modeDialog.subscriptionsUsed', (n) => ({ count: n })],
];

test.each(COUNTS)('%s: singular for one, plural for more, in English', (key, values) => {
  const one = format(en, 'en', key, values(1));
  const many = format(en, 'en', key, values(1234));
  expect(one).not.toMatch(/\b1 (active )?(calls|accounts|subscriptions)\b/);
  expect(many).toMatch(/\b1,234 (active )?(calls|accounts|subscriptions)\b/);
  expect(one).not.toBe(many.replace('1,234', '1'));
});

test.each(COUNTS)('%s: formats in Chinese with the same values', (key, values) => {
  expect(format(zh, 'zh-Hans', key, values(1))).toContain('1');
  expect(format(zh, 'zh-Hans', key, values(1234))).toContain('1,234');
});
