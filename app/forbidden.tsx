import Link from 'next/link';
import { Card, PageTitle } from './_components/ui/card';

export default function Forbidden() {
  return (
    <div>
      <PageTitle>403 · Not allowed</PageTitle>
      <Card>
        <p className="mb-2">You do not have permission to do this.</p>
        <Link href="/">Back to the home page</Link>
      </Card>
    </div>
  );
}
