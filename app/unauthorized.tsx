import Link from 'next/link';
import { Card, PageTitle } from './_components/ui/card';

export default function Unauthorized() {
  return (
    <div>
      <PageTitle>Please log in</PageTitle>
      <Card>
        <p className="mb-2">This page is for members.</p>
        <Link href="/login">Log in</Link>
      </Card>
    </div>
  );
}
