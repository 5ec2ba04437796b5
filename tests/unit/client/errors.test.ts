// Which class an error answer becomes: by status, then by the server's error name.
import * as client from '../../../client/src';

const body = (status: number, name: string) => ({ data: null, error: { status, name, message: `${name}!`, details: { x: 1 } } });

test.each([
  [400, 'ValidationError', 'ValidationError'],
  [401, 'UnauthorizedError', 'UnauthorizedError'],
  [402, 'InsufficientFundsError', 'InsufficientFundsError'],
  [402, 'InsufficientCreditError', 'InsufficientCreditError'],
  [402, 'NoActiveSubscriptionError', 'NoActiveSubscriptionError'],
  [402, 'SomethingElseError', 'PaymentRequiredError'],
  [403, 'ModelNotAllowedError', 'ModelNotAllowedError'],
  [403, 'PolicyError', 'ForbiddenError'],
  [404, 'CodeNotFoundError', 'NotFoundError'],
  [409, 'HoldNotOpenError', 'ConflictError'],
  [429, 'TooManyRedeemAttemptsError', 'TooManyRequestsError'],
  [500, 'InternalServerError', 'BillingUnavailableError'],
  [502, 'PaymentProviderError', 'BillingUnavailableError'],
  [418, 'Teapot', 'BillingError'],
])('%s %s → %s, keeping the server name, message and details', (status, name, className) => {
  const error = client.errorFromResponse(status, body(status, name), 'req-1');
  expect(error.constructor).toBe((client as unknown as Record<string, unknown>)[className]);
  expect(error).toBeInstanceOf(client.BillingError);
  expect(error).toBeInstanceOf(Error);
  expect(error).toMatchObject({ status, name, message: `${name}!`, details: { x: 1 }, requestId: 'req-1' });
});

test('an answer without Strapi error body still gets a name and a message', () => {
  const error = client.errorFromResponse(503, null);
  expect(error).toBeInstanceOf(client.BillingUnavailableError);
  expect(error).toMatchObject({ status: 503, name: 'HTTP503', message: 'The billing server answered 503' });
});

test('the 402 subclasses are PaymentRequiredErrors; ModelNotAllowedError is a ForbiddenError', () => {
  expect(client.errorFromResponse(402, body(402, 'InsufficientCreditError'))).toBeInstanceOf(client.PaymentRequiredError);
  expect(client.errorFromResponse(403, body(403, 'ModelNotAllowedError'))).toBeInstanceOf(client.ForbiddenError);
});
