import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api';
import { useI18n } from '../i18n';

/** A failed request shown as a message, never as a blank page: what the API said, and its hint. */
export function ErrorBox({
  error,
  title,
  children,
}: {
  error: ApiError | Error;
  title?: string;
  children?: ComponentChildren;
}) {
  const { t } = useI18n();
  const hint = (error as ApiError).hint;
  return (
    <div class="error-box" role="alert">
      <strong>{title ?? t.errorTitle}</strong>
      <p class="error-message">{error.message}</p>
      {hint && <p class="error-hint">{hint}</p>}
      {children && <p>{children}</p>}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" aria-busy="true">
      {t.loading}
    </p>
  );
}
