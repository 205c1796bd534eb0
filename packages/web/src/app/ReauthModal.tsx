/** Shown over the page when a request gets 401 mid-work: sign in again, and the waiting requests go on. */
import { SignIn } from './SignIn.tsx';

export function ReauthModal() {
  return (
    <div className="modal-backdrop" data-testid="reauth-modal">
      <div className="modal">
        <SignIn title="Your sign-in expired" />
        <p className="muted">Your edits are kept; they are saved once you are signed in again.</p>
      </div>
    </div>
  );
}
