import { z } from 'zod';
import { CODE_MAX_LENGTH } from '../../../../contracts/codes';
import { userUsageSchema as userUsageQuery } from '../../validation/admin';
import { redeemSchema } from '../../validation/codes';
import { identifierSchema } from '../../validation/gateway';
import { checkoutSchema } from '../../validation/payments';
import { authAnswers, error, invalid, ok } from '../answers';
import type { Answer, Caller, Operation } from '../operation';
import { checkoutResponseSchema, redeemResultSchema, userUsageSchema, userViewSchema } from '../responses/accounts';
import { component } from '../zod-openapi';
import * as ex from '../examples/accounts';

// Account routes: /accounts/:userId… for the platform's back end (API token) or the account's owner
// (users-permissions JWT, policy own-account); /me… for a logged-in user, on their own account.

const userParams = z.object({ userId: identifierSchema });
const redeemBody = { schema: component('RedeemRequest', redeemSchema, `A code, matched ignoring case, spaces and dashes (at most ${CODE_MAX_LENGTH * 2} characters).`) };
const checkoutBody = {
  schema: component('CheckoutRequest', checkoutSchema),
  description:
    'A top-up (kind "topup", usage mode) needs amount and no planId; a plan purchase (kind "plan", period mode) needs planId and no amount; payType is for EPay only (one of payments.epay.payTypes).',
};

const redeemAnswers: Record<number, Answer> = {
  200: ok('The code redeemed: a usage code credits its amount, a period code grants its plan.', redeemResultSchema),
  400: invalid(),
  404: error(404, 'No redeemable code matches (unknown, deleted or disabled: indistinguishable).', ['CodeNotFoundError']),
  409: error(409, "The code is expired, spent, at this user's limit, or not for the billing mode.", [
    'CodeExpiredError',
    'CodeExhaustedError',
    'CodeLimitReachedError',
    'CodeNotApplicableError',
  ]),
  429: error(429, 'Too many failed attempts (details.retryAfterSeconds).', ['TooManyRedeemAttemptsError']),
};

const checkoutAnswers: Record<number, Answer> = {
  201: ok('A pending order and where the user pays.', checkoutResponseSchema),
  400: invalid(),
  409: error(409, 'Checkout not available now: details.reason is mode, channel-disabled, channel-not-configured, plan-unavailable or below-minimum.', ['CheckoutNotAvailableError']),
  502: error(502, 'The provider refused or could not be reached (the order is marked failed).', ['PaymentProviderError']),
};

const viewDescription = 'The user-side view for the current billing mode: self (usage totals), usage (balance, holds), period (subscription, plans).';
const usageDescription = 'Trend points per UTC day or month and a page of recent calls. from/to: ISO dates (whole UTC days, both included) or date-times; cursor: meta.cursor.next of the page before.';

const accountRoute = (caller: Caller, forbiddenNames: string[] = []) => ({ tag: 'Accounts', caller, extra: authAnswers(...forbiddenNames) });
const backEnd = accountRoute('apiTokenOrUser');
const me = accountRoute('user');

export const accountOperations: Operation[] = [
  {
    method: 'get', path: '/accounts/:userId', handler: 'account.show', tag: backEnd.tag, caller: backEnd.caller,
    summary: "A user's account view", description: viewDescription, params: userParams,
    responses: { 200: ok('The view.', userViewSchema), 400: invalid('Invalid userId.'), ...backEnd.extra },
    examples: ex.show,
  },
  {
    method: 'get', path: '/accounts/:userId/usage', handler: 'account.usage', tag: backEnd.tag, caller: backEnd.caller,
    summary: "A user's usage trend and recent calls", description: usageDescription, params: userParams, query: userUsageQuery,
    responses: { 200: ok('Points and logs.', userUsageSchema), 400: invalid(), ...backEnd.extra },
    examples: ex.usage,
  },
  {
    method: 'post', path: '/accounts/:userId/redeem', handler: 'account.redeem', tag: backEnd.tag, caller: backEnd.caller,
    summary: 'Redeem a code for a user', params: userParams, body: redeemBody,
    responses: { ...redeemAnswers, ...backEnd.extra },
    examples: ex.redeem,
  },
  {
    method: 'post', path: '/accounts/:userId/checkout', handler: 'account.checkout', tag: backEnd.tag, caller: backEnd.caller,
    summary: 'Start a payment (top-up or plan) for a user', params: userParams, body: checkoutBody,
    responses: { ...checkoutAnswers, ...backEnd.extra },
    examples: ex.checkout,
  },
  {
    method: 'get', path: '/me', handler: 'account.me', tag: me.tag, caller: me.caller,
    summary: "The logged-in user's account view", description: viewDescription,
    responses: { 200: ok('The view.', userViewSchema), ...me.extra },
    examples: ex.me,
  },
  {
    method: 'get', path: '/me/usage', handler: 'account.meUsage', tag: me.tag, caller: me.caller,
    summary: "The logged-in user's usage trend and recent calls", description: usageDescription, query: userUsageQuery,
    responses: { 200: ok('Points and logs.', userUsageSchema), 400: invalid(), ...me.extra },
    examples: ex.meUsage,
  },
  {
    method: 'post', path: '/me/redeem', handler: 'account.meRedeem', tag: me.tag, caller: me.caller,
    summary: 'Redeem a code (failures also counted per client address)', body: redeemBody,
    responses: { ...redeemAnswers, ...me.extra },
    examples: ex.meRedeem,
  },
  {
    method: 'post', path: '/me/checkout', handler: 'account.meCheckout', tag: me.tag, caller: me.caller,
    summary: 'Start a payment for the logged-in user', body: checkoutBody,
    responses: { ...checkoutAnswers, ...me.extra },
    examples: ex.meCheckout,
  },
];
