import Link from 'next/link';
import { Card, PageTitle } from './_components/ui/card';

export default function NotFound() {
  return (
    <div>
      <PageTitle>Not found</PageTitle>
      <Card>
        <p className="mb-2">There is nothing here.</p>
        <Link href="/">Back to the home page</Link>
      </Card>
    </div>
  );
}
