import type { Metadata } from 'next';
import { Alert, Card, PageTitle } from '@/app/_components/ui/card';
import { getRegistrationState } from '@/lib/services/registration-state';
import { RegisterForm } from './register-form';

export const metadata: Metadata = { title: 'Register' };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const invite = typeof params.invite === 'string' ? params.invite.slice(0, 64) : '';
  const { mode, firstAccount } = await getRegistrationState();
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>Register</PageTitle>
      <Card>
        {firstAccount ? (
          <div className="mb-4">
            <Alert kind="info">This site has no accounts yet: the first account becomes the admin.</Alert>
          </div>
        ) : null}
        {mode === 'closed' && !firstAccount ? (
          <Alert>Registration is closed.</Alert>
        ) : (
          <RegisterForm inviteCode={invite} inviteRequired={mode === 'invite' && !firstAccount} />
        )}
      </Card>
    </div>
  );
}
