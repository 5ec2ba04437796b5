import { SECRET_SETTINGS, type SecretSettingPath } from '../../../../contracts';
import { useSecretStatus } from '../../api/settings';
import { Callout } from '../../components/Callout';
import { useT, type TranslationKey } from '../../utils/translations';

/** The label of each secret setting, as its field shows it. */
const SECRET_LABELS: Record<SecretSettingPath, TranslationKey> = {
  'payments.stripe.secretKey': 'config.stripe.secretKey',
  'payments.stripe.webhookSecret': 'config.stripe.webhookSecret',
  'payments.epay.key': 'config.epay.key',
};

/**
 * Names the payment secrets that are stored but cannot be decrypted with the configured keys (the app's
 * encryption key changed, or the database came from another environment): they must be entered again.
 * Metering is never affected; only payments need them.
 */
export const UnreadableSecrets = () => {
  const t = useT();
  const status = useSecretStatus();
  const unreadable = SECRET_SETTINGS.filter((path) => status.data?.[path]?.set && !status.data[path].readable);
  if (unreadable.length === 0) return null;
  return (
    <Callout variant="danger" title={t('config.secrets.unreadable.title')}>
      {t('config.secrets.unreadable.body', { fields: unreadable.map((path) => t(SECRET_LABELS[path])).join(', ') })}
    </Callout>
  );
};
