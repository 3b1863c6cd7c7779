import { Navigate } from 'react-router';
import { useSession } from '../../features/auth/api/session.ts';
import { homePath } from '../../lib/authorization.ts';

export function HomeRedirect() {
  const session = useSession();
  return <Navigate to={homePath(session.data?.user.roles ?? [])} replace />;
}
