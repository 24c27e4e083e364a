import { Suspense } from 'react';
import { LoginLink } from './_components/login-link';
import { Card, PageTitle } from './_components/ui/card';

export default function Unauthorized() {
  return (
    <div>
      <PageTitle>Please log in</PageTitle>
      <Card>
        <p className="mb-2">This page is for members.</p>
        <Suspense fallback={<a href="/login">Log in</a>}>
          <LoginLink />
        </Suspense>
      </Card>
    </div>
  );
}
